// Hand-over to shipping: scan the order's parcels, then ship what was picked. What is not
// picked stays as a backorder (or is released); the answer names the backorder the server
// made. The shipment goes through the outbox like every write, offline too. An order with
// nothing picked (every line shorted) has nothing to ship: it offers Cancel instead, to whoever
// may cancel orders (the server allows cancelling a picked order).
import { html, render as paint } from '/vendor/htm-preact.js';
import { newOpId } from '../api.js';
import { formatQty, h } from '../dom.js';
import { locale, t } from '../i18n.js';
import * as outbox from '../outbox.js';
import * as session from '../session.js';
import { feedback } from '../scan/feedback.js';
import { left, loadWalk, orderNumberOf } from '../floor/picking.js';
import { floorScreen } from '../floor/screen.js';
import { AsOf } from './lookup-cards.js';
import { messageFor, notice, page } from '../ui.js';

const qty = (n) => formatQty(n, locale());

function Summary({ walk, parcels, keep, outcome, onKeep, onDrop }) {
  const order = walk.orders[0];
  const lines = [...walk.lines.values()];
  const rest = lines.filter((line) => left(line) > 0);
  return html`<${AsOf} asOf=${walk.asOf} />
    ${outcome}
    <ul class="list" id="ship-lines">${lines.map((line) => html`<li class="card" data-line-id=${line.id}>
      <div class="row spread"><strong>${line.name}</strong>
        <span class="recv-count">${qty(Number(line.qty_picked) + line.pending)} / ${qty(line.qty_ordered)}</span></div>
      ${left(line) > 0 ? html`<span class="reason-warn">${t('ship.not_picked', { n: qty(left(line)) })}</span>` : null}</li>`)}</ul>
    ${rest.length ? html`<button type="button" class="choice ship-keep" id="ship-backorder" aria-pressed=${String(keep)}
      onClick=${() => onKeep(!keep)}>${keep ? '☑' : '☐'} ${t('ship.backorder', { so: order.number })}</button>` : null}
    <h2>${t('ship.parcels', { n: parcels.length })}</h2>
    <ul class="list" id="ship-parcels">${parcels.map((code) => html`<li class="card" data-parcel=${code}><div class="row spread">
      <strong>${code}</strong><button type="button" onClick=${() => onDrop(code)}>${t('ship.remove')}</button></div></li>`)}</ul>`;
}

/** Render the hand-over of order `id`; returns its cleanup. */
export async function render(view, id) {
  let walk;
  try {
    walk = await loadWalk([id]);
  } catch (error) {
    view.append(...page(t('tile.pick'), notice('bad', messageFor(error))));
    return null;
  }
  const order = walk.orders[0];
  const nothingPicked = [...walk.lines.values()].every((line) => Number(line.qty_picked) + line.pending === 0);
  const ship = h('button', { type: 'button', class: 'primary', id: 'ship-order' }, t('ship.ship'));
  const cancel = h('button', { type: 'button', class: 'danger', id: 'ship-cancel-order' }, t('so.cancel'));
  const canCancel = nothingPicked && session.can('sales.write');
  const screen = floorScreen(view, { title: t('ship.title', { so: order.number }), idle: t('ship.scan_parcels'),
    main: canCancel ? cancel : ship });
  const state = { parcels: [], keep: true, outcome: null, opId: null, cancelling: false };
  const draw = () => paint(html`<${Summary} walk=${walk} parcels=${state.parcels} keep=${state.keep} outcome=${state.outcome}
    onKeep=${(keep) => { state.keep = keep; draw(); }} onDrop=${(code) => { state.parcels = state.parcels.filter((c) => c !== code); draw(); }} />`, screen.work);
  const say = (kind, text, idName) => { state.outcome = html`<div class=${`notice notice-${kind}`} id=${idName}>${text}</div>`; draw(); };

  const onScan = ({ text }) => {
    const code = text.trim();
    if (orderNumberOf(code) === order.number) return feedback('ok', { title: order.number });
    if (state.parcels.includes(code)) return feedback('error', { title: t('ship.parcel_twice', { code }) });
    state.parcels = [...state.parcels, code];
    feedback('ok', { title: code, detail: t('ship.parcel_added'), count: state.parcels.length });
    return draw();
  };

  ship.addEventListener('click', async () => {
    if (state.opId) return;
    ship.disabled = true;
    state.opId = newOpId(); // chosen first: the answer may come before enqueue resolves
    say('info', t('ship.queued'), 'ship-queued');
    await outbox.enqueue({ url: `/api/v1/sales-orders/${order.id}/ship`, opId: state.opId,
      body: { parcels: state.parcels, backorder: state.keep },
      label: { key: 'op.ship', vars: { so: order.number, n: state.parcels.length } }, deps: [`so:${order.id}`] });
  });

  // Two taps, like the office's cancel: the first arms the button, leaving it disarms it.
  cancel.addEventListener('blur', () => { if (!state.opId) cancel.textContent = t('so.cancel'); cancel.classList.remove('armed'); });
  cancel.addEventListener('click', async () => {
    if (state.opId) return;
    if (!cancel.classList.contains('armed')) {
      cancel.classList.add('armed');
      cancel.textContent = t('so.cancel_confirm');
      return;
    }
    cancel.disabled = true;
    state.cancelling = true;
    state.opId = newOpId();
    say('info', t('ship.cancel_queued'), 'ship-queued');
    await outbox.enqueue({ url: `/api/v1/sales-orders/${order.id}/cancel`, opId: state.opId, body: {},
      label: { key: 'op.cancel_so', vars: { so: order.number } }, deps: [`so:${order.id}`] });
  });

  const follow = (event) => {
    const { sent, failed, error, response } = event.detail || {};
    if (!state.opId || (sent || failed) !== state.opId) return;
    if (sent && state.cancelling) {
      feedback('ok', { title: order.number, detail: t('ship.cancelled') });
      say('ok', t('ship.cancelled'), 'ship-cancelled');
    } else if (sent) {
      const backorder = response?.backorder;
      feedback('ok', { title: order.number, detail: t('ship.shipped') });
      say('ok', backorder ? t('ship.shipped_backorder', { so: backorder.number }) : t('ship.shipped'), 'ship-done');
      if (backorder) screen.work.querySelector('#ship-done').dataset.backorder = backorder.number;
    } else {
      feedback('error', { title: order.number, detail: messageFor(error) });
      // The entry stays in the outbox, with this reason, to fix or discard there.
      say('bad', `${messageFor(error)} ${t('ship.see_outbox')}`, 'ship-failed');
    }
  };
  outbox.events.addEventListener('change', follow);
  if (nothingPicked) {
    ship.disabled = true;
    say('warn', canCancel ? t('ship.nothing_picked_cancel') : t('ship.nothing_picked'), 'ship-nothing-picked');
  }
  draw();
  const input = screen.listen(onScan);
  return () => { input.stop(); screen.stop(); outbox.events.removeEventListener('change', follow); paint(null, screen.work); };
}
