// Purchase orders: the list (status, supplier, paging); a new order with its supplier,
// warehouse and lines (products picked by scan or search); a draft's lines edited; submit
// for approval, cancel, close; and the receipts against each line.
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

const BASE = '/api/v1/purchase-orders';
const LIST = '#/office/purchase-orders';
const STATUSES = ['draft', 'pending_approval', 'approved', 'partly_received', 'received', 'closed', 'cancelled'];
const CANCELLABLE = ['draft', 'pending_approval', 'approved'];
const CLOSABLE = ['partly_received', 'received'];

/** Suppliers and warehouses by id, for names and the pick lists. */
function usePartiesAndPlaces() {
  const [lists, setLists] = useState({ suppliers: [], warehouses: [], error: null, loaded: false });
  useEffect(() => {
    Promise.all([allItems('/api/v1/suppliers'), allItems('/api/v1/warehouses')])
      .then(([suppliers, warehouses]) => setLists({ suppliers, warehouses, error: null, loaded: true }))
      .catch((error) => setLists((l) => ({ ...l, error, loaded: true })));
  }, []);
  return lists;
}

const nameOf = (list, id) => list.find((x) => x.id === id)?.name || `#${id}`;

function OrderList() {
  const { suppliers, warehouses } = usePartiesAndPlaces();
  const columns = [
    { key: 'number', label: t('po.number') },
    { key: 'supplier_id', label: t('po.supplier'), render: (o) => nameOf(suppliers, o.supplier_id) },
    { key: 'warehouse_id', label: t('po.warehouse'), render: (o) => nameOf(warehouses, o.warehouse_id) },
    { key: 'status', label: t('office.status'), render: (o) => t(`status.${o.status}`) },
    { key: 'expected_date', label: t('po.expected'), render: (o) => formatDate(o.expected_date) },
  ];
  const filters = [
    { name: 'status', label: t('office.status'), options: [['', t('office.any')], ...STATUSES.map((s) => [s, t(`status.${s}`)])] },
    { name: 'supplier_id', label: t('po.supplier'), options: [['', t('office.any')], ...suppliers.map((s) => [String(s.id), s.name])] },
  ];
  return html`<div class="row office-head"><h1 tabindex="-1">${t('office.purchase-orders')}</h1>
      ${session.can('purchasing.write') ? html`<a class="button primary" id="new-po" href="#/office/purchase-orders/new">${t('po.new')}</a>` : null}</div>
    <${Table} id="po-table" columns=${columns} filters=${filters} href=${(o) => `${LIST}/${o.id}`}
      load=${({ q, ...params }) => listPage(BASE, params)} />`;
}

/** The order's lines as the form edits them; errors at `lines.<i>.<field>`. */
function LineRows({ rows, setRows, editable }) {
  const change = (i, key, value) => setRows(rows.map((row, j) => (j === i ? { ...row, [key]: value } : row)));
  const cell = (i, key, label) => html`<td data-label=${label}>
    <input name=${`lines.${i}.${key}`} id=${`field-lines.${i}.${key}`} value=${rows[i][key]} inputmode="decimal"
      aria-label=${`${label} ${rows[i].sku}`} disabled=${!editable} onInput=${(e) => change(i, key, e.target.value)} />
    <${FieldError} name=${`lines.${i}.${key}`} /></td>`;
  const progress = (row) => (editable ? null : html`<td class="num po-received" data-label=${t('po.received')}>${row.qty_received}</td>
    <td class="num po-outstanding" data-label=${t('po.outstanding')}>${row.outstanding}</td>`);
  return html`<table class="sub-table po-lines"><thead><tr><th>${t('product.sku')}</th><th>${t('po.qty')}</th>
      <th>${t('po.unit_cost')}</th>${editable ? html`<th></th>`
    : html`<th class="num">${t('po.received')}</th><th class="num">${t('po.outstanding')}</th>`}</tr></thead>
    <tbody>${rows.map((row, i) => html`<tr key=${row.key} data-product-id=${row.product_id}>
      <td><strong>${row.sku}</strong> <span class="muted small">${row.name || ''}</span>
        <${FieldError} name=${`lines.${i}.product_id`} /></td>
      ${cell(i, 'qty_ordered', t('po.qty'))}${cell(i, 'unit_cost', t('po.unit_cost'))}${progress(row)}
      ${editable ? html`<td><button type="button" class="remove-line" aria-label=${t('po.remove_line')}
        onClick=${() => setRows(rows.filter((_, j) => j !== i))}>✕</button></td>` : null}
    </tr>`)}</tbody></table>`;
}

