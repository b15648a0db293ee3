// Warehouses and bins: the list, a new warehouse, and one warehouse's page: its details
// (rename, negative stock, deactivate), its bins in walking order (add, edit barcode, zone and
// sort key, deactivate) and the stock thresholds of its products (minimum, reorder point,
// maximum).
import { html, useEffect, useState } from '/vendor/htm-preact.js';
import { t } from '../i18n.js';
import { navigate } from '../nav.js';
import * as session from '../session.js';
import { messageFor } from '../ui.js';
import { allItems, one, send } from './data.js';
import { Field, Form, useValues } from './form.js';
import { ProductPicker } from './picker.js';
import { Table } from './table.js';

const BASE = '/api/v1/warehouses';
const LIST = '#/office/warehouses';

function activeLabel(thing) {
  return thing.active ? t('office.active') : t('office.inactive');
}

/** A list the API gives whole, searched and shown as one page. */
export function wholeList(items, q) {
  const text = (q || '').toLowerCase();
  return { items: items.filter((w) => !text || `${w.code} ${w.name}`.toLowerCase().includes(text)), next: null };
}

function WarehouseList() {
  const columns = [
    { key: 'code', label: t('wh.code') },
    { key: 'name', label: t('wh.name') },
    { key: 'allow_negative', label: t('wh.allow_negative'), render: (w) => (w.allow_negative ? '✓' : '') },
    { key: 'active', label: t('office.status'), render: activeLabel },
  ];
  return html`<div class="row office-head"><h1 tabindex="-1">${t('office.warehouses')}</h1>
      ${session.can('stock.setup') ? html`<a class="button primary" id="new-warehouse" href=${`${LIST}/new`}>${t('wh.new')}</a>` : null}</div>
    <${Table} id="warehouse-table" columns=${columns} searchLabel=${t('wh.search')}
      href=${(w) => `${LIST}/${w.id}`}
      load=${async ({ q }) => wholeList((await one(BASE)), q)} />`;
}

function WarehouseForm({ warehouse, onSaved }) {
  const [values, set] = useValues(warehouse ? { ...warehouse } : { allow_negative: false });
  const writable = session.can('stock.setup');
  const save = async () => {
    if (!warehouse) {
      const created = await send('POST', BASE, { code: (values.code || '').trim(), name: (values.name || '').trim(),
        allow_negative: Boolean(values.allow_negative) });
      navigate(`${LIST}/${created.id}`);
      return;
    }
    onSaved(await send('PATCH', `${BASE}/${warehouse.id}`, { name: (values.name || '').trim(),
      allow_negative: Boolean(values.allow_negative) }));
  };
  const toggle = async () => onSaved(await send('PATCH', `${BASE}/${warehouse.id}`, { active: !warehouse.active }));
  return html`<${Form} id="warehouse-form" onSubmit=${save} onClose=${() => navigate(LIST)}
    actions=${warehouse && writable ? html`<span class="spacer"></span><button type="button"
      class=${warehouse.active ? 'danger deactivate' : 'activate'} onClick=${toggle}>
      ${warehouse.active ? t('office.deactivate') : t('office.activate')}</button>` : null}>
    <div class="grid">
      <${Field} name="code" label=${t('wh.code')} value=${values.code} set=${set} required
        disabled=${Boolean(warehouse)} autocomplete="off" />
      <${Field} name="name" label=${t('wh.name')} value=${values.name} set=${set} required />
    </div>
    <${Field} name="allow_negative" type="checkbox" label=${t('wh.allow_negative')} value=${values.allow_negative} set=${set} />
  </${Form}>`;
}

