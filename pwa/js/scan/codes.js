// What a scanned code means, on the device: the same answer /api/v1/scan/resolve gives
// (backend/scan/service.py, same order: document QR, GS1 data, bin label, product barcode
// or SKU), looked up in the device's copy of the catalog so it works offline and at once.
import { request } from '../api.js';
import * as devicecopy from '../devicecopy.js';
import { GS1Error, checkDigit, looksLikeGs1, parseGs1 } from './gs1.js';

export const CATALOG = 'catalog';
const DOCUMENT_TYPES = { PO: 'purchase_order', SO: 'sales_order', TR: 'transfer', ST: 'stocktake', RET: 'sales_return' };

/** A code that means nothing (404 unknown_code) or cannot be read (422 bad_gs1, empty_code). */
export class CodeError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = 'code';
  }
}

const notFound = (message) => new CodeError(404, 'unknown_code', message);

// The catalog as the server sends it, with look-up maps added (kept as is in IndexedDB).
function shapeCatalog(data) {
  const byId = new Map(data.products.map((p) => [p.id, p]));
  return {
    ...data,
    productsById: byId,
    barcodes: new Map(data.barcodes.map((b) => [b.code, b])),
    skus: new Map(data.products.map((p) => [p.sku, p.id])),
    locationsByBarcode: new Map(data.locations.map((l) => [l.barcode, l])),
    lots: new Map(data.lots.map((l) => [`${l.product_id}\n${l.code}`, l])),
    documents: new Map(data.documents.map((d) => [`${d.prefix}:${d.number}`, d])),
  };
}

devicecopy.register(CATALOG, '/api/v1/device/catalog', { shape: shapeCatalog });

// Python's str.strip(): whitespace includes the separators \x1c-\x1f (GS among them).
const pyStrip = (text) => text.replace(/^[\s\x1c-\x1f\x85]+|[\s\x1c-\x1f\x85]+$/g, '');

function isValidGtin(code) {
  return /^\d+$/.test(code) && [8, 12, 13, 14].includes(code.length)
    && checkDigit(code.slice(0, -1)) === Number(code.at(-1));
}

/** A GTIN-8/12/13/14 as 14 digits (as the catalog stores barcodes); other codes as they are. */
export function normaliseCode(code) {
  const plain = pyStrip(code);
  return isValidGtin(plain) ? plain.padStart(14, '0') : plain;
}

/** The 12-digit UPC-A an 8-digit UPC-E stands for (other text unchanged). */
export function expandUpce(code) {
  if (code.length !== 8 || !/^\d+$/.test(code) || !'01'.includes(code[0])) return code;
  const [ns, d, check] = [code[0], code.slice(1, 7), code[7]];
  const last = d[5];
  let body;
  if ('012'.includes(last)) body = `${d.slice(0, 2)}${last}0000${d.slice(2, 5)}`;
  else if (last === '3') body = `${d.slice(0, 3)}00000${d.slice(3, 5)}`;
  else if (last === '4') body = `${d.slice(0, 4)}00000${d[4]}`;
  else body = `${d.slice(0, 5)}0000${last}`;
  return ns + body + check;
}

function productFields(p) {
  return { id: p.id, sku: p.sku, name: p.name, unit: p.unit, unit_decimals: p.unit_decimals,
    tracks_lots: p.tracks_lots, active: p.active };
}

function findByCode(catalog, code) {
  const barcode = catalog.barcodes.get(normaliseCode(code));
  if (barcode) return [catalog.productsById.get(barcode.product_id), barcode.pack_qty];
  const id = catalog.skus.get(pyStrip(code));
  if (id !== undefined) return [catalog.productsById.get(id), 1];
  throw notFound(`No product has the code ${code}.`);
}

function trackingFields(data) {
  if (!data) return { lot: null, expiry: null, serial: null, count: null, gs1: null };
  // A lot carries one date: the expiry (AI 17), or else the best-before date (AI 15).
  return { lot: data.lot, expiry: data.expiry || data.bestBefore, serial: data.serial,
    count: data.count, gs1: data.asDict() };
}

function productResult(catalog, code, product, packQty, gtin, data) {
  const lot = data?.lot ? catalog.lots.get(`${product.id}\n${data.lot}`) : null;
  return { kind: 'product', code, product: productFields(product), pack_qty: packQty, gtin,
    ...trackingFields(data), lot_id: lot ? lot.id : null };
}

