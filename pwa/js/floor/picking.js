// A pick walk as the Pick screen holds it: one order or several (cluster picking), their lines,
// and the walk's stops (bin, product, lot) in walking order with what this device has picked
// and not yet had confirmed. It also says what a scan means for the walk: the right unit, or
// a wrong bin, item or lot, an expired lot, or a later lot than FEFO suggests. Reads go
// through the API (the service worker keeps the last answers for offline use, with their age).
import { get, query } from '../api.js';
import * as outbox from '../outbox.js';

export const PICKS = /^\/api\/v1\/sales-orders\/(\d+)\/(picks|short)$/;
const SO_QR = /^STP:SO:(.+)$/i;

/** The SO number a document QR (STP:SO:…) or a typed number names, or null. */
export function orderNumberOf(text) {
  const code = text.trim();
  const number = SO_QR.exec(code)?.[1] ?? (/^SO-\d+(-\d+)?$/i.test(code) ? code : null);
  return number ? number.toUpperCase() : null;
}

/** The orders to pick in my warehouses, oldest promised date first: {orders, asOf}. */
export async function ordersToPick() {
  try {
    const answer = await get(`/api/v1/sales-orders${query({ to_pick: 'true', limit: 200 })}`);
    return { orders: answer.data.items, asOf: answer.asOf };
  } catch (error) {
    if (error.status !== 422) throw error;
  }
  // A server without the to_pick list: its confirmed and picking orders, oldest first.
  const pages = await Promise.all(['confirmed', 'picking'].map((status) => get(`/api/v1/sales-orders${query({ status, limit: 200 })}`)));
  const asOf = pages.map((page) => page.asOf).filter(Boolean).sort()[0] || null;
  return { orders: pages.flatMap((page) => page.data.items).sort((a, b) => a.id - b.id), asOf };
}

/** The picked orders of my warehouses waiting to be handed over to shipping: {orders, asOf}. */
export async function ordersToShip() {
  const answer = await get(`/api/v1/sales-orders${query({ status: 'picked', limit: 200 })}`);
  return { orders: answer.data.items, asOf: answer.asOf };
}

const today = () => new Date().toISOString().slice(0, 10);

async function walkItems(ids) {
  if (ids.length > 1) {
    try {
      return await get(`/api/v1/pick-walk${query({ order_ids: ids.join(',') })}`);
    } catch (error) {
      if (![404, 405].includes(error.status)) throw error; // a server without pick-walk: per order
    }
  }
  const lists = await Promise.all(ids.map((id) => get(`/api/v1/sales-orders/${id}/pick-list`)));
  return { data: { items: lists.flatMap((list) => list.data.items.map((item) => ({ ...item, order_id: list.data.order_id, order_number: list.data.number }))) },
    asOf: lists.map((list) => list.asOf).filter(Boolean).sort()[0] || null };
}

function byWalk(a, b) {
  return String(a.sort_key).localeCompare(String(b.sort_key)) || a.location.localeCompare(b.location)
    || String(a.expiry || '9999').localeCompare(String(b.expiry || '9999')) || a.order_id - b.order_id;
}

/**
 * Mark each stop expired and suggested, and plan what to take where, as the server does (an
 * older server sends neither flag): expired lots never, the rest first expiry first.
 */
function fefo(items) {
  if (items.some((item) => item.suggested !== undefined)) return;
  const now = today();
  const lines = new Map();
  for (const item of items) {
    item.expired = Boolean(item.expiry && item.expiry < now);
    lines.set(item.order_line_id, [...(lines.get(item.order_line_id) || []), item]);
  }
  for (const stops of lines.values()) {
    let want = Number(stops[0].remaining);
    for (const item of stops.sort((a, b) => a.fefo_rank - b.fefo_rank)) {
      item.pick_qty = item.expired ? 0 : Math.min(want, Number(item.on_hand));
      item.suggested = item.pick_qty > 0;
      want -= item.pick_qty;
    }
  }
}

