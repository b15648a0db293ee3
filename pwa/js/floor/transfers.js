// Transfers as the Transfer screen holds them: the ones in transit to my warehouses (one list
// read, kept by the service worker for offline use with its age), the names of products and
// warehouses from the device's catalog copy, and what this device has queued but the server
// has not confirmed yet.
import { get, query } from '../api.js';
import * as devicecopy from '../devicecopy.js';
import * as outbox from '../outbox.js';
import { CATALOG } from '../scan/codes.js';
import * as session from '../session.js';

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
  const answer = await get(`/api/v1/transfers${query({ status: 'in_transit', limit: 200 })}`);
  const mine = myWarehouses();
  const transfers = answer.data.items.filter((tr) => !mine || mine.has(tr.to_warehouse_id))
    .sort((a, b) => a.id - b.id);
  return { transfers, asOf: answer.fromCache ? answer.asOf : null };
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

/** The device's catalog copy (products, warehouses, bins), or an empty one. */
export async function catalog() {
  const copy = await devicecopy.get(CATALOG);
  return copy || { productsById: new Map(), warehouses: [] };
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
