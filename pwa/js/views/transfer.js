// Transfers on the phone. Out: scan the bin the goods leave, then the items (each scan one
// more; a pack adds its pack quantity; a GS1 code brings its lot), choose where they go and
// ship: one outbox write that makes and ships the transfer. In: open a transfer coming to my
// warehouse (the list, or scan its STP:TR: QR), scan the bin, then the items: each scan is a
// receipt through the outbox. Finishing with lines short reports the difference to a manager.
import { html, render as paint } from '/vendor/htm-preact.js';
import { get } from '../api.js';
import { formatQty } from '../dom.js';
import { locale, t } from '../i18n.js';
import { navigate } from '../nav.js';
import * as outbox from '../outbox.js';
import { feedback } from '../scan/feedback.js';
import { meaningOrRefusal, refreshCopy } from '../floor/copy.js';
import { ask, clear, floorScreen } from '../floor/screen.js';
import { catalog, incomingTransfers, loadTransfer, pendingReceipts, productsById, transferNumberOf } from '../floor/transfers.js';
import { AsOf } from './lookup-cards.js';
import { messageFor } from '../ui.js';

const DRAFT_KEY = 'stocktap.transfer.draft'; // the transfer being scanned out survives a reload
const qty = (value) => formatQty(value, locale());

/** The bar's main action: a plain button (the bar lays out its direct button child). */
function mainButton(id, label, onClick) {
  const button = document.createElement('button');
  Object.assign(button, { type: 'button', id, className: 'primary', textContent: label });
  button.addEventListener('click', onClick);
  return button;
}

/** Paint a decision into the floor screen's sheet (amber area above the work). */
function askWith(sheet, vnode) {
  ask(sheet);
  paint(vnode, sheet.firstChild);
}

async function warehouseList() {
  try {
    return (await get('/api/v1/warehouses')).data;
  } catch (error) {
    if (error?.status !== 0) throw error;
    return (await catalog()).warehouses || [];
  }
}

const codeOf = (warehouses, id) => warehouses.find((w) => w.id === id)?.code || `#${id}`;

// --- the start: transfers coming to me, or a new one ----------------------------------------

function Incoming({ transfers, warehouses, asOf, error }) {
  if (error) return html`<div class="notice notice-bad" role="alert">${error}</div>`;
  return html`<h2 class="floor-sub">${t('transfer.incoming')}</h2>
    <${AsOf} asOf=${asOf} />
    ${transfers.length ? html`<ul class="list" id="transfer-incoming">${transfers.map((tr) => html`
      <li><a class="button choice big" href=${`#/transfer/${tr.id}`} data-transfer-id=${tr.id}>
        <strong>${tr.number}</strong>
        <span class="muted small">${`${t('transfer.route', { from: codeOf(warehouses, tr.from_warehouse_id), to: codeOf(warehouses, tr.to_warehouse_id) })} · ${
          t('transfer.units_in_transit', { n: qty(tr.lines.reduce((sum, l) => sum + Number(l.qty_in_transit), 0)) })}`}</span>
      </a></li>`)}</ul>`
    : html`<div class="notice notice-ok" role="status">${t('transfer.none_incoming')}</div>`}`;
}

async function renderStart(view) {
  const screen = floorScreen(view, { title: t('tile.transfer'), idle: t('transfer.scan_tr'),
    main: mainButton('transfer-new', t('transfer.new'), () => navigate('#/transfer/new')) });
  let transfers = [];
  const load = async () => {
    try {
      const [found, warehouses] = await Promise.all([incomingTransfers(), warehouseList()]);
      transfers = found.transfers;
      paint(html`<${Incoming} transfers=${transfers} warehouses=${warehouses} asOf=${found.asOf} />`, screen.work);
    } catch (error) {
      paint(html`<${Incoming} error=${messageFor(error)} />`, screen.work);
    }
  };
  // A transfer shipped or reported from here goes out of the outbox after this list was read.
  const reload = (event) => { if (event.detail?.sent) load(); };
  outbox.events.addEventListener('change', reload);
  refreshCopy(); // what codes mean, for scanning offline later
  await load();
  const input = screen.listen(({ text }) => {
    const number = transferNumberOf(text);
    const found = number && transfers.find((tr) => tr.number.toUpperCase() === number);
    if (!found) return feedback('error', { title: t('transfer.no_such', { code: number || text }) });
    feedback('ok', { title: found.number });
    return navigate(`#/transfer/${found.id}`);
  });
  return () => { input.stop(); screen.stop(); outbox.events.removeEventListener('change', reload); paint(null, screen.work); };
}

