// Stock look-up: type (or scan with a keyboard-wedge scanner) a code or name, see the
// product, its stock per warehouse and location, and what is incoming.
import { get, query } from '../api.js';
import { formatQty, h, replace } from '../dom.js';
import { locale, t } from '../i18n.js';
import { asOfNote, busy, messageFor, notice, page } from '../ui.js';

function oldest(...stamps) {
  return stamps.filter(Boolean).sort()[0] || null;
}

async function findProducts(code) {
  try {
    const found = await get(`/api/v1/lookup${query({ code })}`);
    return { products: [found.data.product], asOf: found.asOf };
  } catch (error) {
    if (error.status !== 404) throw error;
  }
  const matches = await get(`/api/v1/products${query({ q: code, limit: 20 })}`);
  return { products: matches.data.items, asOf: matches.asOf };
}

async function stockOf(product) {
  const [balances, levels, warehouses] = await Promise.all([
    get(`/api/v1/stock${query({ product_id: product.id, limit: 500 })}`),
    get(`/api/v1/stock/levels${query({ product_id: product.id, limit: 500 })}`),
    get('/api/v1/warehouses'),
  ]);
  return {
    balances: balances.data.items, levels: levels.data.items, warehouses: warehouses.data,
    asOf: oldest(balances.asOf, levels.asOf, warehouses.asOf),
  };
}

function figure(label, value, unit, name) {
  return h('div', { class: 'figure', dataset: { figure: name } },
    h('span', { class: 'figure-value' }, formatQty(value, locale())),
    h('span', { class: 'figure-label' }, `${label}${unit ? ` (${unit})` : ''}`));
}

function warehouseCard(level, warehouse, balances, product) {
  const here = balances.filter((b) => b.warehouse_id === level.warehouse_id && Number(b.on_hand) !== 0);
  const rows = here.map((b) => h('li', { class: 'bin' },
    h('span', { class: 'bin-code' }, b.location),
    b.lot ? h('span', { class: 'muted small' }, ` ${t('stock.lot', { lot: b.lot })}${b.expiry ? ` · ${b.expiry}` : ''}`) : null,
    h('span', { class: 'bin-qty' }, formatQty(b.on_hand, locale()))));
  return h('section', { class: 'card', dataset: { warehouseId: level.warehouse_id } },
    h('h3', {}, warehouse ? `${warehouse.name} (${warehouse.code})` : `#${level.warehouse_id}`),
    h('div', { class: 'figures' },
      figure(t('stock.on_hand'), level.on_hand, product.unit, 'on_hand'),
      figure(t('stock.available'), level.available, '', 'available'),
      figure(t('stock.reserved'), level.reserved, '', 'reserved'),
      figure(t('stock.incoming'), level.incoming, '', 'incoming')),
    rows.length ? h('ul', { class: 'bins' }, rows) : h('p', { class: 'muted small' }, t('stock.no_bins')));
}

function productView(product, stock) {
  const names = new Map(stock.warehouses.map((w) => [w.id, w]));
  const cards = stock.levels.map((level) => warehouseCard(level, names.get(level.warehouse_id),
    stock.balances, product));
  return h('div', { class: 'stack', id: 'lookup-product', dataset: { productId: product.id } },
    h('h2', {}, product.name),
    h('p', { class: 'muted' }, `${t('product.sku')} ${product.sku}`,
      product.barcodes?.length ? ` · ${product.barcodes.map((b) => b.code).join(', ')}` : ''),
    asOfNote(stock.asOf),
    cards.length ? cards : notice('info', t('stock.none')));
}

/** Render the look-up view. */
export function render(view) {
  const input = h('input', { id: 'lookup-code', type: 'search', inputmode: 'search', enterkeyhint: 'search',
    autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false', placeholder: t('lookup.placeholder'),
    'aria-label': t('lookup.label') });
  const button = h('button', { type: 'submit', class: 'primary' }, t('lookup.button'));
  const results = h('div', { class: 'stack', id: 'lookup-results', 'aria-live': 'polite' });
  const show = async (product) => {
    try {
      results.replaceChildren(productView(product, await stockOf(product)));
    } catch (error) {
      results.replaceChildren(notice('bad', messageFor(error)));
    }
  };
  const onsubmit = (event) => {
    event.preventDefault();
    const code = input.value.trim();
    if (!code) return;
    busy(button, async () => {
      try {
        const { products, asOf } = await findProducts(code);
        if (products.length === 1) return show(products[0]);
        replace(results, products.length ? h('ul', { class: 'list' }, products.map((p) => h('li', {},
          h('button', { type: 'button', class: 'choice', onclick: () => show(p) }, `${p.name} · ${p.sku}`))))
          : notice('info', t('lookup.nothing', { code })), asOfNote(asOf));
      } catch (error) {
        results.replaceChildren(notice('bad', messageFor(error)));
      }
      return null;
    });
  };
  view.append(...page(t('tile.lookup'),
    h('form', { class: 'row search', onsubmit, role: 'search' }, input, button), results));
  input.focus();
}
