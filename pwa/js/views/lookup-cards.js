// What the look-up shows for a code, as Preact components: a product (price, stock per
// warehouse and bin, what is incoming from whom and when), a bin, a document, a pallet.
import { html } from '/vendor/htm-preact.js';
import { formatDate } from '../dates.js';
import { formatQty, formatTime } from '../dom.js';
import { locale, t } from '../i18n.js';
import { PrintLabel, documentLabelUrl, labelUrl } from '../labels.js';
import { formatMoney } from '../money.js';

const qty = (value) => formatQty(value, locale());

const day = (value) => formatDate(value, t('lookup.no_date'));

/** "Offline copy, as of …" (the device's copy) or nothing (a live answer). */
export function AsOf({ asOf }) {
  if (!asOf) return null;
  const key = navigator.onLine ? 'lookup.copy_as_of' : 'data.as_of';
  return html`<p class="asof" data-as-of=${asOf}>${t(key, { time: formatTime(asOf, locale()) })}</p>`;
}

function Figure({ label, value, name }) {
  return html`<div class="figure" data-figure=${name}>
    <span class="figure-value">${qty(value)}</span><span class="figure-label">${label}</span></div>`;
}

function WarehouseCard({ level, warehouse, balances, product }) {
  const here = balances.filter((b) => b.warehouse_id === level.warehouse_id && Number(b.on_hand) !== 0);
  return html`<section class="card" data-warehouse-id=${level.warehouse_id}>
    <h3>${warehouse ? `${warehouse.name} (${warehouse.code})` : `#${level.warehouse_id}`}</h3>
    <div class="figures">
      <${Figure} label=${`${t('stock.on_hand')}${product.unit ? ` (${product.unit})` : ''}`} value=${level.on_hand} name="on_hand" />
      <${Figure} label=${t('stock.available')} value=${level.available} name="available" />
      <${Figure} label=${t('stock.reserved')} value=${level.reserved} name="reserved" />
      <${Figure} label=${t('stock.incoming')} value=${level.incoming} name="incoming" />
    </div>
    ${here.length ? html`<ul class="bins">${here.map((b) => html`<li class="bin">
        <span class="bin-code">${b.location}</span>
        ${b.lot ? html`<span class="muted small"> ${t('stock.lot', { lot: b.lot })}${b.expiry ? ` · ${b.expiry}` : ''}</span>` : null}
        <span class="bin-qty">${qty(b.on_hand)}</span></li>`)}</ul>`
    : html`<p class="muted small">${t('stock.no_bins')}</p>`}
  </section>`;
}

function Incoming({ rows }) {
  if (!rows.length) return null;
  return html`<section class="card" id="lookup-incoming">
    <h3>${t('lookup.incoming_title')}</h3>
    <ul class="list incoming">${rows.map((row) => html`<li data-number=${row.number || ''}>
      <strong class="incoming-qty">${qty(row.remaining)}</strong>
      ${' '}${row.expected_date ? t('lookup.incoming_row', { supplier: row.supplier, date: day(row.expected_date) })
    : t('lookup.incoming_undated', { supplier: row.supplier })}
      ${row.number ? html` <span class="muted small">(${row.number})</span>` : null}</li>`)}</ul>
  </section>`;
}

function Tracking({ resolution }) {
  const parts = [
    resolution.lot && t('stock.lot', { lot: resolution.lot }),
    resolution.expiry && t('lookup.expiry', { date: day(resolution.expiry) }),
    resolution.serial && t('lookup.serial', { serial: resolution.serial }),
    resolution.pack_qty && Number(resolution.pack_qty) !== 1 && t('lookup.pack', { n: qty(resolution.pack_qty) }),
    resolution.count && t('lookup.count', { n: resolution.count }),
  ].filter(Boolean);
  return parts.length ? html`<p class="tracking">${parts.join(' · ')}</p>` : null;
}

/** A product: name, price, what the scanned code carried, stock, and what is incoming. */
export function ProductAnswer({ answer }) {
  const { product, resolution, stock, incoming } = answer;
  const names = new Map(stock.warehouses.map((w) => [w.id, w]));
  return html`<div class="stack" id="lookup-product" data-product-id=${product.id}>
    <h2>${product.name}</h2>
    <p class="muted">${t('product.sku')} ${product.sku}${resolution.gtin ? ` · ${resolution.gtin}` : ''}</p>
    <p class="price" data-price=${product.price ?? ''}><span class="price-label">${t('lookup.price')}</span>
      <strong class="price-value">${formatMoney(product.price)}</strong></p>
    <${Tracking} resolution=${resolution} />
    <${AsOf} asOf=${stock.asOf} />
    ${stock.levels.length ? stock.levels.map((level) => html`<${WarehouseCard} level=${level}
        warehouse=${names.get(level.warehouse_id)} balances=${stock.balances} product=${product} />`)
    : html`<div class="notice notice-info" role="status">${t('stock.none')}</div>`}
    <${Incoming} rows=${incoming} />
    <${PrintLabel} href=${labelUrl(`products/${product.id}/label`, { lot_id: resolution.lot_id })} />
  </div>`;
}

/** A bin label: where it is and what it holds (from the device copy). */
export function LocationAnswer({ answer }) {
  const { location, contents, asOf } = answer;
  return html`<div class="stack" id="lookup-location" data-location-id=${location.id}>
    <h2>${t('lookup.bin', { code: location.code })}</h2>
    <p class="muted">${location.warehouse_code}${location.zone ? ` · ${location.zone}` : ''} · ${t(`location.${location.kind}`)}</p>
    <${AsOf} asOf=${asOf} />
    ${contents.length ? html`<ul class="bins">${contents.map((row) => html`<li class="bin">
        <span class="bin-code">${row.name}</span>
        ${row.lot ? html`<span class="muted small"> ${t('stock.lot', { lot: row.lot })}</span>` : null}
        <span class="bin-qty">${qty(row.on_hand)}</span></li>`)}</ul>`
    : html`<p class="muted small">${t('lookup.bin_empty')}</p>`}
    <${PrintLabel} href=${labelUrl(`locations/${location.id}/label`)} />
  </div>`;
}

/** A document QR: which document, its status, and where to work on it. */
export function DocumentAnswer({ answer }) {
  const { document } = answer.resolution;
  const open = document.type === 'purchase_order' ? '#/receive' : null;
  return html`<div class="stack" id="lookup-document" data-document-type=${document.type}>
    <h2>${t(`doc.${document.type}`)} ${document.number}</h2>
    <p><span class="chip">${t(`status.${document.status}`)}</span></p>
    ${open ? html`<a class="button primary" href=${open}>${t('lookup.open_receive')}</a>` : null}
    <${PrintLabel} href=${documentLabelUrl(document)} />
  </div>`;
}

/** A pallet label (SSCC): the pallet is not tracked; the goods on it may be known. */
export function SsccAnswer({ answer }) {
  const { resolution } = answer;
  return html`<div class="stack" id="lookup-sscc">
    <h2>${t('lookup.sscc', { sscc: resolution.sscc })}</h2>
    <p>${resolution.product ? resolution.product.name : t('lookup.sscc_unknown')}</p>
    <${Tracking} resolution=${resolution} />
  </div>`;
}

/** Several products whose name matches what was typed: pick one. */
export function Choices({ products, onPick }) {
  return html`<ul class="list" id="lookup-choices">${products.map((p) => html`<li>
    <button type="button" class="choice" onClick=${() => onPick(p)}>${p.name} · ${p.sku}</button></li>`)}</ul>`;
}
