// The floor screens' offline copy (GET /api/v1/floor/copy): my warehouses with their bins, the
// open POs with their lines and suggested bins, the recently shipped orders (for returns), and
// their products. Registered with devicecopy.js, refreshed when a floor screen opens online.
import { get as apiGet, query } from '../api.js';
import * as devicecopy from '../devicecopy.js';
import { t } from '../i18n.js';
import { CATALOG, CodeError, resolveCode, resolveOnServer } from '../scan/codes.js';
import { feedback } from '../scan/feedback.js';
import { messageFor } from '../ui.js';

export const FLOOR = 'floor';
devicecopy.register(FLOOR, '/api/v1/floor/copy');

/** Refresh the floor copy and the catalog (what codes mean) when online; a failure keeps the
last copy. Resolves when done. */
export function refreshCopy() {
  return navigator.onLine ? devicecopy.refresh([FLOOR, CATALOG]) : Promise.resolve(null);
}

/** The copy (or an empty one) and when it was fetched. */
export async function floorCopy() {
  const data = await devicecopy.get(FLOOR);
  return { data: data || { warehouses: [], locations: [], purchase_orders: [], shipments: [], products: [] },
    fetchedAt: await devicecopy.age(FLOOR) };
}

function isOffline(error) {
  return error?.status === 0;
}

/**
 * The last orders that shipped a product, newest first: from the server, or offline from the
 * copy. Each: {order_id, number, customer, warehouse_id, shipped_at, lines: [...]}.
 */
export async function shipmentsOf(productId) {
  try {
    const answer = await apiGet(`/api/v1/shipments${query({ product_id: productId, limit: 8 })}`);
    if (!answer.fromCache) return answer.data.items;
  } catch (error) {
    if (!isOffline(error)) throw error;
  }
  const { data } = await floorCopy();
  return data.shipments.filter((s) => s.lines.some((l) => l.product_id === productId))
    .map((s) => ({ ...s, lines: s.lines.filter((l) => l.product_id === productId) }));
}

/** Where a product should go back in a warehouse: the server's put-away suggestion, else
(offline, or nothing known) the warehouse's first bin in walking order, shown on the button. */
export async function suggestedBin(productId, warehouseId) {
  try {
    const answer = await apiGet(`/api/v1/stock/putaway${query({ product_id: productId, warehouse_id: warehouseId })}`);
    if (answer.data.location) return answer.data.location;
  } catch (error) {
    if (!isOffline(error)) throw error;
  }
  const { data } = await floorCopy();
  return data.locations.find((l) => l.warehouse_id === warehouseId && l.kind === 'bin') || null;
}

/** What a code means: from the device's copy, else (online) from the server, for a code
printed since the copy was made. Throws CodeError or ApiError. */
export async function meaningOf(text) {
  try {
    return await resolveCode(text);
  } catch (error) {
    if (!(error instanceof CodeError) || !navigator.onLine) throw error;
    return resolveOnServer(text);
  }
}

/** The meaning of a scan, or null after telling the user (red) that nothing knows the code. */
export async function meaningOrRefusal(text) {
  try {
    return await meaningOf(text);
  } catch (error) {
    feedback('error', { title: t('floor.unknown', { code: text }), detail: messageFor(error) });
    return null;
  }
}
