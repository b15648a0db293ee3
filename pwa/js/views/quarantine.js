// The managers' quarantine list: what returns put aside, per warehouse; release it to a bin
// (a bin move) or write it off (a stock adjustment that waits for approval).
import { get } from '../api.js';
import { formatQty, h, replace } from '../dom.js';
import { locale, t } from '../i18n.js';
import * as outbox from '../outbox.js';
import { confirmButton, field, messageFor, notice, page } from '../ui.js';

function releaseForm(row, bins, item) {
  const select = h('select', { class: 'release-bin' }, bins.map((bin) => h('option', { value: bin.id }, bin.code)));
  const release = h('button', { type: 'button', class: 'primary release' }, t('quarantine.release'));
  release.addEventListener('click', () => {
    outbox.enqueue({ url: '/api/v1/quarantine/release',
      body: { warehouse_id: row.warehouse_id, product_id: row.product_id, lot_id: row.lot_id, qty: row.on_hand,
        to_location_id: Number(select.value) },
      label: { key: 'op.release', vars: { qty: row.on_hand, sku: row.sku } },
      deps: [`product:${row.product_id}:bin:${row.location_id}`] });
    replace(item.querySelector('.actions'), notice('ok', t('quarantine.queued')));
  });
  const writeOff = confirmButton(t('quarantine.write_off'), t('quarantine.write_off_confirm'), () => {
    outbox.enqueue({ url: '/api/v1/quarantine/write-off',
      body: { warehouse_id: row.warehouse_id, product_id: row.product_id, lot_id: row.lot_id, qty: row.on_hand,
        reason: 'written off from quarantine' },
      label: { key: 'op.write_off', vars: { qty: row.on_hand, sku: row.sku } },
      deps: [`product:${row.product_id}:bin:${row.location_id}`] });
    replace(item.querySelector('.actions'), notice('ok', t('quarantine.write_off_queued')));
  }, { class: 'danger write-off' });
  return h('div', { class: 'stack actions' }, field(t('quarantine.to_bin'), select), h('div', { class: 'row' }, release, writeOff));
}

/** Render the quarantine list. */
export async function render(view) {
  const list = h('ul', { class: 'list', id: 'quarantine-list' });
  view.append(...page(t('quarantine.title'), list));
  try {
    const [{ data }, { data: warehouses }] = await Promise.all([get('/api/v1/quarantine?limit=200'), get('/api/v1/warehouses')]);
    const bins = new Map();
    for (const w of warehouses) bins.set(w.id, null);
    const binsOf = async (id) => {
      if (!bins.get(id)) bins.set(id, (await get(`/api/v1/warehouses/${id}/locations`)).data.filter((l) => l.kind === 'bin'));
      return bins.get(id);
    };
    const items = await Promise.all(data.items.map(async (row) => {
      const item = h('li', { class: 'card', dataset: { productId: row.product_id, warehouseId: row.warehouse_id } },
        h('div', { class: 'row spread' }, h('strong', {}, row.name), h('span', { class: 'recv-count' }, formatQty(row.on_hand, locale()))),
        h('p', { class: 'muted small' }, `${row.sku} · ${warehouses.find((w) => w.id === row.warehouse_id)?.code || ''}${row.lot ? ` · ${row.lot}` : ''}`));
      item.append(releaseForm(row, await binsOf(row.warehouse_id), item));
      return item;
    }));
    replace(list, items);
    if (!items.length) list.replaceWith(notice('ok', t('quarantine.empty')));
  } catch (error) {
    list.replaceWith(notice('bad', messageFor(error)));
  }
}