/** One bin as a row: its barcode, zone and sort key editable in place, saved by its button. */
function BinRow({ bin, writable, onChanged }) {
  const [values, setValues] = useState({ barcode: bin.barcode, zone: bin.zone, sort_key: bin.sort_key });
  const [error, setError] = useState(null);
  const dirty = ['barcode', 'zone', 'sort_key'].some((k) => values[k] !== bin[k]);
  const act = async (body) => {
    setError(null);
    try {
      onChanged(await send('PATCH', `/api/v1/locations/${bin.id}`, body));
    } catch (failure) {
      setError(failure);
    }
  };
  const input = (name) => html`<input name=${name} value=${values[name]} aria-label=${`${t(`bin.${name}`)} ${bin.code}`}
    disabled=${!writable} aria-invalid=${error?.field === name ? 'true' : undefined}
    onInput=${(e) => setValues({ ...values, [name]: e.target.value })}
    onKeyDown=${(e) => { if (e.key === 'Enter' && dirty) act(values); }} />`;
  const special = bin.kind !== 'bin';
  return html`<tr data-bin=${bin.code} class=${bin.active ? '' : 'inactive'}>
    <td data-label=${t('bin.code')}><strong>${bin.code}</strong>${special ? html` <span class="muted small">${t(`bin.kind_${bin.kind}`)}</span>` : null}</td>
    <td data-label=${t('bin.barcode')}>${input('barcode')}</td>
    <td data-label=${t('bin.zone')}>${input('zone')}</td>
    <td data-label=${t('bin.sort_key')}>${input('sort_key')}</td>
    <td data-label=${t('office.status')}>${activeLabel(bin)}</td>
    <td class="bin-actions">
      ${writable && dirty ? html`<button type="button" class="primary save-bin" onClick=${() => act(values)}>${t('office.save')}</button>` : null}
      ${writable && !special ? html`<button type="button" class=${bin.active ? 'deactivate-bin' : 'activate-bin'}
        onClick=${() => act({ active: !bin.active })}>${bin.active ? t('office.deactivate') : t('office.activate')}</button>` : null}
      ${error ? html`<p class="field-error" role="alert">${messageFor(error)}</p>` : null}
    </td>
  </tr>`;
}

function NewBin({ warehouse, onAdded }) {
  const [values, set, replace] = useValues({});
  const [open, setOpen] = useState(false);
  if (!open) {
    return html`<button type="button" id="add-bin" onClick=${() => setOpen(true)}>${t('bin.new')}</button>`;
  }
  const save = async () => {
    const body = { code: (values.code || '').trim() };
    for (const key of ['barcode', 'zone', 'sort_key']) if ((values[key] || '').trim()) body[key] = values[key].trim();
    onAdded(await send('POST', `${BASE}/${warehouse.id}/locations`, body));
    replace({});
  };
  return html`<${Form} id="bin-form" title=${t('bin.new')} onSubmit=${save} onClose=${() => setOpen(false)}>
    <div class="grid">
      <${Field} name="code" label=${t('bin.code')} value=${values.code} set=${set} required autocomplete="off" />
      <${Field} name="barcode" label=${t('bin.barcode')} value=${values.barcode} set=${set} hint=${t('bin.barcode_hint')} autocomplete="off" />
      <${Field} name="zone" label=${t('bin.zone')} value=${values.zone} set=${set} />
      <${Field} name="sort_key" label=${t('bin.sort_key')} value=${values.sort_key} set=${set} hint=${t('bin.sort_key_hint')} />
    </div>
  </${Form}>`;
}

function Bins({ warehouse }) {
  const [bins, setBins] = useState(null);
  const [error, setError] = useState(null);
  const writable = session.can('stock.setup');
  const load = () => one(`${BASE}/${warehouse.id}/locations`).then(setBins).catch(setError);
  useEffect(() => { load(); }, [warehouse.id]);
  return html`<section class="card" id="bins"><h2>${t('bin.title')}</h2>
    <p class="muted small">${t('bin.walk_note')}</p>
    ${error ? html`<div class="notice notice-bad" role="alert">${messageFor(error)}</div>` : null}
    ${bins ? html`<table class="sub-table bin-table"><thead><tr>
        <th>${t('bin.code')}</th><th>${t('bin.barcode')}</th><th>${t('bin.zone')}</th>
        <th>${t('bin.sort_key')}</th><th>${t('office.status')}</th><th></th></tr></thead>
      <tbody>${bins.map((bin) => html`<${BinRow} key=${`${bin.id}-${bin.sort_key}-${bin.active}-${bin.barcode}-${bin.zone}`}
        bin=${bin} writable=${writable} onChanged=${load} />`)}</tbody></table>` : null}
    ${writable ? html`<${NewBin} warehouse=${warehouse} onAdded=${load} />` : null}
  </section>`;
}

const LIMITS = ['min_qty', 'reorder_point', 'max_qty'];

function limitsBody(values) {
  const body = {};
  for (const key of LIMITS) {
    const text = String(values[key] ?? '').trim();
    body[key] = text === '' ? null : text;
  }
  return body;
}

