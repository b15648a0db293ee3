// Bin-to-bin moves (and put-away from staging): scan the bin the goods leave, the items
// (each scan one more; a pack adds its pack quantity), then the bin they go to. The move is
// queued in the outbox, one bin move per product, and the screen is ready for the next.
import { formatQty, h, replace } from '../dom.js';
import { locale, t } from '../i18n.js';
import * as outbox from '../outbox.js';
import { feedback } from '../scan/feedback.js';
import { meaningOrRefusal, refreshCopy } from '../floor/copy.js';
import { floorScreen } from '../floor/screen.js';

/** Render the bin-move screen. */
export function render(view) {
  const clearButton = h('button', { type: 'button', id: 'move-clear' }, t('move.clear'));
  const screen = floorScreen(view, { title: t('tile.move'), idle: t('move.scan_from'), main: clearButton });
  const move = { from: null, items: new Map() }; // product id -> {product, qty, lotId}

  const draw = () => replace(screen.work,
    h('div', { class: 'move-ends' },
      h('div', { class: 'card', id: 'move-from', dataset: { binId: move.from?.id ?? '' } },
        h('span', { class: 'muted small' }, t('move.from')), h('strong', { class: 'bin-big' }, move.from?.code || '–')),
      h('div', { class: 'card', id: 'move-to' }, h('span', { class: 'muted small' }, t('move.to')),
        move.items.size ? h('strong', { class: 'bin-wait' }, t('move.scan_to')) : h('strong', { class: 'bin-big' }, '–'))),
    h('ol', { class: 'list', id: 'move-items' }, [...move.items.values()].map((item) => h('li', {
      class: 'card', dataset: { productId: item.product.id, qty: item.qty } },
    h('div', { class: 'row spread' }, h('strong', {}, item.product.name),
      h('span', { class: 'recv-count' }, formatQty(item.qty, locale())))))));

  const onBin = (location) => {
    if (!move.from || !move.items.size) {
      move.from = location;
      feedback('ok', { title: location.code, detail: t('move.from_set') });
      return draw();
    }
    if (location.warehouse_id !== move.from.warehouse_id) {
      return feedback('error', { title: location.code, detail: t('move.other_warehouse', { from: move.from.code }) });
    }
    if (location.id === move.from.id) return feedback('error', { title: location.code, detail: t('move.same_bin') });
    let units = 0;
    for (const item of move.items.values()) {
      units += item.qty;
      outbox.enqueue({ url: '/api/v1/bin-moves',
        body: { product_id: item.product.id, qty: item.qty, from_location_id: move.from.id, to_location_id: location.id,
          ...(item.lotId ? { lot_id: item.lotId } : {}) },
        label: { key: 'op.bin_move', vars: { qty: item.qty, sku: item.product.sku, from: move.from.code, to: location.code } },
        deps: [`product:${item.product.id}:bin:${move.from.id}`, `product:${item.product.id}:bin:${location.id}`],
        // When the stock was taken meanwhile, the user may take it from another bin instead.
        fix: [{ path: 'from_location_id', label: 'move.from', source: `/api/v1/warehouses/${location.warehouse_id}/locations`, text: 'code', dep: 'bin' }] });
    }
    feedback('ok', { title: location.code, detail: t('move.done', { n: formatQty(units, locale()), from: move.from.code }), count: units });
    move.from = null;
    move.items.clear();
    return draw();
  };

  const onProduct = (meaning) => {
    if (!move.from) return feedback('warn', { title: meaning.product.name, detail: t('move.from_first') });
    const item = move.items.get(meaning.product.id) || { product: meaning.product, qty: 0, lotId: meaning.lot_id };
    item.qty += Number(meaning.pack_qty || 1) * (meaning.count || 1);
    move.items.set(meaning.product.id, item);
    feedback('ok', { title: meaning.product.name, detail: t('move.added', { from: move.from.code }), count: item.qty });
    return draw();
  };

  const onScan = async ({ text }) => {
    const meaning = await meaningOrRefusal(text);
    if (!meaning) return undefined;
    if (meaning.kind === 'location') return onBin(meaning.location);
    if (meaning.kind === 'product') return onProduct(meaning);
    return feedback('error', { title: t('move.not_here', { code: text }) });
  };

  clearButton.addEventListener('click', () => {
    move.from = null;
    move.items.clear();
    draw();
  });
  refreshCopy();
  draw();
  const input = screen.listen(onScan);
  return () => { input.stop(); screen.stop(); };
}