// --- out: scan a transfer out of its source and ship it -------------------------------------

function loadDraft() {
  try {
    return JSON.parse(localStorage.getItem(DRAFT_KEY)) || null;
  } catch {
    return null;
  }
}

function Outgoing({ draft, warehouses, onTo, onLess }) {
  const from = draft.bin;
  const choices = warehouses.filter((w) => w.id !== from?.warehouse_id);
  return html`
    <div class="move-ends">
      <div class="card" id="transfer-from" data-bin-id=${from?.id ?? ''}>
        <span class="muted small">${t('transfer.from_bin')}</span>
        <strong class="bin-big">${from ? from.code : '–'}</strong>
        <span class="muted small">${from ? codeOf(warehouses, from.warehouse_id) : ''}</span></div>
      <div class="card" id="transfer-to" data-warehouse-id=${draft.to ?? ''}>
        <span class="muted small">${t('transfer.to')}</span>
        <strong class="bin-big">${draft.to ? codeOf(warehouses, draft.to) : '–'}</strong></div>
    </div>
    <ol class="list" id="transfer-items">${draft.items.map((item, n) => html`
      <li class="card" data-product-id=${item.product_id} data-qty=${item.qty} data-lot-id=${item.lot_id ?? ''}>
        <div class="row spread"><strong>${item.name}</strong><span class="recv-count">${qty(item.qty)}</span></div>
        <div class="row spread muted small"><span>${item.sku}${item.lot ? ` · ${t('transfer.lot', { lot: item.lot })}` : ''} · ${item.bin_code}</span>
          <button type="button" class="less" aria-label=${t('transfer.less', { name: item.name })} onClick=${() => onLess(n)}>−1</button></div>
      </li>`)}</ol>
    ${draft.items.length ? html`<fieldset class="stack" id="transfer-destinations">
      <legend>${t('transfer.choose_to')}</legend>
      <div class="chips row">${choices.map((w) => html`
        <button type="button" class=${`choice${draft.to === w.id ? ' primary' : ''}`} aria-pressed=${String(draft.to === w.id)}
          data-warehouse-id=${w.id} onClick=${() => onTo(w.id)}>${w.code} · ${w.name}</button>`)}</div>
    </fieldset>` : null}`;
}

