// One pick walk, of one order or several (cluster picking): the stops in walking order, FEFO
// lots first. Scan the bin, then the items; each scan is one pick through the outbox, posted to
// its own order, and the band says which order's tote it goes in. A wrong bin, item or lot and
// an expired lot are refused (red) with what is right; a later lot than suggested asks why; a
// short asks for a reason. The walk comes from the server or, offline, its last copy. While it
// is open it follows its orders and its warehouse's stock live: another picker's pick or short
// of these orders, or stock moved in or out of a planned bin, is read again and shown in place
// (the bin scanned, the sheet open and this device's queued picks stay).
import { html, render as paint } from '/vendor/htm-preact.js';
import { formatQty, h } from '../dom.js';
import { locale, t } from '../i18n.js';
import { followDocument, onEvent } from '../live.js';
import { navigate } from '../nav.js';
import * as outbox from '../outbox.js';
import * as session from '../session.js';
import { feedback } from '../scan/feedback.js';
import { meaningOrRefusal, refreshCopy } from '../floor/copy.js';
import { left, loadWalk, matchScan, nextStop, note, orderNumberOf, refreshWalk, stopLeft, stopsAt } from '../floor/picking.js';
import { ask, clear, floorScreen } from '../floor/screen.js';
import { AsOf } from './lookup-cards.js';
import { messageFor, notice, page } from '../ui.js';

export const SHORT_REASONS = ['not_found', 'damaged', 'expired', 'other'];
export const LATER_REASONS = ['not_reachable', 'damaged', 'customer'];
const qty = (n) => formatQty(n, locale());

function Lot({ item }) {
  if (!item.lot) return null;
  const expiry = item.expiry ? ` · ${t('pick.expires', { date: item.expiry })}` : '';
  return html`<span class=${`pick-lot${item.expired ? ' expired' : ''}`}>${t('pick.lot', { lot: item.lot })}${expiry}${item.expired ? ` · ${t('pick.expired')}` : ''}</span>`;
}

function NextStop({ walk, bin, cluster }) {
  const stop = nextStop(walk);
  if (!stop) return html`<div class="notice notice-ok" id="pick-all-done">${t('pick.all_done')}</div>`;
  const line = walk.lines.get(stop.order_line_id);
  const here = bin?.id === stop.location_id;
  return html`<section class="card pick-next" id="pick-next" data-location-id=${stop.location_id}>
    <div class="row spread"><span>${here ? t('pick.take_here') : t('pick.go_to')}</span>
      ${cluster ? html`<span class="chip tote">${t('pick.tote', { so: line.order_number })}</span>` : null}</div>
    <strong class="bin-big">${stop.location}</strong>
    <div class="row spread"><strong>${stop.name}</strong><span class="recv-count">× ${qty(stopLeft(walk, stop))}</span></div>
    <${Lot} item=${stop} />
  </section>`;
}

function Stop({ walk, item, cluster, flashId, onShort }) {
  const line = walk.lines.get(item.order_line_id);
  const open = stopLeft(walk, item) > 0;
  return html`<li class=${`card pick-stop${open ? '' : ' done'}${flashId === line.id ? ' flash' : ''}`}
      data-line-id=${line.id} data-location-id=${item.location_id} data-lot-id=${item.lot_id ?? ''}
      data-picked=${item.picked} data-line-picked=${Number(line.qty_picked) + line.pending}>
    <div class="row spread"><strong>${item.location}</strong>
      <span class="recv-count">${qty(item.picked)} / ${qty(item.pick_qty)}</span></div>
    <div class="row spread"><span>${item.name}</span><span class="muted small">${item.sku}</span></div>
    <${Lot} item=${item} />
    <div class="row spread">${cluster ? html`<span class="chip tote">${t('pick.tote', { so: line.order_number })}</span>` : html`<span />`}
      ${open ? html`<button type="button" class="pick-short" data-line-id=${line.id} onClick=${() => onShort(line)}>${t('pick.short')}</button>` : null}</div>
  </li>`;
}

function Unstocked({ walk, onShort }) {
  const lines = [...walk.lines.values()].filter((line) => left(line) > 0
    && !walk.items.some((item) => item.order_line_id === line.id && stopLeft(walk, item) > 0));
  if (!lines.length) return null;
  return html`<h2>${t('pick.nowhere')}</h2><ul class="list" id="pick-nowhere">${lines.map((line) => html`
    <li class="card pick-line" data-line-id=${line.id}><div class="row spread"><strong>${line.name}</strong>
      <span class="recv-count">${qty(left(line))}</span></div>
      <button type="button" class="pick-short" data-line-id=${line.id} onClick=${() => onShort(line)}>${t('pick.short')}</button></li>`)}</ul>`;
}

