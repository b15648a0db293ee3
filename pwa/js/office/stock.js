// Stock: balances by warehouse, bin and lot (filter by warehouse, bin and product, the product
// picked by scan or search), and one product's page: where it is and its move history.
import { html, useEffect, useState } from '/vendor/htm-preact.js';
import { t } from '../i18n.js';
import { messageFor } from '../ui.js';
import { allItems, listPage, one } from './data.js';
import { ProductPicker } from './picker.js';
import { Table } from './table.js';
import { formatDate, formatDateTime } from '../dates.js';

const LIST = '#/office/stock';
const products = new Map(); // product id -> promise of the product, for the SKU of each row

function productOf(id) {
  if (!products.has(id)) products.set(id, one(`/api/v1/products/${id}`).catch(() => ({ id, sku: `#${id}`, name: '' })));
  return products.get(id);
}

/** Rows with their product's SKU and name added (one request per product not seen yet). */
async function withProducts(page) {
  const items = await Promise.all(page.items.map(async (row) => {
    const product = await productOf(row.product_id);
    return { ...row, id: row.id ?? `${row.product_id}-${row.location_id}-${row.lot_id ?? 0}`, sku: product.sku, name: product.name };
  }));
  return { ...page, items };
}

/** Every warehouse and every location by id (for the names of ids in rows). */
function usePlaces() {
  const [places, setPlaces] = useState({ warehouses: [], locations: new Map() });
  useEffect(() => {
    (async () => {
      const warehouses = await one('/api/v1/warehouses');
      const locations = new Map();
      for (const w of warehouses) {
        try {
          for (const l of await one(`/api/v1/warehouses/${w.id}/locations`)) locations.set(l.id, { ...l, warehouse: w });
        } catch { /* a warehouse the user may not work in: its bins are not named */ }
      }
      setPlaces({ warehouses, locations });
    })().catch(() => {});
  }, []);
  return places;
}

function BalanceList() {
  const places = usePlaces();
  const [product, setProduct] = useState(null);
  const [warehouseId, setWarehouseId] = useState('');
  const code = (id) => places.warehouses.find((w) => w.id === id)?.code ?? id;
  const columns = [
    { key: 'sku', label: t('product.sku') },
    { key: 'name', label: t('product.name') },
    { key: 'warehouse_id', label: t('stock.warehouse'), render: (b) => code(b.warehouse_id) },
    { key: 'location', label: t('stock.bin') },
    { key: 'lot', label: t('stock.lot_column'), render: (b) => b.lot || '—' },
    { key: 'expiry', label: t('stock.expiry'), render: (b) => formatDate(b.expiry) },
    { key: 'on_hand', label: t('stock.on_hand'), numeric: true },
  ];
  const bins = [...places.locations.values()].filter((l) => String(l.warehouse_id) === warehouseId);
  const filters = [
    { name: 'warehouse_id', label: t('stock.warehouse'),
      options: [['', t('office.any')], ...places.warehouses.map((w) => [String(w.id), `${w.code} · ${w.name}`])] },
    ...(warehouseId ? [{ name: 'location_id', label: t('stock.bin'),
      options: [['', t('office.any')], ...bins.map((l) => [String(l.id), l.code])] }] : []),
  ];
  const load = (params) => {
    if (params.warehouse_id !== undefined && String(params.warehouse_id ?? '') !== warehouseId) setWarehouseId(String(params.warehouse_id ?? ''));
    const { q, ...rest } = params; // the API filters by ids: the text box filters the page
    const text = (q || '').toLowerCase();
    return listPage('/api/v1/stock', { ...rest, product_id: product?.id }).then(withProducts)
      .then((page) => ({ ...page, items: page.items.filter((b) => !text || `${b.sku} ${b.name}`.toLowerCase().includes(text)) }));
  };
  return html`<div class="row office-head"><h1 tabindex="-1">${t('office.stock')}</h1></div>
    <div class="card stock-product"><${ProductPicker} id="stock-picker" onPick=${({ product: p }) => setProduct(p)} />
      ${product ? html`<p class="row"><span>${t('stock.showing', { sku: product.sku })}</span>
        <a class="button" id="product-history" href=${`${LIST}/${product.id}`}>${t('stock.history')}</a>
        <button type="button" id="clear-product" onClick=${() => setProduct(null)}>${t('stock.all_products')}</button></p>` : null}
    </div>
    <${Table} key=${product?.id ?? 'all'} id="stock-table" columns=${columns} filters=${filters}
      searchLabel=${t('stock.search')} href=${(b) => `${LIST}/${b.product_id}`} load=${load} />`;
}

function History({ id }) {
  const places = usePlaces();
  const [product, setProduct] = useState(null);
  const [balances, setBalances] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    one(`/api/v1/products/${id}`).then(setProduct).catch(setError);
    allItems('/api/v1/stock', { product_id: id }).then(setBalances).catch(setError);
  }, [id]);
  const where = (locationId) => {
    const l = places.locations.get(locationId);
    return l ? `${l.warehouse.code} ${l.code}` : `#${locationId}`;
  };
  const columns = [
    { key: 'created_at', label: t('stock.when'), render: (m) => formatDateTime(m.created_at) },
    { key: 'location_id', label: t('stock.bin'), render: (m) => where(m.location_id) },
    { key: 'qty', label: t('stock.qty'), numeric: true, render: (m) => (m.qty > 0 ? `+${m.qty}` : m.qty) },
    { key: 'reason', label: t('stock.reason') },
    { key: 'doc_type', label: t('stock.document'), render: (m) => (m.doc_type ? `${m.doc_type} #${m.doc_id}` : '—') },
    { key: 'device', label: t('stock.device'), render: (m) => m.device || '—' },
  ];
  return html`<h1 tabindex="-1">${product ? `${product.sku} · ${product.name}` : ''}</h1>
    ${error ? html`<div class="notice notice-bad" role="alert">${messageFor(error)}</div>` : null}
    <section class="card" id="product-balances"><h2>${t('stock.where')}</h2>
      ${balances && !balances.length ? html`<p class="muted">${t('stock.none_here')}</p>` : null}
      ${balances?.length ? html`<table class="sub-table"><thead><tr><th>${t('stock.bin')}</th><th>${t('stock.lot_column')}</th>
        <th>${t('stock.expiry')}</th><th class="num">${t('stock.on_hand')}</th></tr></thead>
        <tbody>${balances.map((b) => html`<tr><td data-label=${t('stock.bin')}>${places.locations.has(b.location_id) ? where(b.location_id) : b.location}</td>
          <td data-label=${t('stock.lot_column')}>${b.lot || '—'}</td><td data-label=${t('stock.expiry')}>${formatDate(b.expiry)}</td>
          <td class="num" data-label=${t('stock.on_hand')}>${b.on_hand}</td></tr>`)}</tbody></table>` : null}
    </section>
    <h2>${t('stock.moves')}</h2>
    <${Table} id="move-table" columns=${columns} filters=${[{ name: 'doc_type', label: t('stock.doc_search') }]}
      load=${({ q, ...params }) => listPage('/api/v1/stock/moves', { ...params, product_id: id })} />`;
}

/** The stock section. */
export default function Stock({ id }) {
  return id ? html`<${History} id=${id} />` : html`<${BalanceList} />`;
}
