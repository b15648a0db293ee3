// A purchase order as the Receive screen holds it: the PO with its lines, each line's product
// (name, barcodes, lot tracking), the warehouse's bins, and what this device has scanned but
// the server has not confirmed yet. Reads go through the API (the service worker keeps the
// last copy for offline use, with its age).
import { get, query } from '../api.js';
import { floorCopy } from './copy.js';

const OPEN = ['approved', 'partly_received'];
const PO_QR = /^STP:PO:(.+)$/i;

async function offline(work, fallback) {
  try {
    return await work();
  } catch (error) {
    if (error?.status !== 0) throw error;
    return fallback(await floorCopy());
  }
}

/** The open POs this user may see (the server filters by the user's warehouses). */
export function openOrders() {
  return offline(async () => {
    const pages = await Promise.all(OPEN.map((status) => get(`/api/v1/purchase-orders${query({ status, limit: 200 })}`)));
    const asOf = pages.map((page) => page.asOf).filter(Boolean).sort()[0] || null;
    return { orders: pages.flatMap((page) => page.data.items).sort((a, b) => a.id - b.id), asOf };
  }, ({ data, fetchedAt }) => ({ orders: data.purchase_orders, asOf: fetchedAt }));
}

/** A PO as the floor copy holds it, shaped like loadOrder's answer; NotFound-like error if absent. */
function orderFromCopy(id, { data, fetchedAt }) {
  const order = data.purchase_orders.find((candidate) => candidate.id === id);
  if (!order) throw Object.assign(new Error('This purchase order is not in the offline copy.'), { status: 404 });
  const products = new Map(data.products.map((p) => [p.id, p]));
  return {
    ...order,
    lines: order.lines.map((line) => ({ ...line, sku: products.get(line.product_id)?.sku, product: products.get(line.product_id), pending: 0 })),
    bins: data.locations.filter((bin) => bin.warehouse_id === order.warehouse_id && (bin.kind === 'bin' || bin.kind === 'staging')),
    asOf: fetchedAt,
  };
}

/** The PO number a document QR (STP:PO:…) names, or null. */
export function orderNumberOf(text) {
  return PO_QR.exec(text.trim())?.[1]?.toUpperCase() ?? null;
}

/** A PO with its products and its warehouse's bins; rejects with ApiError. */
export function loadOrder(id) {
  return offline(() => loadFromServer(id), (copy) => orderFromCopy(id, copy));
}

async function loadFromServer(id) {
  const order = await get(`/api/v1/purchase-orders/${id}`);
  const productIds = [...new Set(order.data.lines.map((line) => line.product_id))];
  const [products, bins] = await Promise.all([
    Promise.all(productIds.map((pid) => get(`/api/v1/products/${pid}`))),
    get(`/api/v1/warehouses/${order.data.warehouse_id}/locations`),
  ]);
  const byId = new Map(products.map((p) => [p.data.id, p.data]));
  const asOf = [order, ...products, bins].map((answer) => answer.asOf).filter(Boolean).sort()[0] || null;
  return {
    ...order.data,
    lines: order.data.lines.map((line) => ({ ...line, product: byId.get(line.product_id), pending: 0 })),
    // Goods are received into a bin or the staging area, never into transit or quarantine.
    bins: bins.data.filter((bin) => bin.kind === 'bin' || bin.kind === 'staging'),
    asOf,
  };
}

/** Digits of a GTIN-8/12/13/14 as the 14 the server stores; other codes as they are. */
export function gtin14(code) {
  return /^\d{8}$|^\d{12,14}$/.test(code) ? code.padStart(14, '0') : code;
}

/** The line and pack quantity a product code names on this PO, or null. */
export function lineForCode(order, code) {
  const wanted = gtin14(code);
  for (const line of order.lines) {
    const barcode = line.product?.barcodes?.find((b) => gtin14(b.code) === wanted);
    if (barcode) return { line, packQty: Number(barcode.pack_qty) || 1 };
    if (line.product?.sku === code) return { line, packQty: 1 };
  }
  return null;
}

/** The bin a code names in this PO's warehouse (its label barcode or its code), or null. */
export function binForCode(order, code) {
  const wanted = code.trim().toUpperCase();
  return order.bins.find((bin) => (bin.barcode || '').toUpperCase() === wanted
    || bin.code.toUpperCase() === wanted) || null;
}

/** What a line has, counting this device's unconfirmed scans. */
export function counts(line) {
  const received = Number(line.qty_received) + line.pending;
  const ordered = Number(line.qty_ordered);
  return { ordered, received, remaining: Math.max(0, ordered - received), over: Math.max(0, received - ordered) };
}
