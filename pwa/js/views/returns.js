// One-tap returns: scan the item (or the order's QR code or number); where the order is not
// known, pick it from the last orders that shipped the item; a big reason button; restock to
// the suggested bin or quarantine. Three taps or fewer after the scan; the return goes
// through the outbox (offline too, from the device's copy).
import { get } from '../api.js';
import { formatTime, h, replace } from '../dom.js';
import { locale, t } from '../i18n.js';
import * as outbox from '../outbox.js';
import * as session from '../session.js';
import { feedback } from '../scan/feedback.js';
import { floorCopy, meaningOrRefusal, refreshCopy, shipmentsOf, suggestedBin } from '../floor/copy.js';
import { floorScreen } from '../floor/screen.js';
import { asOfNote, notice } from '../ui.js';

export const REASONS = ['damaged', 'wrong_item', 'not_wanted', 'defective', 'other'];

function choice(id, label, onclick, extra = '') {
  return h('button', { type: 'button', class: `choice big ${extra}`, dataset: { choice: id }, onclick }, label);
}

/** Render the returns screen. */
export async function render(view) {
  const screen = floorScreen(view, { title: t('tile.returns'), idle: t('returns.scan') });
  const ret = { product: null, order: null, qty: 0, reason: null };
  const step = (...children) => replace(screen.work, ...children);

  const ask = {
    order: async () => {
      const shipped = await shipmentsOf(ret.product.id);
      step(h('h2', {}, t('returns.which_order')), h('div', { class: 'stack', id: 'returns-orders' },
        shipped.map((s) => choice(`order-${s.order_id}`, h('span', { class: 'stack-tight' }, h('strong', {}, `${s.number} · ${s.customer}`),
          h('span', { class: 'small' }, formatTime(s.shipped_at, locale()))), () => {
          ret.order = { id: s.order_id, number: s.number, warehouse_id: s.warehouse_id };
          ask.reason();
        })),
        shipped.length ? null : notice('info', t('returns.no_shipments'))));
    },
    reason: () => {
      suggestion = suggestedBin(ret.product.id, ret.order.warehouse_id).catch(() => null);
      step(h('h2', {}, t('returns.why', { name: ret.product.name, n: ret.qty })), h('div', { class: 'reasons', id: 'returns-reasons' },
        REASONS.map((reason) => choice(reason, t(`returns.reason.${reason}`), () => { ret.reason = reason; ask.where(); }, 'reason'))));
    },
    where: async () => {
      const bin = await suggestion;
      step(h('h2', {}, t(`returns.reason.${ret.reason}`)), h('div', { class: 'stack', id: 'returns-where' },
        bin ? choice('restock', t('returns.restock', { bin: bin.code }), () => finish('restock', bin), 'primary') : null,
        choice('quarantine', t('returns.quarantine'), () => finish('quarantine'), 'danger')));
    },
  };
  let suggestion = null;

  const finish = (disposition, bin) => {
    outbox.enqueue({ url: '/api/v1/sales-returns',
      body: { order_id: ret.order.id, warehouse_id: ret.order.warehouse_id, reason_code: ret.reason, disposition,
        lines: [{ product_id: ret.product.id, qty: ret.qty, ...(bin ? { location_id: bin.id } : {}) }] },
      label: { key: 'op.return', vars: { qty: ret.qty, sku: ret.product.sku, order: ret.order.number } },
      deps: [`so:${ret.order.id}`, `product:${ret.product.id}:bin:${bin?.id ?? 'quarantine'}`],
      fix: bin ? [{ path: 'lines.0.location_id', label: 'receive.bin', text: 'code', dep: 'bin',
        source: `/api/v1/warehouses/${ret.order.warehouse_id}/locations` }] : null });
    feedback('ok', { title: ret.product.name, detail: t(disposition === 'restock' ? 'returns.done_restock' : 'returns.done_quarantine',
      { bin: bin?.code, order: ret.order.number }), count: ret.qty });
    Object.assign(ret, { product: null, order: null, qty: 0, reason: null });
    start();
  };

  const onProduct = (product) => {
    if (ret.product?.id === product.id && !ret.reason) { // the same item again: one more
      ret.qty += 1;
      feedback('ok', { title: product.name, count: ret.qty });
      return ret.order ? ask.reason() : undefined;
    }
    Object.assign(ret, { product, qty: 1, reason: null });
    // The question itself is on the screen below; the band only says what was read.
    feedback('ok', { title: product.name, detail: ret.order ? ret.order.number : '', count: 1 });
    return ret.order ? ask.reason() : ask.order();
  };

  const onOrder = async (doc) => {
    const { data } = await get(`/api/v1/sales-orders/${doc.id}`);
    ret.order = { id: data.id, number: data.number, warehouse_id: data.warehouse_id };
    feedback('ok', { title: data.number, detail: t('returns.scan_item') });
    if (ret.product) return ask.reason();
    const { data: copy } = await floorCopy();
    const names = new Map(copy.products.map((p) => [p.id, p]));
    return step(h('h2', {}, t('returns.which_item', { order: data.number })), h('div', { class: 'stack', id: 'returns-items' },
      data.lines.map((line) => choice(`product-${line.product_id}`, names.get(line.product_id)?.name || line.sku,
        () => onProduct(names.get(line.product_id) || { id: line.product_id, name: line.sku, sku: line.sku })))));
  };

  const onScan = async ({ text }) => {
    // A typed order number means the order, as its QR code would.
    const code = /^SO-\d+$/i.test(text.trim()) ? `STP:SO:${text.trim().toUpperCase()}` : text;
    const meaning = await meaningOrRefusal(code);
    if (!meaning) return undefined;
    if (meaning.kind === 'document' && meaning.document.prefix === 'SO') return onOrder(meaning.document);
    if (meaning.kind === 'product') return onProduct(meaning.product);
    return feedback('error', { title: t('returns.not_item', { code: text }) });
  };

  function start() {
    step(screen.work.dataset.asOf ? asOfNote(screen.work.dataset.asOf) : null, h('p', { class: 'lead' }, t('returns.scan_hint')),
      session.can('stock.adjust') ? h('a', { class: 'button', href: '#/quarantine', id: 'to-quarantine' }, t('returns.quarantine_list')) : null);
  }
  refreshCopy().then(floorCopy).then(({ fetchedAt }) => {
    if (fetchedAt) screen.work.dataset.asOf = fetchedAt;
    if (!ret.product && !ret.order) start();
  });
  start();
  const input = screen.listen(onScan);
  return () => { input.stop(); screen.stop(); };
}