async function renderNew(view) {
  const draft = loadDraft() || { bin: null, items: [], to: null };
  const ship = mainButton('transfer-ship', t('transfer.ship'), () => shipIt());
  const screen = floorScreen(view, { title: t('transfer.new_title'), idle: t('transfer.scan_from'), main: ship });
  let warehouses = [];
  const save = () => localStorage.setItem(DRAFT_KEY, JSON.stringify(draft));
  const draw = () => {
    save();
    ship.disabled = !(draft.items.length && draft.to);
    paint(html`<${Outgoing} draft=${draft} warehouses=${warehouses} onTo=${(id) => { draft.to = id; draw(); }}
      onLess=${(n) => { draft.items[n].qty -= 1; if (draft.items[n].qty <= 0) draft.items.splice(n, 1); draw(); }} />`, screen.work);
  };

  const onBin = (location) => {
    if (location.kind === 'transit' || location.kind === 'quarantine') {
      return feedback('error', { title: location.code, detail: t('transfer.not_a_bin') });
    }
    if (draft.items.length && location.warehouse_id !== draft.bin.warehouse_id) {
      return feedback('error', { title: location.code, detail: t('transfer.other_source', { bin: location.code, wh: codeOf(warehouses, draft.bin.warehouse_id) }) });
    }
    draft.bin = { id: location.id, code: location.code, warehouse_id: location.warehouse_id };
    if (draft.to === location.warehouse_id) draft.to = null;
    feedback('ok', { title: location.code, detail: t('transfer.from_set') });
    return draw();
  };

  const onProduct = (meaning) => {
    const { product } = meaning;
    if (!draft.bin) return feedback('warn', { title: product.name, detail: t('transfer.bin_first') });
    if (product.tracks_lots && !meaning.lot_id) {
      return feedback('error', { title: product.name, detail: meaning.lot ? t('transfer.unknown_lot', { lot: meaning.lot }) : t('transfer.lot_needed') });
    }
    const lotId = meaning.lot_id || null;
    let item = draft.items.find((i) => i.product_id === product.id && i.lot_id === lotId && i.bin_id === draft.bin.id);
    if (!item) {
      item = { product_id: product.id, name: product.name, sku: product.sku, lot_id: lotId, lot: meaning.lot || null,
        bin_id: draft.bin.id, bin_code: draft.bin.code, qty: 0 };
      draft.items.push(item);
    }
    item.qty += Number(meaning.pack_qty || 1) * (meaning.count || 1);
    feedback('ok', { title: product.name, detail: t('transfer.added', { bin: draft.bin.code }), count: item.qty });
    return draw();
  };

  function shipIt() {
    if (!draft.items.length || !draft.to) return;
    const units = draft.items.reduce((sum, item) => sum + item.qty, 0);
    const to = codeOf(warehouses, draft.to);
    outbox.enqueue({ url: '/api/v1/transfers',
      body: { from_warehouse_id: draft.bin.warehouse_id, to_warehouse_id: draft.to, ship: true,
        lines: draft.items.map((item) => ({ product_id: item.product_id, qty: item.qty, from_location_id: item.bin_id,
          ...(item.lot_id ? { lot_id: item.lot_id } : {}) })) },
      label: { key: 'op.transfer_ship', vars: { n: units, from: codeOf(warehouses, draft.bin.warehouse_id), to } },
      deps: draft.items.map((item) => `product:${item.product_id}:bin:${item.bin_id}`) });
    feedback('ok', { title: t('transfer.shipped', { n: qty(units), to }), count: units });
    Object.assign(draft, { bin: null, items: [], to: null });
    localStorage.removeItem(DRAFT_KEY);
    navigate('#/transfer');
  }

  const onScan = async ({ text }) => {
    const meaning = await meaningOrRefusal(text);
    if (!meaning) return undefined;
    if (meaning.kind === 'location') return onBin(meaning.location);
    if (meaning.kind === 'product') return onProduct(meaning);
    return feedback('error', { title: t('transfer.not_here', { code: text }) });
  };

  refreshCopy();
  warehouses = await warehouseList().catch(() => []);
  draw();
  const input = screen.listen(onScan);
  return () => { input.stop(); screen.stop(); paint(null, screen.work); };
}

// --- in: receive a transfer at its destination ----------------------------------------------

function counts(line, pending) {
  const shipped = Number(line.qty);
  const received = Number(line.qty_received) + (pending[line.id] || 0);
  return { shipped, received, remaining: Math.max(0, Number(line.qty_in_transit) - (pending[line.id] || 0)) };
}

function LineCard({ line, pending, flash }) {
  const c = counts(line, pending);
  return html`<li class=${`card recv-line${c.remaining ? '' : ' done'}${flash ? ' flash' : ''}`}
      data-line-id=${line.id} data-received=${c.received} data-remaining=${c.remaining}>
    <div class="row spread"><strong class="recv-name">${line.name}</strong>
      <span class="recv-count">${qty(c.received)} / ${qty(c.shipped)}</span></div>
    <div class="row spread muted small"><span>${line.sku}${line.lot ? ` · ${t('transfer.lot', { lot: line.lot })}` : ''}</span>
      <span>${t('receive.remaining', { n: qty(c.remaining) })}</span></div></li>`;
}