let rowKeys = 0;
function rowOf(line) {
  return { key: ++rowKeys, product_id: line.product_id, sku: line.sku, name: line.name,
    qty_ordered: String(line.qty_ordered), unit_cost: String(line.unit_cost ?? '0'),
    qty_received: line.qty_received ?? 0, outstanding: line.outstanding ?? line.qty_ordered };
}

function OrderForm({ order, lists, onSaved }) {
  const editable = !order || order.status === 'draft';
  const [values, set] = useValues(order ? { supplier_id: String(order.supplier_id),
    warehouse_id: String(order.warehouse_id), expected_date: order.expected_date || '', notes: order.notes || '' }
    : { supplier_id: '', warehouse_id: String(lists.warehouses[0]?.id || ''), expected_date: '', notes: '' });
  const [rows, setRows] = useState(order ? order.lines.map(rowOf) : []);
  const add = ({ product, pack_qty: packQty }) => setRows((old) => {
    const at = old.findIndex((row) => row.product_id === product.id);
    if (at < 0) return [...old, rowOf({ product_id: product.id, sku: product.sku, name: product.name, qty_ordered: packQty, unit_cost: product.cost || '0' })];
    return old.map((row, i) => (i === at ? { ...row, qty_ordered: String(Number(row.qty_ordered) + packQty) } : row));
  });
  const save = async () => {
    const body = { supplier_id: Number(values.supplier_id) || null, warehouse_id: Number(values.warehouse_id) || null,
      expected_date: values.expected_date || null, notes: values.notes || '',
      lines: rows.map((row) => ({ product_id: row.product_id, qty_ordered: row.qty_ordered.trim(), unit_cost: row.unit_cost.trim() })) };
    const saved = order ? await send('PATCH', `${BASE}/${order.id}`, body) : await send('POST', BASE, body);
    onSaved(saved);
  };
  const choose = (list, empty) => [['', empty], ...list.filter((x) => x.active !== false).map((x) => [String(x.id), `${x.code} · ${x.name}`])];
  return html`<${Form} id="po-form" onSubmit=${save} onClose=${() => navigate(LIST)} readOnly=${!editable}
      submitLabel=${order ? t('office.save') : t('po.create')}>
    <div class="grid">
      <${Field} name="supplier_id" type="select" label=${t('po.supplier')} value=${values.supplier_id} set=${set}
        options=${choose(lists.suppliers, t('po.choose_supplier'))} disabled=${!editable} />
      <${Field} name="warehouse_id" type="select" label=${t('po.warehouse')} value=${values.warehouse_id} set=${set}
        options=${choose(lists.warehouses, t('po.choose_warehouse'))} disabled=${!editable} />
      <${Field} name="expected_date" type="date" label=${t('po.expected')} value=${values.expected_date} set=${set} disabled=${!editable} />
    </div>
    <${Field} name="notes" type="textarea" label=${t('po.notes')} value=${values.notes} set=${set} disabled=${!editable} />
    <h3>${t('po.lines')}</h3>
    ${editable ? html`<${ProductPicker} onPick=${add} />` : null}
    <${FieldError} name="lines" />
    <${LineRows} rows=${rows} setRows=${setRows} editable=${editable} />
    ${order ? html`<p class="po-total">${t('po.total', { total: formatMoney(order.total) })}</p>` : null}
  </${Form}>`;
}

