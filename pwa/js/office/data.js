// The back office's requests: sent at once (not through the outbox: a form needs the
// server's answer there and then), each write keeping its Idempotency-Key until answered.
import { get, newOpId, query, request } from '../api.js';

/**
 * Send one write. `attempt.opId` is its Idempotency-Key: kept when the answer was lost (a
 * retry then cannot do the work twice), dropped once the server has answered.
 */
export async function send(method, url, body, attempt = {}) {
  attempt.opId ||= newOpId();
  try {
    const { data } = await request(method, url, { body, opId: attempt.opId });
    attempt.opId = null;
    return data;
  } catch (error) {
    if (error.status !== 0) attempt.opId = null;
    throw error;
  }
}

/** One page of a list: {items, next}; `params` are its filters (empty ones left out). */
export async function listPage(url, params) {
  return (await get(`${url}${query(params)}`)).data;
}

/** Every item of a paged list (for pick lists: suppliers, warehouses); at most `max` items. */
export async function allItems(url, params = {}, max = 2000) {
  const items = [];
  let after = 0;
  while (items.length < max) {
    const page = await listPage(url, { ...params, limit: 500, after });
    items.push(...(page.items || page));
    if (!page.next) break;
    after = page.next;
  }
  return items;
}

/** One record. */
export async function one(url) {
  return (await get(url)).data;
}
