// Count a stocktake bin by bin: choose a warehouse or zone (or continue an open stocktake),
// see the bins to count and done, scan a bin, then its items (each scan adds its pack); edit
// a quantity, count a bin again, mark it done, submit. Blind: no expected figure is shown.
// Every write goes through the outbox; the bins and counts come from the server, or offline
// from the service worker's last copy (its age shown).
import { html, render as paint } from '/vendor/htm-preact.js';
import { get, request } from '../api.js';
import * as devicecopy from '../devicecopy.js';
import { formatQty, formatTime, h } from '../dom.js';
import { locale, t } from '../i18n.js';
import { navigate } from '../nav.js';
import * as outbox from '../outbox.js';
import * as session from '../session.js';
import { CATALOG } from '../scan/codes.js';
import { feedback } from '../scan/feedback.js';
import { meaningOrRefusal, refreshCopy } from '../floor/copy.js';
import { ask, clear, floorScreen } from '../floor/screen.js';
import { messageFor, page } from '../ui.js';

const COUNTS = /^\/api\/v1\/stocktakes\/(\d+)\/(counts|bins\/(\d+)\/(done|recount)|submit)$/;
const qty = (n) => formatQty(n, locale());

function AsOf({ asOf }) {
  return asOf ? html`<p class="asof" data-as-of=${asOf}>${t('data.as_of', { time: formatTime(asOf, locale()) })}</p>` : null;
}

/** The start: open stocktakes to continue or review, and a new count of a warehouse or zone. */
function Start({ open, review, warehouses, onStart, asOf }) {
  const [warehouseId, zones] = [warehouses.selected, warehouses.zones];
  return html`<div class="stack">
    <${AsOf} asOf=${asOf} />
    ${open.length ? html`<h2>${t('count.continue')}</h2>
      <ul class="list" id="count-open">${open.map((s) => html`<li key=${s.id}>
        <a class="button choice big" href=${`#/count/${s.id}`} data-stocktake-id=${s.id}>
          <strong>${s.number}</strong>
          <span class="small">${s.warehouse} · ${s.zone ? t('count.zone', { zone: s.zone }) : t('count.whole')}</span></a></li>`)}</ul>` : null}
    ${review.length ? html`<h2>${t('count.to_review')}</h2>
      <ul class="list" id="count-review-list">${review.map((s) => html`<li key=${s.id}>
        <a class="button choice big" href=${`#/count/${s.id}/review`} data-stocktake-id=${s.id}>
          <strong>${s.number}</strong><span class="small">${s.warehouse} · ${s.zone ? t('count.zone', { zone: s.zone }) : t('count.whole')}</span></a></li>`)}</ul>` : null}
    ${session.can('stocktake.manage') ? html`<form class="card stack" id="count-new" onSubmit=${onStart}>
      <h2>${t('count.new')}</h2>
      <label class="field"><span>${t('count.warehouse')}</span>
        <select name="warehouse" id="count-warehouse" value=${warehouseId ?? ''} onChange=${warehouses.choose}>
          ${warehouses.list.map((w) => html`<option value=${w.id}>${w.code} · ${w.name}</option>`)}</select></label>
      <label class="field"><span>${t('count.zone_label')}</span>
        <select name="zone" id="count-zone">
          <option value="">${t('count.whole')}</option>
          ${zones.map((z) => html`<option value=${z}>${t('count.zone', { zone: z })}</option>`)}</select></label>
      <button type="submit" class="primary big" id="count-start">${t('count.start')}</button>
    </form>` : null}
    ${!open.length && !session.can('stocktake.manage') ? html`<div class="notice notice-ok">${t('count.none_open')}</div>` : null}
  </div>`;
}

async function renderStart(view) {
  const screen = floorScreen(view, { title: t('tile.count'), idle: t('count.pick') });
  const state = { open: [], review: [], asOf: null, warehouses: { list: [], selected: null, zones: [] } };
  const draw = () => paint(html`<${Start} ...${state} onStart=${start} />`, screen.work);
  const zonesOf = async (warehouseId) => {
    const { data } = await get(`/api/v1/warehouses/${warehouseId}/locations`);
    return [...new Set(data.filter((l) => l.kind !== 'transit' && l.zone).map((l) => l.zone))].sort();
  };
  state.warehouses.choose = async (event) => {
    state.warehouses.selected = Number(event.target.value);
    state.warehouses.zones = await zonesOf(state.warehouses.selected).catch(() => []);
    draw();
  };
  async function start(event) {
    event.preventDefault();
    const form = event.target;
    try {
      const { data } = await request('POST', '/api/v1/stocktakes', {
        body: { warehouse_id: Number(form.warehouse.value), ...(form.zone.value ? { zone: form.zone.value } : {}) } });
      feedback('ok', { title: data.number });
      navigate(`#/count/${data.id}`);
    } catch (error) {
      feedback('error', { title: t('count.not_started'), detail: messageFor(error) });
    }
  }
  try {
    const [warehouses, counting, submitted] = await Promise.all([get('/api/v1/warehouses'),
      get('/api/v1/stocktakes?status=counting&limit=100'),
      session.can('approvals.decide') ? get('/api/v1/stocktakes?status=submitted&limit=100') : null]);
    const code = new Map(warehouses.data.map((w) => [w.id, w.code]));
    const named = (s) => ({ ...s, warehouse: code.get(s.warehouse_id) || `#${s.warehouse_id}` });
    state.open = counting.data.items.map(named);
    state.review = submitted ? submitted.data.items.map(named) : [];
    state.asOf = [warehouses, counting, submitted].map((a) => a?.asOf).filter(Boolean).sort()[0] || null;
    state.warehouses.list = warehouses.data;
    state.warehouses.selected = warehouses.data[0]?.id ?? null;
    if (state.warehouses.selected && session.can('stocktake.manage')) {
      state.warehouses.zones = await zonesOf(state.warehouses.selected).catch(() => []);
    }
  } catch (error) {
    screen.work.append(h('div', { class: 'notice notice-bad', role: 'alert' }, messageFor(error)));
  }
  draw();
  const input = screen.listen(async ({ text }) => {
    const meaning = await meaningOrRefusal(text);
    if (meaning?.kind === 'document' && meaning.document.prefix === 'ST') return navigate(`#/count/${meaning.document.id}`);
    return meaning && feedback('error', { title: t('count.not_a_stocktake', { code: text }) });
  });
  return () => { input.stop(); screen.stop(); paint(null, screen.work); };
}