/** The orders `ids` and their stops as the server has them now (nothing of this device's). */
async function readWalk(ids) {
  const [details, walk] = await Promise.all([Promise.all(ids.map((id) => get(`/api/v1/sales-orders/${id}`))), walkItems(ids)]);
  const orders = details.map((answer) => answer.data);
  const lines = new Map();
  for (const order of orders) {
    for (const line of order.lines) lines.set(line.id, { ...line, order_id: order.id, order_number: order.number, pending: 0, shortPending: 0 });
  }
  const items = walk.data.items.map((item) => ({ ...item, picked: 0, confirmed: 0 })).sort(byWalk);
  fefo(items);
  const asOf = [...details, walk].map((answer) => answer.asOf).filter(Boolean).sort()[0] || null;
  return { orders, lines, items, asOf };
}

/**
 * The walk over the orders `ids`: {orders: [order], lines: Map(id -> line), items, asOf};
 * a line adds {order_id, order_number, pending, shortPending}, an item adds {picked, confirmed}
 * (picked: all this device took at the stop; confirmed: the part the server has). Rejects
 * with ApiError.
 */
export async function loadWalk(ids) {
  const state = await readWalk(ids);
  await pendingFromOutbox(state);
  return state;
}

const stopKey = (item) => `${item.order_line_id}:${item.location_id}:${item.lot_id ?? ''}`;

/**
 * Read the walk's orders and stops again (another picker or device picked, shorted or moved
 * stock) and take the server's figures into `walk` in place: the same line and stop objects,
 * what this device took and had confirmed at a stop still counted there, and what is still in
 * the outbox counted again from it. Rejects with ApiError (the walk is left as it was).
 */
export async function refreshWalk(walk) {
  const fresh = await readWalk(walk.orders.map((order) => order.id));
  for (const order of walk.orders) Object.assign(order, fresh.orders.find((o) => o.id === order.id));
  for (const [id, line] of fresh.lines) {
    if (walk.lines.has(id)) Object.assign(walk.lines.get(id), line);
    else walk.lines.set(id, line);
  }
  const before = new Map(walk.items.map((item) => [stopKey(item), item]));
  const items = fresh.items.map((item) => {
    const mine = before.get(stopKey(item));
    before.delete(stopKey(item));
    if (!mine) return item;
    // The server plans what is left; this device's confirmed picks stay part of its stop.
    return Object.assign(mine, item, { confirmed: mine.confirmed, pick_qty: Number(item.pick_qty) + mine.confirmed });
  });
  for (const mine of before.values()) {
    // A stop the server no longer lists (its bin emptied) stays, done, if this device took from it.
    if (mine.confirmed > 0) items.push(Object.assign(mine, { pick_qty: mine.confirmed, on_hand: 0 }));
  }
  walk.items = items.sort(byWalk);
  for (const item of walk.items) item.picked = item.confirmed;
  walk.asOf = fresh.asOf;
  await pendingFromOutbox(walk);
  return walk;
}

/** Picks of these orders already in the outbox (e.g. scanned offline before a reload). */
async function pendingFromOutbox(walk) {
  for (const entry of await outbox.entries()) {
    const found = PICKS.exec(entry.url);
    const line = found && entry.status !== 'failed' && walk.lines.get(entry.body.order_line_id);
    if (!line) continue;
    if (found[2] === 'short') {
      line.shortPending += entry.body.qty;
      continue;
    }
    const item = walk.items.find((i) => i.order_line_id === line.id && i.location_id === entry.body.location_id
      && (i.lot_id ?? null) === (entry.body.lot_id ?? null));
    note(walk, { line, item, qty: entry.body.qty }, 1);
  }
}

/** Count a pick on the device (sign 1) or take it back (sign -1, a refusal). */
export function note(walk, { line, item, qty }, sign) {
  line.pending += sign * qty;
  if (item) item.picked += sign * qty;
}

