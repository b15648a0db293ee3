// Transfers as the Transfer screen holds them: the ones in transit to my warehouses (one list
// read; offline, the floor copy's, which every floor screen refreshes, or the service worker's
// last answer, whichever is newer, with its age), the names of products from the device's
// copies, and what this device has queued but the server has not confirmed yet.
import { get, query } from '../api.js';
import * as devicecopy from '../devicecopy.js';
import * as outbox from '../outbox.js';
import { CATALOG } from '../scan/codes.js';
import * as session from '../session.js';
import { floorCopy } from './copy.js';

const TR_QR = /^STP:TR:(.+)$/i;
export const RECEIPT = /^\/api\/v1\/transfers\/(\d+)\/receive$/;

/** The transfer number a document QR (STP:TR:…) names, or null. */
export function transferNumberOf(text) {
  return TR_QR.exec(text.trim())?.[1]?.toUpperCase() ?? null;
}

/** The warehouses I may work in (null: all of them). */
function myWarehouses() {
  const limits = session.user()?.warehouses;
  return limits?.length ? new Set(limits) : null;
}

/** In-transit transfers coming to my warehouses, oldest first, and the age of an offline copy. */
export async function incomingTransfers() {
  let answer = null;
  try {
    answer = await get(`/api/v1/transfers${query({ status: 'in_transit', limit: 200 })}`);
  } catch (error) {
    if (error?.status !== 0) throw error;
  }
  let found = answer && { items: answer.data.items, asOf: answer.fromCache ? answer.asOf : null };
  if (!answer || answer.fromCache) {
    const { data, fetchedAt } = await floorCopy();
    if (fetchedAt && (!found || !found.asOf || fetchedAt > found.asOf)) found = { items: data.transfers || [], asOf: fetchedAt };
  }
  if (!found) throw Object.assign(new Error('No copy of the transfers on this device yet.'), { status: 0 });
  const mine = myWarehouses();
  const transfers = found.items.filter((tr) => !mine || mine.has(tr.to_warehouse_id)).sort((a, b) => a.id - b.id);
  return { transfers, asOf: found.asOf };
}

/** One transfer coming to me: from the list (so the offline copy has it), else on its own. */
export async function loadTransfer(id) {
  try {
    const { transfers, asOf } = await incomingTransfers();
    const found = transfers.find((tr) => tr.id === id);
    if (found) return { transfer: found, asOf };
  } catch (error) {
    if (error?.status !== 0) throw error;
  }
  const answer = await get(`/api/v1/transfers/${id}`);
  return { transfer: answer.data, asOf: answer.fromCache ? answer.asOf : null };
}

/** The device's catalog copy (products, warehouses, lots), or an empty one. */
export async function catalog() {
  const copy = await devicecopy.get(CATALOG);
  return copy || { productsById: new Map(), warehouses: [], lots: new Map() };
}

/** {id: product} of the products the device knows: the catalog's, else the floor copy's. */
export async function productsById() {
  const [copy, floor] = await Promise.all([catalog(), floorCopy()]);
  const known = new Map(floor.data.products.map((p) => [p.id, p]));
  for (const [id, product] of copy.productsById) known.set(id, product);
  return known;
}

/** Quantities of each transfer line in the outbox, not yet confirmed: {lineId: qty}. */
export async function pendingReceipts(transferId) {
  const pending = {};
  for (const entry of await outbox.entries()) {
    if (Number(RECEIPT.exec(entry.url)?.[1]) !== transferId || entry.status === 'failed') continue;
    for (const line of entry.body.lines || []) {
      pending[line.transfer_line_id] = (pending[line.transfer_line_id] || 0) + Number(line.qty);
    }
  }
  return pending;
}