function Receiving({ transfer, pending, bin, asOf, flashId }) {
  const open = transfer.lines.filter((l) => counts(l, pending).remaining > 0);
  const done = transfer.lines.filter((l) => counts(l, pending).remaining === 0);
  return html`
    <div class="row recv-bin"><span>${t('receive.into')}</span>
      <strong class="bin-chip" id="transfer-bin" data-bin-id=${bin?.id ?? ''}>${bin ? bin.code : t('transfer.scan_bin_short')}</strong></div>
    <${AsOf} asOf=${asOf} />
    <ol class="list" id="transfer-lines">${open.map((l) => html`<${LineCard} line=${l} pending=${pending} flash=${l.id === flashId} />`)}</ol>
    ${done.length ? html`<details class="recv-done" open=${done.some((l) => l.id === flashId)}>
      <summary>${t('receive.done_lines', { n: done.length })}</summary>
      <ol class="list">${done.map((l) => html`<${LineCard} line=${l} pending=${pending} flash=${l.id === flashId} />`)}</ol>
    </details>` : null}`;
}

function FinishSheet({ transfer, pending, onReport, onKeep }) {
  const short = transfer.lines.filter((l) => counts(l, pending).remaining > 0);
  return html`<strong>${t('transfer.finish_title')}</strong>
    <ul class="finish-short">${short.map((l) => html`<li>${l.name}: ${t('receive.short', { n: qty(counts(l, pending).remaining) })}</li>`)}</ul>
    <p>${t('transfer.report_hint')}</p>
    <div class="row">
      <button type="button" class="primary" id="transfer-report-short" onClick=${onReport}>${t('transfer.report_short')}</button>
      <button type="button" id="transfer-keep" onClick=${onKeep}>${t('transfer.keep_receiving')}</button></div>`;
}

