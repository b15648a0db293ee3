// A manager's low-stock alerts: newest first, the figures behind each, and one tap to a draft
// purchase order (one alert, or all of a supplier's in a warehouse). Offers push
// notifications here, with a word on why, and asks the browser only when the user taps.
import { html, render as paint, useEffect, useState } from '/vendor/htm-preact.js';
import { get, request } from '../api.js';
import { formatQty, formatTime } from '../dom.js';
import { locale, t } from '../i18n.js';
import * as push from '../push.js';
import { messageFor, page } from '../ui.js';

const qty = (value) => formatQty(value, locale());

function Figure({ value, label, name }) {
  return html`<div class="figure" data-figure=${name}>
    <span class="figure-value">${value === null || value === undefined ? '–' : qty(value)}</span>
    <span class="figure-label">${label}</span></div>`;
}

/** The offer to turn on notifications, with what happened when the user tapped it. */
function PushOffer() {
  const [state, setState] = useState(push.permission() === 'granted' && push.subscribed() ? 'on' : 'offer');
  const [message, setMessage] = useState('');
  if (push.permission() === 'unsupported') return null;
  if (state === 'on') return html`<p class="muted small" id="push-on">${t('push.on_here')}</p>`;
  if (push.permission() === 'denied') return html`<p class="muted small" id="push-denied">${t('push.blocked')}</p>`;
  const turnOn = async () => {
    setState('asking');
    const result = await push.enable();
    setMessage(result.ok ? '' : push.failureText(result));
    setState(result.ok ? 'on' : 'failed');
  };
  return html`<div class="notice notice-info stack" id="push-offer" role="status">
    <span>${t('push.why_alerts')}</span>
    ${state === 'failed' ? html`<span class="reason reason-bad" id="push-failed">${message}</span>` : null}
    <button type="button" class="primary" id="push-enable" disabled=${state === 'asking'} onClick=${turnOn}>
      ${t('push.enable')}</button></div>`;
}

function AlertCard({ alert, supplier, warehouse, focused, onOrder }) {
  const [state, setState] = useState({ busy: false, error: null });
  const order = async () => {
    setState({ busy: true, error: null });
    try {
      await onOrder(`/api/v1/alerts/${alert.id}/purchase-order`);
    } catch (error) {
      setState({ busy: false, error: messageFor(error) });
    }
  };
  return html`<li class=${`card${focused ? ' card-focused' : ''}`} id=${`alert-${alert.id}`} data-alert-id=${alert.id}>
    <strong>${alert.name}</strong>
    <span class="muted small">${alert.sku} · ${warehouse?.code || `#${alert.warehouse_id}`} · ${formatTime(alert.raised_at, locale())}</span>
    <div class="figures">
      <${Figure} name="available" value=${alert.available} label=${t('alerts.available')} />
      <${Figure} name="incoming" value=${alert.incoming} label=${t('alerts.incoming')} />
      <${Figure} name="threshold" value=${alert.threshold} label=${t('alerts.threshold')} />
      <${Figure} name="suggested" value=${alert.suggested_qty} label=${t('alerts.suggested')} />
    </div>
    <span class="small">${supplier ? t('alerts.supplier', { name: supplier.name }) : t('alerts.no_supplier')}</span>
    ${alert.purchase_order_id
    ? html`<span class="reason" data-po=${alert.purchase_order_id}>${t('alerts.ordered', { id: alert.purchase_order_id })}</span>`
    : html`<button type="button" class="primary order" disabled=${state.busy || !alert.supplier_id} onClick=${order}>
        ${t('alerts.order_one', { n: qty(alert.suggested_qty) })}</button>`}
    ${state.error ? html`<span class="reason reason-bad" role="alert">${state.error}</span>` : null}
  </li>`;
}

/** One button per supplier and warehouse with two or more alerts waiting for an order. */
function SupplierOrders({ alerts, suppliers, onOrder }) {
  const groups = new Map();
  for (const alert of alerts.filter((a) => a.supplier_id && !a.purchase_order_id)) {
    const key = `${alert.supplier_id}:${alert.warehouse_id}`;
    groups.set(key, [...(groups.get(key) || []), alert]);
  }
  const buttons = [...groups.values()].filter((group) => group.length > 1).map((group) => {
    const { supplier_id: supplierId, warehouse_id: warehouseId } = group[0];
    const name = suppliers.get(supplierId)?.name || `#${supplierId}`;
    return html`<button type="button" class="order-supplier" data-supplier-id=${supplierId}
      onClick=${() => onOrder('/api/v1/alerts/purchase-orders', { supplier_id: supplierId, warehouse_id: warehouseId })
        .catch(() => null)}>${t('alerts.order_supplier', { name, n: group.length })}</button>`;
  });
  return buttons.length ? html`<div class="row">${buttons}</div>` : null;
}

function Alerts({ focus }) {
  const [data, setData] = useState(null);
  const [done, setDone] = useState(null);
  const load = async () => {
    try {
      const [alerts, suppliers, warehouses] = await Promise.all([
        get('/api/v1/alerts'),
        get('/api/v1/suppliers?limit=500').catch(() => ({ data: { items: [] } })),
        get('/api/v1/warehouses').catch(() => ({ data: [] })),
      ]);
      setData({ alerts: alerts.data.items, suppliers: new Map(suppliers.data.items.map((s) => [s.id, s])),
        warehouses: new Map(warehouses.data.map((w) => [w.id, w])) });
    } catch (error) {
      setData({ error: messageFor(error) });
    }
  };
  useEffect(() => { load(); }, []);
  useEffect(() => {
    if (data && focus) document.getElementById(`alert-${focus}`)?.scrollIntoView({ block: 'center' });
  }, [data]);
  if (!data) return html`<p class="muted">${t('alerts.loading')}</p>`;
  if (data.error) return html`<div class="notice notice-bad" role="alert">${data.error}</div>`;
  const onOrder = async (url, body) => {
    const { data: order } = await request('POST', url, { body });
    setDone(t('alerts.drafted', { number: order.number }));
    await load();
  };
  return html`<div class="stack">
    <${PushOffer} />
    ${done ? html`<div class="notice notice-ok" role="status" id="alerts-done">${done}</div>` : null}
    ${data.alerts.length ? null : html`<div class="notice notice-ok" role="status" id="alerts-none">${t('alerts.none')}</div>`}
    <${SupplierOrders} alerts=${data.alerts} suppliers=${data.suppliers} onOrder=${onOrder} />
    <ul class="list" id="alerts-list">
      ${data.alerts.map((alert) => html`<${AlertCard} key=${alert.id} alert=${alert}
        supplier=${data.suppliers.get(alert.supplier_id)} warehouse=${data.warehouses.get(alert.warehouse_id)}
        focused=${String(alert.id) === focus} onOrder=${onOrder} />`)}
    </ul></div>`;
}

/** Render the alerts screen (#/alerts, or #/alerts/ID from a notification). */
export async function render(view, { params }) {
  const body = document.createElement('div');
  view.append(...page(t('tile.alerts'), body));
  paint(html`<${Alerts} focus=${params[0] || null} />`, body);
  return () => paint(null, body);
}