/** One bin's places as this device knows them: server counts plus what waits in the outbox. */
function Places({ bin, places, names, onEdit }) {
  const mine = places.filter((p) => p.location_id === bin.location_id);
  return html`<ol class="list" id="count-places">${mine.map((p) => html`<li key=${p.key}
      class="card count-place" data-product-id=${p.product_id} data-counted=${p.counted_qty}>
    <div class="row spread"><strong>${names.get(p.product_id)?.name || `#${p.product_id}`}</strong>
      <span class="count-qty">${qty(p.counted_qty)}</span></div>
    <div class="row spread small"><span>${names.get(p.product_id)?.sku || ''}${p.lot_id ? ` · ${t('count.lot', { lot: names.lots.get(p.lot_id) || `#${p.lot_id}` })}` : ''}</span>
      <button type="button" class="count-edit" onClick=${() => onEdit(p)}>${t('count.edit')}</button></div></li>`)}
    ${mine.length ? null : html`<li class="muted">${t('count.bin_empty_so_far')}</li>`}</ol>`;
}

function BinRow({ bin, onPick }) {
  const who = bin.done_at ? t('count.done_by', { who: bin.done_by || '?', time: formatTime(bin.done_at, locale()) }) : '';
  return html`<li key=${bin.location_id}><button type="button" class=${`choice count-bin${bin.done_at ? ' done' : ''}`}
      data-location-id=${bin.location_id} onClick=${() => onPick(bin)}>
    <span class="stack-tight"><strong>${bin.code}</strong>
      <span class="small">${bin.places ? t('count.bin_tally', { n: bin.places, units: qty(bin.counted_qty) }) : t('count.not_counted')}${who ? ` · ${who}` : ''}</span></span></button></li>`;
}

function Counting({ stocktake, bins, current, places, names, asOf, onEdit, onRecount, onPick, onReview }) {
  return html`<div class="stack">
    <${AsOf} asOf=${asOf} />
    ${current ? html`<section class="card stack count-current" id="count-current" data-location-id=${current.location_id}>
      <div class="row spread"><h2>${t('count.in_bin', { bin: current.code })}</h2>
        <button type="button" class="danger" id="count-recount" onClick=${onRecount}>${t('count.recount')}</button></div>
      <${Places} bin=${current} places=${places} names=${names} onEdit=${onEdit} /></section>`
    : html`<p class="lead">${t('count.scan_bin_hint')}</p>`}
    <h2>${t('count.to_count', { n: bins.to_count.length })}</h2>
    <ul class="list" id="count-to-count">${bins.to_count.map((bin) => html`<${BinRow} key=${bin.location_id} bin=${bin} onPick=${onPick} />`)}</ul>
    <details class="recv-done" open=${!bins.to_count.length}><summary>${t('count.done', { n: bins.done.length })}</summary>
      <ul class="list" id="count-done">${bins.done.map((bin) => html`<${BinRow} key=${bin.location_id} bin=${bin} onPick=${onPick} />`)}</ul></details>
    ${stocktake.status !== 'counting' ? html`<div class="notice notice-info">${t('count.status', { status: t(`count.status_${stocktake.status}`) })}
      ${onReview ? html` <a href=${`#/count/${stocktake.id}/review`} id="count-to-review">${t('count.review')}</a>` : null}</div>` : null}
  </div>`;
}

/** The stocktake, its bins and counts: the server's, or offline the last copy (with its age). */
async function loadStocktake(id) {
  const [stocktake, bins] = await Promise.all([get(`/api/v1/stocktakes/${id}`), get(`/api/v1/stocktakes/${id}/bins`)]);
  return { stocktake: stocktake.data, bins: bins.data, asOf: [stocktake, bins].map((a) => a.asOf).filter(Boolean).sort()[0] || null };
}

const placeKey = (p) => `${p.product_id}:${p.location_id}:${p.lot_id || 0}`;

/** Apply one count write to the places (the server's rule: add, or set). */
function applyCount(places, body) {
  const key = placeKey(body);
  let place = places.find((p) => p.key === key);
  if (!place) {
    place = { key, product_id: body.product_id, location_id: body.location_id, lot_id: body.lot_id || null, counted_qty: 0 };
    places.push(place);
  }
  place.counted_qty = body.mode === 'set' ? Number(body.qty) : place.counted_qty + Number(body.qty);
  return place;
}

/** What the outbox still holds for this stocktake, applied on top of the server's figures. */
async function applyOutbox(id, state) {
  for (const entry of await outbox.entries()) {
    const [, stocktakeId, , binId, action] = COUNTS.exec(entry.url) || [];
    if (Number(stocktakeId) !== id || entry.status === 'failed') continue;
    if (entry.url.endsWith('/counts')) applyCount(state.places, entry.body);
    else if (action) moveBin(state, Number(binId), action);
  }
}

/** Move a bin between to-count and done on this device (done, or cleared to recount). */
function moveBin(state, locationId, action) {
  const all = [...state.bins.to_count, ...state.bins.done];
  const bin = all.find((b) => b.location_id === locationId);
  if (!bin) return;
  if (action === 'recount') {
    state.places = state.places.filter((p) => p.location_id !== locationId);
    Object.assign(bin, { done_at: null, done_by: null, places: 0, counted_qty: 0 });
  } else {
    Object.assign(bin, { done_at: bin.done_at || new Date().toISOString(), done_by: session.user()?.display_name || '' });
  }
  const byOrder = (a, b) => all.indexOf(a) - all.indexOf(b);
  state.bins = { to_count: all.filter((b) => !b.done_at).sort(byOrder), done: all.filter((b) => b.done_at).sort(byOrder) };
}

async function renderStocktake(view, id) {
  let loaded;
  try {
    loaded = await loadStocktake(id);
  } catch (error) {
    view.append(...page(t('tile.count'), h('div', { class: 'notice notice-bad', role: 'alert' }, messageFor(error))));
    return null;
  }
  const main = h('button', { type: 'button', class: 'primary', id: 'count-main' });
  const { stocktake } = loaded;
  const title = `${stocktake.number}${stocktake.zone ? ` · ${t('count.zone', { zone: stocktake.zone })}` : ''}`;
  const screen = floorScreen(view, { title, idle: t('count.scan_bin'), main });
  const names = new Map();
  names.lots = new Map();
  const learnNames = async () => { // products and lots by id, from the device's catalog
    const catalog = await devicecopy.get(CATALOG);
    for (const [pid, product] of catalog?.productsById || []) names.set(pid, product);
    for (const lot of catalog?.lots?.values() || []) names.lots.set(lot.id, lot.code);
  };
  await learnNames();
  const state = { ...loaded, current: null,
    places: stocktake.counts.map((c) => ({ ...c, key: placeKey(c), counted_qty: Number(c.counted_qty) })) };
  await applyOutbox(id, state);
  const counting = stocktake.status === 'counting';
  const tally = () => { // the bins' figures from this device's places
    for (const bin of [...state.bins.to_count, ...state.bins.done]) {
      const mine = state.places.filter((p) => p.location_id === bin.location_id);
      Object.assign(bin, { places: mine.length, counted_qty: mine.reduce((n, p) => n + p.counted_qty, 0) });
    }
  };
  const draw = () => {
    tally();
    main.textContent = !counting ? t('count.back') : state.current ? t('count.bin_done') : t('count.submit');
    main.hidden = counting && !state.current && !session.can('stocktake.manage');
    paint(html`<${Counting} ...${state} names=${names} onEdit=${edit} onRecount=${recount} onPick=${setBin}
      onReview=${session.can('approvals.decide') ? true : null} />`, screen.work);
  };
  const send = (url, body, label, extra = {}) => outbox.enqueue({ url: `/api/v1/stocktakes/${id}/${url}`, body, label,
    deps: [`stocktake:${id}`], ...extra });

  function setBin(bin) {
    if (!counting) return;
    state.current = bin;
    clear(screen.sheet);
    feedback('ok', { title: bin.code, detail: t('count.bin_set') });
    draw();
  }
  const count = (product, amount, lotId, mode = 'add') => {
    const body = { product_id: product.id, location_id: state.current.location_id, qty: amount, mode, ...(lotId ? { lot_id: lotId } : {}) };
    send('counts', body, { key: mode === 'set' ? 'op.count_set' : 'op.count', vars: { qty: amount, sku: product.sku, bin: state.current.code, st: stocktake.number } });
    const place = applyCount(state.places, body);
    names.set(product.id, names.get(product.id) || product);
    feedback('ok', { title: product.name, detail: t(mode === 'set' ? 'count.set_to' : 'count.added', { qty: qty(amount), n: qty(place.counted_qty) }), count: place.counted_qty });
    draw();
  };
  function edit(place) {
    const field = h('input', { type: 'number', min: '0', step: 'any', id: 'count-qty', value: String(place.counted_qty), inputmode: 'decimal' });
    const product = names.get(place.product_id) || { id: place.product_id, sku: `#${place.product_id}`, name: `#${place.product_id}` };
    ask(screen.sheet, h('form', { class: 'stack', onsubmit: (event) => {
      event.preventDefault();
      if (field.value === '' || Number(field.value) < 0) return;
      clear(screen.sheet);
      count(product, Number(field.value), place.lot_id, 'set');
    } }, h('label', { class: 'field' }, h('span', {}, t('count.how_many', { name: product.name })), field),
    h('button', { type: 'submit', class: 'primary big', id: 'count-set' }, t('count.set'))));
    field.select();
  }
  function recount() {
    const bin = state.current;
    ask(screen.sheet, h('strong', {}, t('count.recount_ask', { bin: bin.code })), h('div', { class: 'row' },
      h('button', { type: 'button', class: 'danger', id: 'count-recount-yes', onclick: () => {
        send(`bins/${bin.location_id}/recount`, {}, { key: 'op.count_recount', vars: { bin: bin.code, st: stocktake.number } });
        moveBin(state, bin.location_id, 'recount');
        state.current = state.bins.to_count.find((b) => b.location_id === bin.location_id) || bin;
        clear(screen.sheet);
        feedback('warn', { title: bin.code, detail: t('count.recounting') });
        draw();
      } }, t('count.recount')), h('button', { type: 'button', onclick: () => clear(screen.sheet) }, t('count.cancel'))));
  }
  const binDone = () => {
    const bin = state.current;
    send(`bins/${bin.location_id}/done`, {}, { key: 'op.count_done', vars: { bin: bin.code, st: stocktake.number } });
    moveBin(state, bin.location_id, 'done');
    state.current = null;
    feedback('ok', { title: bin.code, detail: t('count.bin_is_done'), count: bin.counted_qty });
    draw();
  };
  const submit = () => ask(screen.sheet, h('strong', {}, t('count.submit_ask', { n: state.bins.to_count.length })),
    h('div', { class: 'row' }, h('button', { type: 'button', class: 'primary', id: 'count-submit-yes', onclick: () => {
      send('submit', {}, { key: 'op.count_submit', vars: { st: stocktake.number } });
      clear(screen.sheet);
      feedback('ok', { title: stocktake.number, detail: t('count.submitted') });
      navigate('#/count');
    } }, t('count.submit')), h('button', { type: 'button', onclick: () => clear(screen.sheet) }, t('count.cancel'))));
  main.addEventListener('click', () => {
    if (!counting) return navigate('#/count');
    return state.current ? binDone() : submit();
  });

  const onScan = async ({ text }) => {
    const meaning = await meaningOrRefusal(text);
    if (!meaning) return undefined;
    if (!counting) return feedback('error', { title: stocktake.number, detail: t('count.not_counting') });
    if (meaning.kind === 'location') {
      const bin = [...state.bins.to_count, ...state.bins.done].find((b) => b.location_id === meaning.location.id);
      if (bin) return setBin(bin);
      return feedback('error', { title: meaning.location.code, detail: t('count.bin_elsewhere', { bin: meaning.location.code, st: stocktake.number }) });
    }
    if (meaning.kind === 'product') {
      if (!state.current) return feedback('warn', { title: meaning.product.name, detail: t('count.bin_first') });
      if (meaning.lot_id) names.lots.set(meaning.lot_id, meaning.lot);
      return count(meaning.product, Number(meaning.pack_qty || 1) * (meaning.count || 1), meaning.lot_id);
    }
    return feedback('error', { title: t('count.not_item', { code: text }) });
  };
  // A refused write is shown with the server's reason; the outbox keeps it to fix or discard.
  const follow = (event) => {
    const { failed, error } = event.detail || {};
    if (failed) feedback('error', { title: t('count.refused'), detail: error ? messageFor(error) : '' });
  };
  outbox.events.addEventListener('change', follow);
  let open = true;
  refreshCopy().then(learnNames).then(() => open && draw()); // codes and names made since the last copy
  draw();
  const input = screen.listen(onScan);
  return () => {
    open = false;
    input.stop(); screen.stop(); outbox.events.removeEventListener('change', follow); paint(null, screen.work);
  };
}

/** Render #/count (start or continue) or #/count/<id> (count it). */
export function render(view, { params }) {
  return params[0] ? renderStocktake(view, Number(params[0])) : renderStart(view);
}
