// Sales orders: the list (status, warehouse), a new order (customer, warehouse, products by
// scan or search), and one order: confirm (reserving every line; what could not be reserved
// is listed line by line), cancel, and how far picking and shipping have come.
import { html, useEffect, useState } from '/vendor/htm-preact.js';
import { t } from '../i18n.js';
import { formatMoney } from '../money.js';
import { navigate } from '../nav.js';
import * as session from '../session.js';
import { messageFor } from '../ui.js';
import { allItems, listPage, one, send } from './data.js';
import { Field, FieldError, Form, useValues } from './form.js';
import { ProductPicker } from './picker.js';
import { Table } from './table.js';
import { formatDate, formatDateTime } from '../dates.js';

const BASE = '/api/v1/sales-orders';
const LIST = '#/office/sales-orders';
const STATUSES = ['draft', 'confirmed', 'picking', 'picked', 'shipped', 'cancelled'];
// As backend/sales/states.py allows: a picked order's picks go back to their bins.
const CANCELLABLE = ['draft', 'confirmed', 'picking', 'picked'];

function useChoices() {
  const [choices, setChoices] = useState({ customers: [], warehouses: [] });
  useEffect(() => {
    Promise.all([allItems('/api/v1/customers', { active: true }), one('/api/v1/warehouses')])
      .then(([customers, warehouses]) => setChoices({ customers, warehouses: warehouses.filter((w) => w.active) }))
      .catch(() => {});
  }, []);
  return choices;
}

function Status({ status }) {
  return html`<span class=${`chip status-chip status-${status}`}>${t(`status.${status}`)}</span>`;
}

function OrderList() {
  const { warehouses } = useChoices();
  const columns = [
    { key: 'number', label: t('so.number') },
    { key: 'customer', label: t('so.customer') },
    { key: 'warehouse_id', label: t('stock.warehouse'), render: (o) => warehouses.find((w) => w.id === o.warehouse_id)?.code ?? o.warehouse_id },
    { key: 'status', label: t('office.status'), render: (o) => html`<${Status} status=${o.status} />` },
    { key: 'created_at', label: t('so.created'), render: (o) => formatDate(o.created_at) },
  ];
  const filters = [
    { name: 'status', label: t('office.status'), options: [['', t('office.any')], ...STATUSES.map((s) => [s, t(`status.${s}`)])] },
    { name: 'warehouse_id', label: t('stock.warehouse'), options: [['', t('office.any')], ...warehouses.map((w) => [String(w.id), w.code])] },
  ];
  return html`<div class="row office-head"><h1 tabindex="-1">${t('office.sales-orders')}</h1>
      ${session.can('sales.write') ? html`<a class="button primary" id="new-order" href=${`${LIST}/new`}>${t('so.new')}</a>` : null}</div>
    <${Table} id="order-table" columns=${columns} filters=${filters} searchLabel=${t('so.search')}
      href=${(o) => `${LIST}/${o.id}`} load=${({ q, ...params }) => listPage(BASE, params).then((page) => ({ ...page,
        items: q ? page.items.filter((o) => `${o.number} ${o.customer}`.toLowerCase().includes(q.toLowerCase())) : page.items }))} />`;
}

function NewOrder() {
  const { customers, warehouses } = useChoices();
  const [values, set] = useValues({ customer_id: '', warehouse_id: '' });
  const [lines, setLines] = useState([]);
  const add = ({ product, pack_qty }) => setLines((old) => {
    const at = old.findIndex((l) => l.product.id === product.id);
    if (at < 0) return [...old, { product, qty: String(pack_qty || 1) }];
    return old.map((l, i) => (i === at ? { ...l, qty: String(Number(l.qty || 0) + (pack_qty || 1)) } : l));
  });
  const save = async () => {
    const created = await send('POST', BASE, { customer_id: Number(values.customer_id) || null,
      warehouse_id: Number(values.warehouse_id) || null, notes: (values.notes || '').trim() || undefined,
      lines: lines.map((l) => ({ product_id: l.product.id, qty_ordered: String(l.qty).trim() })) });
    navigate(`${LIST}/${created.id}`);
  };
  return html`<h1 tabindex="-1">${t('so.new')}</h1>
    <${Form} id="order-form" onSubmit=${save} onClose=${() => navigate(LIST)} submitLabel=${t('so.create')}>
      <div class="grid">
        <${Field} name="customer_id" type="select" label=${t('so.customer')} value=${values.customer_id} set=${set}
          options=${[['', '—'], ...customers.map((c) => [String(c.id), `${c.code} · ${c.name}`])]} />
        <${Field} name="warehouse_id" type="select" label=${t('stock.warehouse')} value=${values.warehouse_id} set=${set}
          options=${[['', '—'], ...warehouses.map((w) => [String(w.id), `${w.code} · ${w.name}`])]} />
        <${Field} name="notes" label=${t('so.notes')} value=${values.notes} set=${set} />
      </div>
      <fieldset class="field"><legend>${t('so.lines')}</legend>
        <${ProductPicker} id="order-picker" onPick=${add} />
        ${lines.length ? html`<table class="sub-table order-lines"><thead><tr><th>${t('product.sku')}</th>
          <th>${t('product.name')}</th><th>${t('so.qty')}</th><th></th></tr></thead>
          <tbody>${lines.map((line, i) => html`<tr key=${line.product.id} data-sku=${line.product.sku}>
            <td data-label=${t('product.sku')}>${line.product.sku}</td><td data-label=${t('product.name')}>${line.product.name}</td>
            <td data-label=${t('so.qty')}><input name=${`lines.${i}.qty_ordered`} inputmode="decimal" value=${line.qty}
              aria-label=${`${t('so.qty')} ${line.product.sku}`}
              onInput=${(e) => setLines(lines.map((l, j) => (j === i ? { ...l, qty: e.target.value } : l)))} />
              <${FieldError} name=${`lines.${i}.qty_ordered`} /><${FieldError} name=${`lines.${i}.product_id`} /></td>
            <td><button type="button" class="remove-line" aria-label=${t('so.remove_line')}
              onClick=${() => setLines(lines.filter((_, j) => j !== i))}>✕</button></td></tr>`)}</tbody></table>`
          : html`<p class="muted">${t('so.no_lines')}</p>`}
      </fieldset>
    </${Form}>`;
}

