// Products: the list (search, category, active, low stock, paging), a new product with its
// barcodes, and editing one (its details, more barcodes, deactivating it).
import { html, useEffect, useState } from '/vendor/htm-preact.js';
import { plural, t } from '../i18n.js';
import { formatMoney } from '../money.js';
import { navigate } from '../nav.js';
import * as session from '../session.js';
import { messageFor } from '../ui.js';
import { allItems, listPage, one, send } from './data.js';
import { Field, FieldError, Form, useValues } from './form.js';
import { Table } from './table.js';

const BASE = '/api/v1/products';
const LIST = '#/office/products';
const FIELDS = ['sku', 'name', 'description', 'unit', 'category', 'cost', 'price'];
const CLEARED = { category: null, description: '' }; // what an emptied field sends

/** Yes/no/any choices for a boolean filter. */
export function yesNoAny(yes, no) {
  return [['', t('office.any')], ['true', yes], ['false', no]];
}

function ProductList() {
  const columns = [
    { key: 'sku', label: t('product.sku') },
    { key: 'name', label: t('product.name') },
    { key: 'category', label: t('product.category') },
    { key: 'unit', label: t('product.unit') },
    { key: 'price', label: t('product.price'), numeric: true, render: (p) => formatMoney(p.price) },
    { key: 'barcodes', label: t('product.barcodes'), render: (p) => plural('product.n_barcodes', p.barcodes.length) },
    { key: 'active', label: t('office.status'), render: (p) => (p.active ? t('office.active') : t('office.inactive')) },
  ];
  const filters = [
    { name: 'category', label: t('product.category'), type: 'text' },
    { name: 'active', label: t('office.status'), options: yesNoAny(t('office.active'), t('office.inactive')) },
    { name: 'low_stock', label: t('product.low_stock'), options: [['', t('office.any')], ['true', t('product.low_only')]] },
  ];
  return html`<div class="row office-head"><h1 tabindex="-1">${t('office.products')}</h1>
      ${session.can('catalog.write') ? html`<a class="button primary" id="new-product" href="#/office/products/new">${t('product.new')}</a>` : null}</div>
    <${Table} id="product-table" columns=${columns} filters=${filters} initial=${{ active: 'true' }}
      searchLabel=${t('product.search')} href=${(p) => `${LIST}/${p.id}`}
      load=${(params) => listPage(BASE, params)} />`;
}

/** The barcodes being added: code and pack quantity each; errors at `barcodes.<i>.<field>`. */
function BarcodeRows({ rows, setRows }) {
  const change = (i, key, value) => setRows(rows.map((row, j) => (j === i ? { ...row, [key]: value } : row)));
  return html`<fieldset class="field barcodes"><legend>${t('product.barcodes')}</legend>
    ${rows.map((row, i) => html`<div class="row barcode-row" key=${i}>
      <div class="field"><label for=${`field-barcodes.${i}.code`}><span>${t('product.barcode')}</span></label>
        <input id=${`field-barcodes.${i}.code`} name=${`barcodes.${i}.code`} value=${row.code} autocomplete="off"
          onInput=${(e) => change(i, 'code', e.target.value)} /><${FieldError} name=${`barcodes.${i}.code`} /></div>
      <div class="field"><label for=${`field-barcodes.${i}.pack_qty`}><span>${t('product.pack_qty')}</span></label>
        <input id=${`field-barcodes.${i}.pack_qty`} name=${`barcodes.${i}.pack_qty`} value=${row.pack_qty} inputmode="decimal"
          onInput=${(e) => change(i, 'pack_qty', e.target.value)} /><${FieldError} name=${`barcodes.${i}.pack_qty`} /></div>
      <button type="button" class="remove-barcode" aria-label=${t('product.remove_barcode')}
        onClick=${() => setRows(rows.filter((_, j) => j !== i))}>✕</button>
    </div>`)}
    <button type="button" class="add-barcode" onClick=${() => setRows([...rows, { code: '', pack_qty: '1' }])}>
      ${t('product.add_barcode')}</button>
  </fieldset>`;
}

function bodyOf(values) {
  const body = { tracks_lots: Boolean(values.tracks_lots) };
  for (const key of FIELDS) {
    const text = String(values[key] ?? '').trim();
    if (text) body[key] = text;
    else if (key in CLEARED) body[key] = CLEARED[key]; // emptied on purpose; the rest keep theirs
  }
  return body;
}

function barcodeBody(row) {
  return { code: row.code.trim(), pack_qty: String(row.pack_qty || '1').trim() };
}

/**
 * Add each new barcode to a saved product. Those added leave the form (a retry must not add
 * them twice); a refusal names its row as the form then shows it (`barcodes.<i>.code`).
 */
async function addBarcodes(productId, rows, setRows) {
  let left = rows;
  for (const row of rows) {
    try {
      await send('POST', `${BASE}/${productId}/barcodes`, barcodeBody(row));
      left = left.filter((other) => other !== row);
    } catch (error) {
      if (error.field) error.field = `barcodes.${left.indexOf(row)}.${error.field}`;
      throw error;
    } finally {
      setRows(left);
    }
  }
}