/** A product's thresholds in the warehouse, edited in place. */
function LevelRow({ level, warehouse, writable, onSaved }) {
  const [values, setValues] = useState(Object.fromEntries(LIMITS.map((k) => [k, level[k] ?? ''])));
  const [error, setError] = useState(null);
  const save = async () => {
    setError(null);
    try {
      onSaved(await send('PUT', `/api/v1/stock/levels/${level.product_id}/${warehouse.id}`, limitsBody(values)));
    } catch (failure) {
      setError(failure);
    }
  };
  const dirty = LIMITS.some((k) => String(values[k]) !== String(level[k] ?? ''));
  return html`<tr data-sku=${level.sku}>
    <td data-label=${t('product.sku')}><strong>${level.sku}</strong></td>
    <td class="num" data-label=${t('level.on_hand')}>${level.on_hand}</td>
    <td class="num" data-label=${t('level.available')}>${level.available}</td>
    ${LIMITS.map((key) => html`<td data-label=${t(`level.${key}`)}><input name=${key} inputmode="decimal"
      value=${values[key]} disabled=${!writable} aria-label=${`${t(`level.${key}`)} ${level.sku}`}
      aria-invalid=${error?.field === key ? 'true' : undefined}
      onInput=${(e) => setValues({ ...values, [key]: e.target.value })}
      onKeyDown=${(e) => { if (e.key === 'Enter') save(); }} /></td>`)}
    <td>${writable && dirty ? html`<button type="button" class="primary save-level" onClick=${save}>${t('office.save')}</button>` : null}
      ${error ? html`<p class="field-error" role="alert">${messageFor(error)}</p>` : null}</td>
  </tr>`;
}

function Thresholds({ warehouse }) {
  const [levels, setLevels] = useState(null);
  const [error, setError] = useState(null);
  const writable = session.can('stock.setup');
  const load = () => allItems('/api/v1/stock/levels', { warehouse_id: warehouse.id }).then(setLevels).catch(setError);
  useEffect(() => { load(); }, [warehouse.id]);
  const add = async ({ product }) => {
    setError(null);
    try { // an empty PUT makes the product's row in this warehouse without changing anything
      await send('PUT', `/api/v1/stock/levels/${product.id}/${warehouse.id}`, {});
      await load();
    } catch (failure) {
      setError(failure);
    }
  };
  return html`<section class="card" id="thresholds"><h2>${t('level.title')}</h2>
    <p class="muted small">${t('level.note')}</p>
    ${error ? html`<div class="notice notice-bad" role="alert">${messageFor(error)}</div>` : null}
    ${levels ? html`<table class="sub-table level-table"><thead><tr>
        <th>${t('product.sku')}</th><th class="num">${t('level.on_hand')}</th><th class="num">${t('level.available')}</th>
        ${LIMITS.map((k) => html`<th>${t(`level.${k}`)}</th>`)}<th></th></tr></thead>
      <tbody>${levels.map((level) => html`<${LevelRow} key=${`${level.product_id}-${level.min_qty}-${level.reorder_point}-${level.max_qty}`}
        level=${level} warehouse=${warehouse} writable=${writable} onSaved=${load} />`)}</tbody></table>` : null}
    ${levels && !levels.length ? html`<p class="muted">${t('office.empty')}</p>` : null}
    ${writable ? html`<details class="add-threshold"><summary>${t('level.add')}</summary>
      <${ProductPicker} id="threshold-picker" onPick=${add} /></details>` : null}
  </section>`;
}

function WarehousePage({ id }) {
  const [warehouse, setWarehouse] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    if (id === 'new') return;
    one(`${BASE}/${id}`).then(setWarehouse).catch(setError);
  }, [id]);
  const title = id === 'new' ? t('wh.new') : warehouse ? `${warehouse.code} · ${warehouse.name}` : '';
  return html`<h1 tabindex="-1">${title}</h1>
    ${error ? html`<div class="notice notice-bad" role="alert">${messageFor(error)}</div>` : null}
    ${id === 'new' ? html`<${WarehouseForm} key="new" />` : null}
    ${warehouse ? html`<${WarehouseForm} key=${`${warehouse.id}-${warehouse.active}-${warehouse.name}`} warehouse=${warehouse} onSaved=${setWarehouse} />
      <${Bins} warehouse=${warehouse} />
      <${Thresholds} warehouse=${warehouse} />` : null}`;
}

/** The warehouses section. */
export default function Warehouses({ id }) {
  return id ? html`<${WarehousePage} id=${id} />` : html`<${WarehouseList} />`;
}