/** A line's progress: picked (and short) and shipped out of what was ordered. */
function Progress({ line }) {
  const ordered = Number(line.qty_ordered) || 1;
  const pct = (n) => `${Math.min(100, Math.round((Number(n) / ordered) * 100))}%`;
  return html`<div class="progress" title=${t('so.progress_of', { picked: line.qty_picked, shipped: line.qty_shipped, ordered: line.qty_ordered })}>
    <div class="bar"><span class="picked" style=${{ width: pct(line.qty_picked) }}></span></div>
    <div class="bar"><span class="shipped" style=${{ width: pct(line.qty_shipped) }}></span></div>
  </div>`;
}

/** What could not be reserved: each line whose available stock is below what it orders. */
async function shortLines(order) {
  const short = [];
  for (const line of order.lines) {
    const levels = await listPage('/api/v1/stock/levels', { product_id: line.product_id, warehouse_id: order.warehouse_id });
    const available = Number(levels.items[0]?.available ?? 0);
    if (available < Number(line.qty_ordered)) short.push({ ...line, available });
  }
  return short;
}

function OrderPage({ id }) {
  const [order, setOrder] = useState(null);
  const [error, setError] = useState(null);
  const [short, setShort] = useState(null);
  const [armed, setArmed] = useState(false);
  useEffect(() => { one(`${BASE}/${id}`).then(setOrder).catch(setError); }, [id]);
  const writable = session.can('sales.write');
  const act = async (action) => {
    setError(null);
    setShort(null);
    try {
      setOrder(await send('POST', `${BASE}/${order.id}/${action}`, {}));
    } catch (failure) {
      setError(failure);
      if (failure.code === 'insufficient_stock') setShort(await shortLines(order).catch(() => null));
    }
  };
  if (!order) {
    return html`<h1 tabindex="-1"></h1>${error ? html`<div class="notice notice-bad" role="alert">${messageFor(error)}</div>` : null}`;
  }
  const shipments = order.shipments || [];
  return html`<div class="row office-head"><h1 tabindex="-1">${order.number}</h1><${Status} status=${order.status} /></div>
    <p class="muted">${order.customer} · ${t('so.total')} ${formatMoney(order.total)}${order.notes ? ` · ${order.notes}` : ''}</p>
    ${error ? html`<div class="notice notice-bad" role="alert" id="order-error">${messageFor(error)}</div>` : null}
    ${short?.length ? html`<div class="notice notice-bad" id="not-reserved"><strong>${t('so.not_reserved')}</strong><ul>
      ${short.map((l) => html`<li key=${l.id} data-sku=${l.sku}>${t('so.short_line', { sku: l.sku, ordered: l.qty_ordered, available: l.available })}</li>`)}
    </ul></div>` : null}
    ${writable ? html`<div class="row order-actions">
      ${order.status === 'draft' ? html`<button type="button" class="primary" id="confirm-order" onClick=${() => act('confirm')}>${t('so.confirm')}</button>` : null}
      ${CANCELLABLE.includes(order.status) ? html`<button type="button"
        class=${armed ? 'danger armed' : 'danger'} id="cancel-order" onBlur=${() => setArmed(false)}
        onClick=${() => { if (armed) act('cancel'); else setArmed(true); }}>${armed ? t('so.cancel_confirm') : t('so.cancel')}</button>` : null}
    </div>` : null}
    <section class="card"><h2>${t('so.lines')}</h2>
      <table class="sub-table order-detail"><thead><tr><th>${t('product.sku')}</th><th>${t('product.name')}</th>
        <th class="num">${t('so.ordered')}</th><th class="num">${t('so.reserved')}</th><th class="num">${t('so.picked')}</th>
        <th class="num">${t('so.short')}</th><th class="num">${t('so.shipped')}</th><th>${t('so.progress')}</th></tr></thead>
      <tbody>${order.lines.map((l) => html`<tr key=${l.id} data-sku=${l.sku}>
        <td data-label=${t('product.sku')}>${l.sku}</td><td data-label=${t('product.name')}>${l.name}</td>
        <td class="num" data-label=${t('so.ordered')}>${l.qty_ordered}</td><td class="num" data-label=${t('so.reserved')}>${l.qty_reserved}</td>
        <td class="num" data-label=${t('so.picked')}>${l.qty_picked}</td><td class="num" data-label=${t('so.short')}>${l.qty_short}</td>
        <td class="num" data-label=${t('so.shipped')}>${l.qty_shipped}</td>
        <td data-label=${t('so.progress')}><${Progress} line=${l} /></td></tr>`)}</tbody></table>
    </section>
    <section class="card" id="shipments"><h2>${t('so.shipments')}</h2>
      ${shipments.length ? html`<ul>${shipments.map((s) => html`<li key=${s.id}>${formatDateTime(s.created_at)} ·
        ${t('so.revenue')} ${s.revenue}</li>`)}</ul>` : html`<p class="muted">${t('so.no_shipments')}</p>`}
    </section>`;
}

/** The sales orders section. */
export default function SalesOrders({ id }) {
  if (id === 'new') return html`<${NewOrder} />`;
  return id ? html`<${OrderPage} key=${id} id=${id} />` : html`<${OrderList} />`;
}