function Walk({ walk, bin, cluster, flashId, onShort }) {
  const shown = walk.items.filter((item) => Number(item.pick_qty) > 0 || item.picked > 0);
  const open = shown.filter((item) => stopLeft(walk, item) > 0);
  const done = shown.filter((item) => stopLeft(walk, item) === 0);
  const stop = (item) => html`<${Stop} key=${`${item.order_line_id}-${item.location_id}-${item.lot_id}`} walk=${walk} item=${item}
    cluster=${cluster} flashId=${flashId} onShort=${onShort} />`;
  return html`<${AsOf} asOf=${walk.asOf} />
    <${NextStop} walk=${walk} bin=${bin} cluster=${cluster} />
    <ol class="list" id="pick-stops">${open.map(stop)}</ol>
    <${Unstocked} walk=${walk} onShort=${onShort} />
    ${done.length ? html`<details class="recv-done"><summary>${t('receive.done_lines', { n: done.length })}</summary>
      <ol class="list">${done.map(stop)}</ol></details>` : null}`;
}

/** Render the walk over the orders `ids`; returns its cleanup. */
export async function render(view, ids) {
  let walk;
  try {
    walk = await loadWalk(ids);
  } catch (error) {
    view.append(...page(t('tile.pick'), notice('bad', messageFor(error))));
    return null;
  }
  const cluster = walk.orders.length > 1;
  const main = h('button', { type: 'button', class: 'primary', id: 'pick-handover' }, t('pick.handover'));
  const title = walk.orders.map((order) => order.number).join(' + ');
  const screen = floorScreen(view, { title, idle: t('pick.scan_bin'), main });
  const state = { bin: null, flashId: null };
  const ops = new Map(); // opId -> {line, item, qty, short}: this screen's writes not confirmed yet
  const draw = (flashId = null) => paint(html`<${Walk} walk=${walk} bin=${state.bin} cluster=${cluster}
    flashId=${flashId} onShort=${askShort} />`, screen.work);

  const track = (entry, op) => entry.then((stored) => ops.set(stored.opId, op));
  const fix = [{ path: 'location_id', label: 'receive.bin', source: `/api/v1/warehouses/${walk.orders[0].warehouse_id}/locations`, text: 'code', dep: 'bin' }];

  const take = ({ item, line }, n, extra = {}) => {
    const entry = outbox.enqueue({ url: `/api/v1/sales-orders/${line.order_id}/picks`,
      body: { order_line_id: line.id, qty: n, location_id: item.location_id, lot_id: item.lot_id ?? null, ...extra },
      label: { key: 'op.pick', vars: { qty: n, sku: line.sku, bin: item.location, so: line.order_number } },
      deps: [`so:${line.order_id}`, `product:${line.product_id}:bin:${item.location_id}`], fix });
    note(walk, { line, item, qty: n }, 1);
    track(entry, { line, item, qty: n });
    const picked = Number(line.qty_picked) + line.pending;
    feedback('ok', { title: line.name, count: picked, detail: t(cluster ? 'pick.added_tote' : 'pick.added',
      { qty: qty(n), picked: qty(picked), ordered: qty(line.qty_ordered), so: line.order_number }) });
    clear(screen.sheet);
    draw(line.id);
  };

  const askLater = (found, n) => {
    const { item, suggested } = found;
    feedback('warn', { title: item.name, detail: t('pick.later_lot', { lot: item.lot, suggested: suggested.lot, bin: suggested.location }) });
    const text = h('input', { name: 'reason', id: 'pick-reason', maxlength: '200', autocomplete: 'off',
      placeholder: t('pick.reason_other'), 'aria-label': t('pick.reason_other') });
    ask(screen.sheet, h('strong', {}, t('pick.later_lot', { lot: item.lot, suggested: suggested.lot, bin: suggested.location })),
      h('div', { class: 'reasons', id: 'pick-later-reasons' }, LATER_REASONS.map((reason) => h('button', { type: 'button', class: 'choice reason',
        dataset: { reason }, onclick: () => take(found, n, { reason: t(`pick.later.${reason}`) }) }, t(`pick.later.${reason}`)))),
      h('form', { class: 'row', onsubmit: (event) => {
        event.preventDefault();
        if (text.value.trim()) take(found, n, { reason: text.value.trim() });
      } }, text, h('button', { type: 'submit' }, t('pick.reason_ok'))));
  };

  const refuseExpired = (found, n) => {
    const { item, suggested } = found;
    const right = suggested ? t('pick.take_lot', { lot: suggested.lot, bin: suggested.location }) : t('pick.no_good_lot');
    feedback('error', { title: t('pick.lot_expired', { lot: item.lot, date: item.expiry }), detail: right });
    if (!session.can('sales.override_fefo')) return;
    ask(screen.sheet, h('strong', {}, t('pick.lot_expired', { lot: item.lot, date: item.expiry })),
      h('button', { type: 'button', class: 'danger', id: 'pick-override', onclick: () => take(found, n, { override: true }) }, t('pick.override')));
  };

  const refusal = (found, product) => {
    const right = found.right;
    const where = right ? t('pick.take_from', { name: right.name, bin: right.location }) : '';
    const say = {
      no_bin: () => feedback('warn', { title: t('pick.bin_first'), detail: right ? t('pick.go_bin', { bin: right.location }) : '' }),
      wrong_item: () => feedback('error', { title: t('pick.wrong_item', { name: product.name }), detail: where }),
      done: () => feedback('warn', { title: product.name, detail: t('pick.line_done') }),
      wrong_bin: () => feedback('error', { title: t('pick.wrong_bin_item', { name: product.name, bin: state.bin.code }),
        detail: right ? t('pick.take_from', { name: right.name, bin: right.location }) : '' }),
      wrong_lot: () => feedback('error', { title: t('pick.wrong_lot', { lot: found.lot }),
        detail: right ? t('pick.take_lot', { lot: right.lot, bin: right.location }) : '' }),
    };
    say[found.kind]();
  };

  const onProduct = (meaning) => {
    const n = Number(meaning.pack_qty || 1) * (meaning.count || 1);
    const found = matchScan(walk, state.bin?.id ?? null, meaning.product.id, meaning.lot || null, n);
    if (!found.line) return refusal({ ...found, lot: meaning.lot }, meaning.product);
    if (n > left(found.line)) {
      return feedback('error', { title: found.line.name, detail: t('pick.too_many', { n: qty(left(found.line)) }) });
    }
    if (found.kind === 'expired') return refuseExpired(found, n);
    if (found.kind === 'later_lot') return askLater(found, n);
    return take(found, n);
  };

  const setBin = (location) => {
    const stops = stopsAt(walk, location.id);
    const next = nextStop(walk);
    // A bin holding the walk's goods but not planned (a later or expired lot) may still be
    // picked from: the product scan then asks why, or refuses.
    const held = walk.items.some((item) => item.location_id === location.id && left(walk.lines.get(item.order_line_id)) > 0);
    if (!stops.length && !held) {
      const known = walk.items.some((item) => item.location_id === location.id);
      return feedback(known ? 'warn' : 'error', { title: t(known ? 'pick.bin_done' : 'pick.wrong_bin', { bin: location.code }),
        detail: next ? t('pick.go_bin', { bin: next.location }) : t('pick.all_done') });
    }
    state.bin = { id: location.id, code: location.code };
    clear(screen.sheet);
    draw();
    if (!stops.length) return feedback('warn', { title: location.code, detail: t('pick.not_planned', { bin: next?.location ?? '' }) });
    return feedback('ok', { title: location.code, detail: t('pick.take', { qty: qty(stopLeft(walk, stops[0])), name: stops[0].name }) });
  };

  const onScan = async ({ text }) => {
    const number = orderNumberOf(text);
    if (number) {
      const known = walk.orders.some((order) => order.number.toUpperCase() === number);
      return feedback(known ? 'ok' : 'error', { title: known ? number : t('pick.not_in_walk', { so: number }) });
    }
    const bin = walk.items.find((item) => item.location.toUpperCase() === text.trim().toUpperCase());
    if (bin) return setBin({ id: bin.location_id, code: bin.location });
    const meaning = await meaningOrRefusal(text);
    if (!meaning) return undefined;
    if (meaning.kind === 'location') return setBin(meaning.location);
    if (meaning.kind === 'product') return onProduct(meaning);
    return feedback('error', { title: t('pick.not_item', { code: text }) });
  };

  function askShort(line) {
    const count = h('input', { type: 'number', min: '0', step: 'any', id: 'pick-short-qty', value: String(left(line)), inputmode: 'decimal' });
    const send = (reason) => {
      const n = Number(count.value);
      if (!(n > 0) || n > left(line)) return;
      const entry = outbox.enqueue({ url: `/api/v1/sales-orders/${line.order_id}/short`,
        body: { order_line_id: line.id, qty: n, reason: t(`pick.short.${reason}`) },
        label: { key: 'op.short', vars: { qty: n, sku: line.sku, so: line.order_number, reason: t(`pick.short.${reason}`) } },
        deps: [`so:${line.order_id}`] });
      line.shortPending += n;
      track(entry, { line, qty: n, short: true });
      feedback('warn', { title: line.name, detail: t('pick.shorted', { qty: qty(n), reason: t(`pick.short.${reason}`) }) });
      clear(screen.sheet);
      draw(line.id);
    };
    ask(screen.sheet, h('label', { class: 'field' }, h('span', {}, t('pick.short_how_many', { name: line.name })), count),
      h('strong', {}, t('pick.short_why')),
      h('div', { class: 'reasons', id: 'pick-short-reasons' }, SHORT_REASONS.map((reason) => h('button', { type: 'button',
        class: 'choice reason', dataset: { reason }, onclick: () => send(reason) }, t(`pick.short.${reason}`)))),
      h('button', { type: 'button', id: 'pick-short-cancel', onclick: () => clear(screen.sheet) }, t('pick.cancel')));
  }

  main.addEventListener('click', () => {
    if (!cluster) return navigate(`#/pick/${walk.orders[0].id}/ship`);
    return ask(screen.sheet, h('strong', {}, t('pick.handover_which')), h('div', { class: 'stack', id: 'pick-handover-orders' },
      walk.orders.map((order) => h('a', { class: 'button choice big', href: `#/pick/${order.id}/ship`, dataset: { orderId: order.id } },
        t('pick.ship_order', { so: order.number })))));
  });

  const follow = (event) => {
    const { sent, failed, error } = event.detail || {};
    const op = ops.get(sent || failed);
    if (!op) return;
    ops.delete(sent || failed);
    if (op.short) op.line.shortPending -= op.qty;
    else note(walk, op, -1);
    if (sent) {
      op.line.qty_to_pick = Number(op.line.qty_to_pick) - op.qty;
      if (!op.short) op.line.qty_picked = Number(op.line.qty_picked) + op.qty;
      if (!op.short) {
        op.item.picked += op.qty; // the stop keeps what was taken from it
        op.item.confirmed += op.qty;
      }
      refresh(); // the server's figures settle what a read in between counted twice
    } else {
      feedback('error', { title: op.line.name, detail: error ? messageFor(error) : '' });
    }
    draw();
  };

  // Live: one read for a burst of events, never two at once; a failed read waits for the next.
  let reading = null;
  let again = false;
  let closed = false;
  const refresh = () => {
    if (reading) {
      again = true;
      return;
    }
    reading = setTimeout(async () => {
      try {
        await refreshWalk(walk);
        if (!closed) {
          screen.work.dataset.updated = String(Date.now());
          draw();
        }
      } catch (error) {
        console.warn('pick walk refresh', error);
      }
      reading = null;
      if (again && !closed) {
        again = false;
        refresh();
      }
    }, 150);
  };
  const orderIds = new Set(walk.orders.map((order) => order.id));
  const products = new Set([...walk.lines.values()].map((line) => line.product_id));
  const warehouseId = walk.orders[0].warehouse_id;
  const leave = walk.orders.map((order) => followDocument('sales_order', order.id));
  const stopHearing = [
    onEvent('document.changed', (payload) => {
      if (payload.type === 'sales_order' && orderIds.has(payload.id)) refresh();
    }),
    onEvent('stock.changed', (payload) => {
      // The walk's goods moved in or out of a bin of its warehouse: a planned one, or a new one.
      if (payload.warehouse_id === warehouseId && products.has(payload.product_id)) refresh();
    }),
  ];

  outbox.events.addEventListener('change', follow);
  refreshCopy();
  draw();
  const input = screen.listen(onScan);
  return () => {
    closed = true;
    clearTimeout(reading);
    for (const stop of [...leave, ...stopHearing]) stop();
    input.stop();
    screen.stop();
    outbox.events.removeEventListener('change', follow);
    paint(null, screen.work);
  };
}