/** The receipts against each line: when, how many, into which bin. */
function Receipts({ order }) {
  const [bins, setBins] = useState(new Map());
  useEffect(() => {
    allItems(`/api/v1/warehouses/${order.warehouse_id}/locations`)
      .then((rows) => setBins(new Map(rows.map((bin) => [bin.id, bin.code])))).catch(() => {});
  }, [order.warehouse_id]);
  const byLine = new Map(order.lines.map((line) => [line.id, line]));
  const rows = order.receipts.flatMap((receipt) => receipt.lines.map((line) => ({ ...line, at: receipt.created_at })));
  if (!rows.length) return html`<p class="muted">${t('po.no_receipts')}</p>`;
  return html`<table class="sub-table po-receipts"><thead><tr><th>${t('product.sku')}</th><th>${t('po.received_at')}</th>
    <th class="num">${t('po.qty')}</th><th>${t('po.bin')}</th></tr></thead><tbody>
    ${rows.map((r) => html`<tr key=${r.id} data-line-id=${r.order_line_id}><td>${byLine.get(r.order_line_id)?.sku}</td>
      <td data-label=${t('po.received_at')}>${formatDateTime(r.at)}</td><td class="num" data-label=${t('po.qty')}>${r.qty}</td>
      <td data-label=${t('po.bin')}>${bins.get(r.location_id) || `#${r.location_id}`}</td></tr>`)}</tbody></table>`;
}

function Actions({ order, onChanged }) {
  const [error, setError] = useState(null);
  const act = (action) => async () => {
    setError(null);
    try {
      onChanged(await send('POST', `${BASE}/${order.id}/${action}`));
    } catch (failure) {
      setError(failure);
    }
  };
  if (!session.can('purchasing.write')) return null;
  return html`<div class="row po-actions">
    ${order.status === 'draft' ? html`<button type="button" class="primary po-submit" onClick=${act('submit')}>${t('po.submit')}</button>` : null}
    ${order.status === 'pending_approval' && session.can('approvals.decide') ? html`<a class="button" href="#/approvals">${t('tile.approvals')}</a>` : null}
    ${CLOSABLE.includes(order.status) ? html`<button type="button" class="po-close" onClick=${act('close')}>${t('po.close')}</button>` : null}
    ${CANCELLABLE.includes(order.status) ? html`<button type="button" class="danger po-cancel" onClick=${act('cancel')}>${t('po.cancel')}</button>` : null}
    ${error ? html`<p class="field-error" role="alert">${messageFor(error)}</p>` : null}
  </div>`;
}

function OrderPage({ id }) {
  const lists = usePartiesAndPlaces();
  const [order, setOrder] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    if (id !== 'new') one(`${BASE}/${id}`).then(setOrder).catch(setError);
  }, [id]);
  const saved = (fresh) => (id === 'new' ? navigate(`${LIST}/${fresh.id}`) : setOrder(fresh));
  const ready = lists.loaded;
  return html`<div class="row office-title"><h1 tabindex="-1">${id === 'new' ? t('po.new') : order?.number || ''}</h1>
      ${order ? html`<span class="chip chip-info po-status" data-status=${order.status}>${t(`status.${order.status}`)}</span>` : null}</div>
    ${error || lists.error ? html`<div class="notice notice-bad" role="alert">${messageFor(error || lists.error)}</div>` : null}
    ${order ? html`<${Actions} order=${order} onChanged=${setOrder} />` : null}
    ${ready && (id === 'new' || order) ? html`<${OrderForm} key=${`${id}-${order?.updated_at}`} order=${order} lists=${lists} onSaved=${saved} />` : null}
    ${order && order.status !== 'draft' ? html`<section class="card"><h2>${t('po.receipts')}</h2><${Receipts} order=${order} /></section>` : null}`;
}

/** The purchase orders section. */
export default function PurchaseOrders({ id }) {
  return id ? html`<${OrderPage} id=${id} />` : html`<${OrderList} />`;
}