/** What is left to pick of a line, counting this device's picks and shorts. */
export function left(line) {
  return Math.max(0, Number(line.qty_to_pick) - line.pending - line.shortPending);
}

/** What the walk plans to take at a stop and has not taken yet. */
export function stopLeft(walk, item) {
  return Math.min(Math.max(0, Number(item.pick_qty) - item.picked), left(walk.lines.get(item.order_line_id)));
}

/** The next stop with something to take, in walking order, or null. */
export function nextStop(walk) {
  return walk.items.find((item) => stopLeft(walk, item) > 0) || null;
}

/** The stops of a bin with something to take. */
export function stopsAt(walk, locationId) {
  return walk.items.filter((item) => item.location_id === locationId && stopLeft(walk, item) > 0);
}

function openStops(walk, stops) {
  return stops.filter((item) => left(walk.lines.get(item.order_line_id)) > 0);
}

/** The line's unexpired stop expiring first that still holds units (the server's FEFO rule). */
function firstExpiry(walk, line) {
  const stops = walk.items.filter((i) => i.order_line_id === line.id && !i.expired && Number(i.on_hand) - i.picked > 0);
  return stops.sort((a, b) => String(a.expiry || '9999').localeCompare(String(b.expiry || '9999')))[0] || null;
}

/**
 * What `qty` of a product scanned at a bin means for the walk:
 * {kind: 'ok'|'later_lot'|'expired', item, line, suggested} or a refusal
 * {kind: 'no_bin'|'wrong_item'|'wrong_bin'|'wrong_lot'|'done', right}.
 */
export function matchScan(walk, binId, productId, lotCode, qty = 1) {
  const mine = walk.items.filter((item) => item.product_id === productId);
  const wanted = [...walk.lines.values()].filter((line) => line.product_id === productId && left(line) > 0);
  if (!wanted.length) {
    const onOrder = [...walk.lines.values()].some((line) => line.product_id === productId);
    return { kind: onOrder ? 'done' : 'wrong_item', right: nextStop(walk) };
  }
  if (binId === null) return { kind: 'no_bin', right: nextStop(walk) };
  const here = openStops(walk, mine.filter((item) => item.location_id === binId));
  if (!here.length) return { kind: 'wrong_bin', right: openStops(walk, mine).find((item) => stopLeft(walk, item) > 0) || openStops(walk, mine)[0] || null };
  const lots = here.some((item) => item.lot_id);
  let item = here.find((i) => stopLeft(walk, i) > 0 && !i.expired) || here.find((i) => !i.expired) || here[0];
  if (lots && lotCode) {
    item = here.find((i) => (i.lot || '').toUpperCase() === lotCode.toUpperCase());
    if (!item) return { kind: 'wrong_lot', right: here.find((i) => i.suggested && !i.expired) || here.find((i) => !i.expired) || firstExpiry(walk, walk.lines.get(here[0].order_line_id)) };
  }
  const line = walk.lines.get(item.order_line_id);
  const suggested = firstExpiry(walk, line);
  if (item.expired) return { kind: 'expired', item, line, suggested };
  if (lots && suggested && laterThanPlanned(walk, line, item, qty)) return { kind: 'later_lot', item, line, suggested };
  return { kind: 'ok', item, line, suggested };
}

/** Whether `qty` of a later lot takes units that earlier-expiring lots in the bins could
cover (the server then wants a reason; what they cannot cover needs none). */
function laterThanPlanned(walk, line, item, qty) {
  const expiry = String(item.expiry || '9999');
  const earlier = walk.items.filter((i) => i.order_line_id === line.id && !i.expired && String(i.expiry || '9999') < expiry);
  const cover = earlier.reduce((sum, i) => sum + Math.max(0, Number(i.on_hand) - i.picked), 0);
  return earlier.length > 0 && cover > 0 && qty > left(line) - cover;
}