async function renderTransfer(view, id) {
  let loaded;
  const finish = mainButton('transfer-finish', t('receive.finish'), () => askFinish());
  const screen = floorScreen(view, { title: t('tile.transfer'), idle: t('transfer.scan_bin'), main: finish });
  try {
    loaded = await loadTransfer(id);
  } catch (error) {
    paint(html`<div class="notice notice-bad" role="alert">${messageFor(error)}</div>`, screen.work);
    return () => screen.stop();
  }
  const { transfer, asOf } = loaded;
  view.querySelector('.floor-title').textContent = transfer.number;
  if (transfer.status !== 'in_transit') {
    finish.disabled = true;
    paint(html`<div class="notice notice-info" role="status">${t(`transfer.status_${transfer.status}`)}</div>`, screen.work);
    return () => screen.stop();
  }
  const [copy, products] = await Promise.all([catalog(), productsById()]);
  const lots = new Map([...(copy.lots?.values() || [])].map((lot) => [lot.id, lot.code]));
  for (const line of transfer.lines) {
    const product = products.get(line.product_id);
    Object.assign(line, { name: product?.name || `#${line.product_id}`, sku: product?.sku || '', lot: lots.get(line.lot_id) || null });
  }
  const state = { bin: null, flashId: null };
  const pending = await pendingReceipts(transfer.id); // scanned here before a reload, not yet sent
  const ops = new Map(); // opId -> {line, qty}
  const draw = () => paint(html`<${Receiving} transfer=${transfer} pending=${pending} bin=${state.bin} asOf=${asOf}
    flashId=${state.flashId} />`, screen.work);

  const onBin = (location) => {
    if (location.warehouse_id !== transfer.to_warehouse_id || !['bin', 'staging'].includes(location.kind)) {
      return feedback('error', { title: location.code, detail: t('transfer.bin_elsewhere', { bin: location.code, tr: transfer.number }) });
    }
    state.bin = location;
    feedback('ok', { title: location.code, detail: t('receive.bin_set') });
    return draw();
  };

  const onProduct = (meaning) => {
    const lines = transfer.lines.filter((l) => l.product_id === meaning.product.id
      && (!meaning.lot_id || l.lot_id === meaning.lot_id));
    if (!lines.length) return feedback('error', { title: meaning.product.name, detail: t('transfer.not_on', { tr: transfer.number }) });
    if (!state.bin) return feedback('warn', { title: meaning.product.name, detail: t('transfer.bin_first_in') });
    const amount = Number(meaning.pack_qty || 1) * (meaning.count || 1);
    const line = lines.find((l) => counts(l, pending).remaining >= amount);
    if (!line) {
      return feedback('error', { title: meaning.product.name, detail: t('transfer.over', { n: qty(amount) }) });
    }
    const entry = outbox.enqueue({ url: `/api/v1/transfers/${transfer.id}/receive`,
      body: { lines: [{ transfer_line_id: line.id, qty: amount, to_location_id: state.bin.id }] },
      label: { key: 'op.transfer_receive', vars: { qty: amount, sku: line.sku, tr: transfer.number, bin: state.bin.code } },
      deps: [`tr:${transfer.id}`, `product:${line.product_id}:bin:${state.bin.id}`] });
    pending[line.id] = (pending[line.id] || 0) + amount;
    entry.then((stored) => ops.set(stored.opId, { line, qty: amount }));
    const c = counts(line, pending);
    feedback('ok', { title: line.name, detail: t('transfer.received', { qty: qty(amount), received: qty(c.received), shipped: qty(c.shipped) }), count: c.received });
    state.flashId = line.id;
    return draw();
  };

  const onScan = async ({ text }) => {
    const number = transferNumberOf(text);
    if (number) {
      if (number === transfer.number.toUpperCase()) return feedback('ok', { title: transfer.number });
      return navigate('#/transfer');
    }
    const meaning = await meaningOrRefusal(text);
    if (!meaning) return undefined;
    if (meaning.kind === 'location') return onBin(meaning.location);
    if (meaning.kind === 'product') return onProduct(meaning);
    return feedback('error', { title: t('transfer.not_here', { code: text }) });
  };

  function report() {
    outbox.enqueue({ url: `/api/v1/transfers/${transfer.id}/finish`, body: {},
      label: { key: 'op.transfer_finish', vars: { tr: transfer.number } }, deps: [`tr:${transfer.id}`] });
    feedback('warn', { title: transfer.number, detail: t('transfer.reported') });
    navigate('#/transfer');
  }

  function askFinish() {
    if (transfer.lines.every((l) => counts(l, pending).remaining === 0)) {
      feedback('ok', { title: transfer.number, detail: t('transfer.all_in') });
      return navigate('#/transfer');
    }
    return askWith(screen.sheet, html`<${FinishSheet} transfer=${transfer} pending=${pending} onReport=${report}
      onKeep=${() => clear(screen.sheet)} />`);
  }

  // The server's answer: a confirmed receipt counts as received; a refusal says why (the
  // outbox keeps it, to fix or discard) and the line's count goes back.
  const follow = (event) => {
    const { sent, failed, error } = event.detail || {};
    const op = ops.get(sent || failed);
    if (!op) return;
    ops.delete(sent || failed);
    pending[op.line.id] -= op.qty;
    if (sent) {
      op.line.qty_received = Number(op.line.qty_received) + op.qty;
      op.line.qty_in_transit = Number(op.line.qty_in_transit) - op.qty;
    } else {
      feedback('error', { title: op.line.name, detail: error ? messageFor(error) : '' });
    }
    draw();
  };
  outbox.events.addEventListener('change', follow);
  refreshCopy();
  draw();
  const input = screen.listen(onScan);
  return () => { input.stop(); screen.stop(); outbox.events.removeEventListener('change', follow); paint(null, screen.work); };
}

/** Render #/transfer (incoming, or start one), #/transfer/new (ship one) or #/transfer/<id>. */
export function render(view, { params }) {
  if (params[0] === 'new') return renderNew(view);
  return params[0] ? renderTransfer(view, Number(params[0])) : renderStart(view);
}