function ProductForm({ product }) {
  const [values, set] = useValues(product ? { ...product } : { unit: 'pcs', tracks_lots: false });
  const [rows, setRows] = useState(product ? [] : [{ code: '', pack_qty: '1' }]);
  const writable = session.can('catalog.write');
  const save = async () => {
    const filled = rows.filter((row) => row.code.trim());
    if (!product) {
      const created = await send('POST', BASE, { ...bodyOf(values), barcodes: filled.map(barcodeBody) });
      navigate(`${LIST}/${created.id}`);
      return;
    }
    await send('PATCH', `${BASE}/${product.id}`, bodyOf(values));
    await addBarcodes(product.id, filled, setRows);
    navigate(LIST);
  };
  const toggleActive = async () => {
    await send('PATCH', `${BASE}/${product.id}`, { active: !product.active });
    navigate(LIST);
  };
  return html`<${Form} id="product-form" onSubmit=${save} onClose=${() => navigate(LIST)}
    actions=${product && writable ? html`<span class="spacer"></span><button type="button"
      class=${product.active ? 'danger deactivate' : 'activate'} onClick=${toggleActive}>
      ${product.active ? t('office.deactivate') : t('office.activate')}</button>` : null}>
    <div class="grid">
      <${Field} name="sku" label=${t('product.sku')} value=${values.sku} set=${set} required autocomplete="off" />
      <${Field} name="name" label=${t('product.name')} value=${values.name} set=${set} required />
      <${Field} name="category" label=${t('product.category')} value=${values.category} set=${set} />
      <${Field} name="unit" label=${t('product.unit')} value=${values.unit} set=${set} />
      <${Field} name="cost" label=${t('product.cost')} value=${values.cost} set=${set} inputmode="decimal" />
      <${Field} name="price" label=${t('product.price')} value=${values.price} set=${set} inputmode="decimal" />
    </div>
    <${Field} name="description" type="textarea" label=${t('product.description')} value=${values.description} set=${set} />
    <${Field} name="tracks_lots" type="checkbox" label=${t('product.tracks_lots')} value=${values.tracks_lots} set=${set} />
    ${product ? html`<div class="field"><span class="muted">${t('product.barcodes')}</span>
      <ul class="existing-barcodes">${product.barcodes.map((b) => html`<li key=${b.code}><code>${b.code}</code>
        ${Number(b.pack_qty) !== 1 ? ` × ${b.pack_qty}` : ''}</li>`)}</ul></div>` : null}
    <${BarcodeRows} rows=${rows} setRows=${setRows} />
  </${Form}>`;
}

/** The product's stock per warehouse the user sees: on hand, available, incoming. */
function StockCard({ product }) {
  const [rows, setRows] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    if (!session.can('stock.read')) return;
    Promise.all([allItems('/api/v1/stock/levels', { product_id: product.id }), allItems('/api/v1/warehouses')])
      .then(([levels, warehouses]) => setRows(levels.map((level) => ({ ...level,
        warehouse: warehouses.find((w) => w.id === level.warehouse_id)?.code || `#${level.warehouse_id}` }))))
      .catch(setError);
  }, [product.id]);
  if (!session.can('stock.read')) return null;
  return html`<section class="card product-stock"><h2>${t('product.stock')}</h2>
    ${error ? html`<p class="field-error">${messageFor(error)}</p>` : null}
    ${rows && !rows.length ? html`<p class="muted">${t('product.no_stock')}</p>` : null}
    ${rows?.length ? html`<table class="sub-table"><thead><tr><th>${t('po.warehouse')}</th>
      <th class="num">${t('product.on_hand')}</th><th class="num">${t('product.available')}</th>
      <th class="num">${t('product.incoming')}</th></tr></thead><tbody>
      ${rows.map((r) => html`<tr key=${r.warehouse_id} data-warehouse-id=${r.warehouse_id}><td>${r.warehouse}</td>
        <td class="num on-hand" data-label=${t('product.on_hand')}>${r.on_hand}</td>
        <td class="num" data-label=${t('product.available')}>${r.available}</td>
        <td class="num" data-label=${t('product.incoming')}>${r.incoming}</td></tr>`)}
    </tbody></table>` : null}
  </section>`;
}

function ProductPage({ id }) {
  const [product, setProduct] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    if (id === 'new') return;
    one(`${BASE}/${id}`).then(setProduct).catch(setError);
  }, [id]);
  const title = id === 'new' ? t('product.new') : product?.name || '';
  return html`<h1 tabindex="-1">${title}</h1>
    ${error ? html`<div class="notice notice-bad" role="alert">${messageFor(error)}</div>` : null}
    ${id === 'new' || product ? html`<${ProductForm} key=${id} product=${product} />` : null}
    ${product ? html`<${StockCard} product=${product} />` : null}`;
}

/** The products section. */
export default function Products({ id }) {
  return id ? html`<${ProductPage} id=${id} />` : html`<${ProductList} />`;
}