function findDocument(catalog, text) {
  const parts = pyStrip(text).toUpperCase().split(':');
  const prefix = parts[1] ?? '';
  const number = parts.slice(2).join(':');
  const type = DOCUMENT_TYPES[prefix];
  if (!type) throw notFound(`${text} names no known document type (known: ${Object.keys(DOCUMENT_TYPES).join(', ')}).`);
  const found = number ? catalog.documents.get(`${prefix}:${number}`) : null;
  if (!found) throw notFound(`No ${type.replace(/_/g, ' ')} has the number ${number || '(none)'}.`);
  return { type, prefix, id: found.id, number: found.number, status: found.status };
}

function resolveGs1(catalog, text, data) {
  if (data.sscc !== null) {
    const gtin = data.contentGtin || data.gtin;
    const result = { kind: 'sscc', code: text, sscc: data.sscc, known: false, reason: 'unknown_sscc',
      gtin, ...trackingFields(data) };
    if (gtin) {
      try {
        const [product, packQty] = findByCode(catalog, gtin);
        Object.assign(result, { product: productFields(product), pack_qty: packQty });
      } catch (error) {
        if (!(error instanceof CodeError)) throw error;
        result.product = null;
      }
    }
    return result;
  }
  const gtin = data.gtin || data.contentGtin;
  if (!gtin) throw notFound(`The GS1 data '${text}' carries no GTIN or SSCC.`);
  const [product, packQty] = findByCode(catalog, gtin);
  return productResult(catalog, text, product, packQty, gtin, data);
}

function resolvePlain(catalog, plain, symbology) {
  const location = catalog.locationsByBarcode.get(plain);
  if (location) {
    const { id, code, kind, zone, warehouse_id: warehouseId, warehouse_code: warehouseCode } = location;
    return { kind: 'location', code: plain,
      location: { id, code, kind, zone, warehouse_id: warehouseId, warehouse_code: warehouseCode } };
  }
  const upce = (symbology || '').toLowerCase().replace(/[-_]/g, '') === 'upce';
  const lookup = upce ? expandUpce(plain) : plain;
  const [product, packQty] = findByCode(catalog, lookup);
  return productResult(catalog, plain, product, packQty, isValidGtin(lookup) ? normaliseCode(lookup) : null, null);
}

/**
 * What `text` means against a catalog (shaped as the device copy keeps it): the same JSON
 * as the server's resolution. Throws CodeError (404 unknown_code, 422 bad_gs1/empty_code).
 */
export function resolveWith(catalog, text, { symbology = null, today = new Date() } = {}) {
  const raw = text || '';
  const plain = pyStrip(raw);
  if (!plain) throw new CodeError(422, 'empty_code', 'The code is empty.');
  if (plain.toUpperCase().startsWith('STP:')) {
    return { kind: 'document', code: plain, document: findDocument(catalog, plain) };
  }
  if (looksLikeGs1(raw)) {
    let data;
    try {
      data = parseGs1(raw, today);
    } catch (error) {
      if (!(error instanceof GS1Error)) throw error;
      // Only a heuristic said GS1: the code may still be a label or barcode we know.
      try {
        return resolvePlain(catalog, plain, symbology);
      } catch (plainError) {
        if (plainError instanceof CodeError && plainError.code === 'unknown_code') {
          throw new CodeError(422, 'bad_gs1', error.message);
        }
        throw plainError;
      }
    }
    return resolveGs1(catalog, raw, data);
  }
  return resolvePlain(catalog, plain, symbology);
}

/**
 * What a scanned code means, from the device's copy (offline and instant). Throws CodeError;
 * with no copy on the device yet, a 503 CodeError "no_device_copy" (ask the server instead).
 */
export async function resolveCode(text, { symbology = null } = {}) {
  const catalog = await devicecopy.get(CATALOG);
  if (!catalog) throw new CodeError(503, 'no_device_copy', 'This device has no copy of the catalog yet.');
  return resolveWith(catalog, text, { symbology });
}

/** The server's answer for a code (POST /api/v1/scan/resolve); rejects with ApiError. */
export async function resolveOnServer(text, { symbology = null } = {}) {
  const body = symbology ? { code: text, symbology } : { code: text };
  return (await request('POST', '/api/v1/scan/resolve', { body })).data;
}
