// Picking: the orders to pick in my warehouses (oldest promised date first), opened by a tap
// or by scanning the order's QR code; several small orders chosen for one walk (cluster
// picking). #/pick lists them, #/pick/<id>[,<id>…] walks them, #/pick/<id>/ship hands over.
// The list follows its orders live: one whose status changes (picked elsewhere, cancelled) is
// read again with the rest, in place.
import { html, render as paint } from '/vendor/htm-preact.js';
import { formatQty } from '../dom.js';
import { locale, t } from '../i18n.js';
import { followDocument, onEvent } from '../live.js';
import { navigate } from '../nav.js';
import { feedback } from '../scan/feedback.js';
import { refreshCopy } from '../floor/copy.js';
import { orderNumberOf, ordersToPick, ordersToShip } from '../floor/picking.js';
import { floorScreen } from '../floor/screen.js';
import { AsOf } from './lookup-cards.js';
import { messageFor } from '../ui.js';

function OrderCard({ order, chosen, onToggle }) {
  const promised = order.promised_date ? t('pick.promised', { date: order.promised_date }) : t('pick.no_date');
  return html`<li class="pick-order" data-order-id=${order.id}>
    <a class="button choice big pick-open" href=${`#/pick/${order.id}`}>
      <span class="stack-tight"><strong>${order.number} · ${order.customer}</strong>
        <span class="small">${promised}${order.units_remaining !== undefined
          ? ` · ${t('pick.units_left', { n: formatQty(order.units_remaining, locale()), lines: order.lines_count })}` : ''}</span></span></a>
    <button type="button" class="pick-choose" aria-pressed=${String(chosen)} onClick=${() => onToggle(order.id)}>
      ${chosen ? t('pick.in_cluster') : t('pick.add_cluster')}</button>
  </li>`;
}

function OrderList({ state, onToggle }) {
  if (state.error) return html`<div class="notice notice-bad" role="alert">${state.error}</div>`;
  if (!state.loaded) return null;
  if (!state.orders.length) {
    return html`<div class="notice notice-ok">${t('pick.no_orders')}</div><${ReadyToShip} orders=${state.ready} />`;
  }
  return html`<${AsOf} asOf=${state.asOf} />
    <ul class="list" id="pick-orders">${state.orders.map((order) => html`<${OrderCard} key=${order.id} order=${order}
      chosen=${state.chosen.includes(order.id)} onToggle=${onToggle} />`)}</ul>
    <${ReadyToShip} orders=${state.ready} />`;
}

function ReadyToShip({ orders }) {
  if (!orders.length) return null;
  return html`<h2>${t('pick.ready')}</h2>
    <ul class="list" id="pick-ready">${orders.map((order) => html`<li key=${order.id} data-order-id=${order.id}>
      <a class="button choice big" href=${`#/pick/${order.id}/ship`}>${t('pick.ship_order', { so: `${order.number} · ${order.customer}` })}</a></li>`)}</ul>`;
}

/** The start: my warehouses' orders to pick; scan an order's QR code or tap it. */
async function renderList(view) {
  const together = document.createElement('button');
  Object.assign(together, { type: 'button', className: 'primary', id: 'pick-together' });
  const screen = floorScreen(view, { title: t('tile.pick'), idle: t('pick.scan_so') });
  const state = { orders: [], ready: [], chosen: [], asOf: null, loaded: false, error: null };
  const draw = () => {
    // In the action bar only when there is a walk to start: the bar lays out what it holds.
    if (state.chosen.length < 2) together.remove();
    else if (!together.isConnected) screen.bar.prepend(together);
    together.textContent = t('pick.together', { n: state.chosen.length });
    paint(html`<${OrderList} state=${state} onToggle=${toggle} />`, screen.work);
  };
  const toggle = (id) => {
    state.chosen = state.chosen.includes(id) ? state.chosen.filter((x) => x !== id) : [...state.chosen, id];
    draw();
  };
  together.addEventListener('click', () => navigate(`#/pick/${state.chosen.join(',')}`));
  const load = async () => {
    try {
      Object.assign(state, await ordersToPick(), { loaded: true, error: null });
      state.ready = (await ordersToShip()).orders;
    } catch (error) {
      if (!state.loaded) state.error = messageFor(error); // without the picked ones, the list still stands
    }
    const shown = new Set([...state.orders, ...state.ready].map((order) => order.id));
    state.chosen = state.chosen.filter((id) => state.orders.some((order) => order.id === id));
    for (const [id, leave] of followed) {
      if (!shown.has(id)) {
        leave();
        followed.delete(id);
      }
    }
    for (const id of shown) if (!followed.has(id)) followed.set(id, followDocument('sales_order', id));
  };
  const followed = new Map(); // order id -> leave()
  let reading = null;
  let again = false;
  let closed = false;
  const reload = () => {
    if (reading) {
      again = true;
      return;
    }
    reading = setTimeout(async () => {
      await load();
      if (!closed) {
        screen.work.dataset.updated = String(Date.now());
        draw();
      }
      reading = null;
      if (again && !closed) {
        again = false;
        reload();
      }
    }, 150);
  };
  const stopHearing = onEvent('document.changed', (payload) => {
    if (payload.type === 'sales_order' && followed.has(payload.id)) reload();
  });
  await load();
  draw();
  refreshCopy();
  const input = screen.listen(async ({ text }) => {
    const number = orderNumberOf(text);
    const order = number && state.orders.find((o) => o.number.toUpperCase() === number);
    const picked = number && state.ready.find((o) => o.number.toUpperCase() === number);
    if (!order && !picked) return feedback('error', { title: t('pick.no_such_so', { code: text }) });
    feedback('ok', { title: number });
    return navigate(order ? `#/pick/${order.id}` : `#/pick/${picked.id}/ship`);
  });
  return () => {
    closed = true;
    clearTimeout(reading);
    stopHearing();
    for (const leave of followed.values()) leave();
    input.stop();
    screen.stop();
    paint(null, screen.work);
  };
}

/** Render #/pick, #/pick/<ids> or #/pick/<id>/ship. */
export async function render(view, { params }) {
  if (!params[0]) return renderList(view);
  const ids = params[0].split(',').map(Number);
  if (params[1] === 'ship') return (await import('./pick-ship.js')).render(view, ids[0]);
  return (await import('./pick-walk.js')).render(view, ids);
}
