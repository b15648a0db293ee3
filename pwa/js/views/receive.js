// Receive a purchase order with put-away: pick the PO (list, its QR code or its number), set
// the bin (scan it or take the suggestion), then every product scan receives straight into
// that bin through the outbox. Finish shows what is short or over: close short or leave open.
// Receipts made on other devices show up as they happen (document.changed, js/live.js).
import { get, query } from '../api.js';
import { formatQty, h, replace } from '../dom.js';
import { locale, t } from '../i18n.js';
import { followDocument, onEvent } from '../live.js';
import { navigate } from '../nav.js';
import * as outbox from '../outbox.js';
import * as session from '../session.js';
import { feedback } from '../scan/feedback.js';
import { CodeError, resolveCode } from '../scan/codes.js';
import { refreshCopy } from '../floor/copy.js';
import { binForCode, counts, loadOrder, openOrders, orderNumberOf, lineForCode } from '../floor/order.js';
import { ask, clear, floorScreen } from '../floor/screen.js';
import { asOfNote, messageFor, notice, page } from '../ui.js';

const RECEIPTS = /^\/api\/v1\/purchase-orders\/(\d+)\/receipts$/;

async function findOrder(text, orders) {
  const number = (orderNumberOf(text) || text).trim().toUpperCase();
  return orders.find((order) => order.number.toUpperCase() === number) || null;
}

/** The start: my warehouses' open POs, or scan / type a PO's number. */
async function renderList(view) {
  const list = h('ul', { class: 'list', id: 'receive-orders' });
  const screen = floorScreen(view, { title: t('tile.receive'), idle: t('receive.scan_po') });
  screen.work.append(list);
  let orders = [];
  try {
    const found = await openOrders();
    orders = found.orders;
    replace(list, orders.map((order) => h('li', {}, h('a', {
      class: 'button choice big', href: `#/receive/${order.id}`, dataset: { orderId: order.id },
    }, h('strong', {}, order.number), h('span', { class: 'muted small' }, order.expected_date || '')))));
    if (!orders.length) list.replaceWith(notice('ok', t('receive.no_orders')));
    if (found.asOf) screen.work.prepend(asOfNote(found.asOf));
  } catch (error) {
    list.replaceWith(notice('bad', messageFor(error)));
  }
  const input = screen.listen(async ({ text }) => {
    const order = await findOrder(text, orders);
    if (!order) return feedback('error', { title: t('receive.no_such_po', { code: text }) });
    feedback('ok', { title: order.number });
    return navigate(`#/receive/${order.id}`);
  });
  return () => { input.stop(); screen.stop(); };
}

function lineItem(line) {
  const c = counts(line);
  const done = c.remaining === 0;
  return h('li', { class: `card recv-line${done ? ' done' : ''}${c.over ? ' over' : ''}`,
    dataset: { lineId: line.id, received: c.received, remaining: c.remaining } },
  h('div', { class: 'row spread' }, h('strong', { class: 'recv-name' }, line.product?.name || line.sku),
    h('span', { class: 'recv-count' }, `${formatQty(c.received, locale())} / ${formatQty(c.ordered, locale())}`)),
  h('div', { class: 'row spread muted small' }, h('span', {}, line.sku),
    h('span', {}, c.over ? t('receive.over', { n: formatQty(c.over, locale()) })
      : t('receive.remaining', { n: formatQty(c.remaining, locale()) }))),
  h('button', { type: 'button', class: 'recv-edit', dataset: { lineId: line.id } }, t('receive.count')));
}

/** The PO's lines: what is left first; done lines fold away. */
function drawLines(work, order, flashId) {
  const open = order.lines.filter((line) => counts(line).remaining > 0);
  const done = order.lines.filter((line) => counts(line).remaining === 0);
  const folded = h('details', { class: 'recv-done', open: done.some((line) => line.id === flashId) },
    h('summary', {}, t('receive.done_lines', { n: done.length })), h('ol', { class: 'list' }, done.map(lineItem)));
  replace(work, asOfNote(order.asOf), h('ol', { class: 'list', id: 'receive-lines' }, open.map(lineItem)),
    done.length ? folded : null);
  const flashed = work.querySelector(`[data-line-id="${flashId}"]`);
  if (flashed) {
    flashed.classList.add('flash');
    flashed.scrollIntoView({ block: 'nearest' });
  }
}

/** Pending quantities of this PO already in the outbox (e.g. scanned offline before a reload). */
async function pendingFromOutbox(order, ops) {
  for (const entry of await outbox.entries()) {
    if (Number(RECEIPTS.exec(entry.url)?.[1]) !== order.id || entry.status === 'failed') continue;
    for (const body of entry.body.lines) {
      const line = order.lines.find((l) => l.id === body.order_line_id);
      if (line) {
        line.pending += body.qty;
        ops.set(entry.opId, { line, qty: body.qty });
      }
    }
  }
}

async function suggestBin(order, line) {
  // The server's suggestion (where it was last put, else its fullest bin); else staging.
  try {
    const { data } = await get(`/api/v1/stock/putaway${query({ product_id: line.product_id, warehouse_id: order.warehouse_id })}`);
    const bin = order.bins.find((candidate) => candidate.id === data.location?.id);
    if (bin) return bin;
  } catch { /* offline with no copy: staging */ }
  return order.bins.find((bin) => bin.kind === 'staging') || order.bins[0] || null;
}

function receiptFix(order) {
  return [
    { path: 'lines.0.location_id', label: 'receive.bin', source: `/api/v1/warehouses/${order.warehouse_id}/locations`, text: 'code', dep: 'bin' },
    { path: 'lines.0.order_line_id', label: 'receive.line', source: `/api/v1/purchase-orders/${order.id}`, text: 'sku|qty_ordered' },
  ];
}

/** One PO being received. */
async function renderOrder(view, id) {
  let order;
  try {
    order = await loadOrder(id);
  } catch (error) {
    view.append(...page(t('tile.receive'), notice('bad', messageFor(error))));
    return null;
  }
  const finish = h('button', { type: 'button', class: 'primary', id: 'receive-finish' }, t('receive.finish'));
  const screen = floorScreen(view, { title: order.number, idle: t('receive.scan_bin'), main: finish });
  const binChip = h('button', { type: 'button', class: 'bin-chip', id: 'receive-bin' });
  screen.work.before(h('div', { class: 'row recv-bin' }, h('span', {}, t('receive.into')), binChip));
  const state = { bin: null, waiting: null };
  const ops = new Map(); // opId -> {line, qty}: this screen's receipts not confirmed yet
  await pendingFromOutbox(order, ops);
  const redraw = (flashId) => drawLines(screen.work, order, flashId);
  const showBin = () => {
    binChip.textContent = state.bin ? state.bin.code : t('receive.no_bin');
    binChip.dataset.binId = state.bin?.id ?? '';
  };

  const enqueue = (line, qty, { allow_over: allowOver, ...extra } = {}) => {
    const entry = outbox.enqueue({
      url: `/api/v1/purchase-orders/${order.id}/receipts`,
      body: { lines: [{ order_line_id: line.id, qty, location_id: state.bin.id, ...extra }], ...(allowOver ? { allow_over: true } : {}) },
      label: { key: 'op.receive', vars: { qty, sku: line.sku, po: order.number, bin: state.bin.code } },
      deps: [`po:${order.id}`, `product:${line.product_id}:bin:${state.bin.id}`],
      fix: receiptFix(order),
    });
    line.pending += qty;
    entry.then((stored) => ops.set(stored.opId, { line, qty }));
    const c = counts(line);
    feedback(c.over ? 'warn' : 'ok', { title: line.product?.name || line.sku,
      detail: t('receive.added', { qty: formatQty(qty, locale()), received: formatQty(c.received, locale()), ordered: formatQty(c.ordered, locale()) }),
      count: c.received });
    clear(screen.sheet);
    redraw(line.id);
  };

  const askLot = (line, qty) => {
    const lot = h('input', { name: 'lot', id: 'receive-lot', required: true, autocomplete: 'off' });
    const expiry = h('input', { name: 'expiry', id: 'receive-expiry', type: 'date' });
    feedback('warn', { title: line.product?.name || line.sku, detail: t('receive.lot_needed') });
    ask(screen.sheet, h('form', { class: 'stack', onsubmit: (event) => {
      event.preventDefault();
      enqueue(line, qty, { lot: lot.value.trim(), ...(expiry.value ? { expiry: expiry.value } : {}) });
    } }, h('strong', {}, t('receive.lot_needed')), h('label', { class: 'field' }, h('span', {}, t('receive.lot')), lot),
    h('label', { class: 'field' }, h('span', {}, t('receive.expiry')), expiry),
    h('button', { type: 'submit', class: 'primary big' }, t('receive.receive'))));
    lot.focus();
  };

  const receive = (line, qty, gs1 = {}) => {
    if (!state.bin) {
      state.waiting = { line, qty, gs1 };
      feedback('warn', { title: line.product?.name || line.sku, detail: t('receive.bin_first') });
      suggestBin(order, line).then((bin) => {
        if (!bin || state.waiting?.line !== line) return;
        ask(screen.sheet, h('strong', {}, t('receive.bin_first')), h('button', { type: 'button', class: 'primary big',
          id: 'receive-suggested', onclick: () => setBin(bin) }, t('receive.use_bin', { bin: bin.code })));
      });
      return;
    }
    const c = counts(line);
    const over = c.received + qty > c.ordered;
    const go = () => {
      if (line.product?.tracks_lots && !gs1.lot) return askLot(line, qty);
      return enqueue(line, qty, {
        ...(gs1.lot ? { lot: gs1.lot, ...(gs1.expiry ? { expiry: gs1.expiry } : {}) } : {}),
        ...(over ? { allow_over: true } : {}), // the user confirmed it: the server asks otherwise
      });
    };
    if (over) {
      feedback('warn', { title: line.product?.name || line.sku,
        detail: t('receive.over_ask', { n: formatQty(c.received + qty - c.ordered, locale()) }) });
      ask(screen.sheet, h('strong', {}, t('receive.over_ask', { n: formatQty(c.received + qty - c.ordered, locale()) })),
        h('div', { class: 'row' }, h('button', { type: 'button', class: 'primary', id: 'receive-over-yes', onclick: go }, t('receive.over_yes')),
          h('button', { type: 'button', onclick: () => clear(screen.sheet) }, t('receive.over_no'))));
      return;
    }
    go();
  };

  function setBin(bin) {
    state.bin = bin;
    showBin();
    clear(screen.sheet);
    feedback('ok', { title: bin.code, detail: t('receive.bin_set') });
    const waiting = state.waiting;
    state.waiting = null;
    if (waiting) receive(waiting.line, waiting.qty, waiting.gs1);
  }

  const offerAttach = (code) => {
    feedback('error', { title: t('receive.unknown', { code }) });
    if (!session.can('catalog.write')) return;
    ask(screen.sheet, h('strong', {}, t('receive.attach', { code })), h('div', { class: 'stack' },
      order.lines.map((line) => h('button', { type: 'button', class: 'choice attach', dataset: { productId: line.product_id },
        onclick: () => {
          outbox.enqueue({ url: `/api/v1/products/${line.product_id}/barcodes`, body: { code },
            label: { key: 'op.attach', vars: { code, sku: line.sku } }, deps: [`barcode:${code}`] });
          line.product.barcodes.push({ code, pack_qty: 1 });
          receive(line, 1);
        } }, `${line.product?.name || line.sku} · ${line.sku}`))));
  };

  const onScan = async ({ text, format }) => {
    const code = text.trim();
    const meaning = await meaningOf(text, format);
    if (meaning?.kind === 'document') {
      const doc = meaning.document;
      if (doc.prefix !== 'PO') return feedback('error', { title: t('receive.not_a_po', { code: doc.number }) });
      return doc.id === order.id ? feedback('ok', { title: order.number }) : navigate(`#/receive/${doc.id}`);
    }
    if (meaning?.kind === 'location') {
      const bin = order.bins.find((b) => b.id === meaning.location.id);
      if (bin) return setBin(bin);
      return feedback('error', { title: meaning.location.code, detail: t('receive.bin_elsewhere', { bin: meaning.location.code, po: order.number }) });
    }
    if (meaning?.kind === 'product') {
      const line = order.lines.find((l) => l.product_id === meaning.product.id);
      if (!line) return feedback('error', { title: meaning.product.name, detail: t('receive.not_on_po', { po: order.number }) });
      return receive(line, Number(meaning.pack_qty) * (meaning.count || 1), meaning);
    }
    // Not in the device's copy (yet): the PO's own products and bins still know it.
    const bin = binForCode(order, code);
    if (bin) return setBin(bin);
    const number = orderNumberOf(code);
    if (number) return number === order.number ? feedback('ok', { title: order.number }) : navigateToNumber(number);
    const found = lineForCode(order, code);
    if (!found) return offerAttach(code);
    return receive(found.line, found.packQty);
  };
  const navigateToNumber = async (number) => {
    const { orders } = await openOrders().catch(() => ({ orders: [] }));
    const other = orders.find((o) => o.number.toUpperCase() === number);
    if (!other) return feedback('error', { title: t('receive.no_such_po', { code: number }) });
    return navigate(`#/receive/${other.id}`);
  };

  screen.work.addEventListener('click', (event) => {
    const button = event.target.closest('.recv-edit');
    if (!button) return;
    const line = order.lines.find((l) => l.id === Number(button.dataset.lineId));
    const qty = h('input', { type: 'number', min: '1', step: 'any', id: 'receive-qty', value: '1', inputmode: 'decimal' });
    ask(screen.sheet, h('form', { class: 'stack', onsubmit: (e) => {
      e.preventDefault();
      if (Number(qty.value) > 0) receive(line, Number(qty.value));
    } }, h('label', { class: 'field' }, h('span', {}, t('receive.how_many', { sku: line.sku })), qty),
    h('button', { type: 'submit', class: 'primary big' }, t('receive.receive'))));
    qty.select();
  });
  binChip.addEventListener('click', () => ask(screen.sheet, h('strong', {}, t('receive.pick_bin')), h('div', { class: 'stack' },
    order.bins.map((bin) => h('button', { type: 'button', class: 'choice', onclick: () => setBin(bin) }, bin.code)))));
  finish.addEventListener('click', () => askFinish(screen, order));

  // The server's counts, read again after a receipt anywhere (ours included: several, one read).
  let reread = null;
  const rereadCounts = () => {
    clearTimeout(reread);
    reread = setTimeout(async () => {
      try {
        const { data } = await get(`/api/v1/purchase-orders/${order.id}`);
        const received = new Map(data.lines.map((line) => [line.id, line.qty_received]));
        for (const line of order.lines) {
          if (received.has(line.id)) line.qty_received = received.get(line.id);
        }
        order.status = data.status;
        screen.work.dataset.status = data.status;
        redraw();
      } catch (error) {
        console.warn('receipt progress', error);
      }
    }, 200);
  };
  const leave = followDocument('purchase_order', order.id);
  const stopHearing = onEvent('document.changed', (payload) => {
    if (payload.type === 'purchase_order' && payload.id === order.id) rereadCounts();
  });

  const follow = (event) => {
    const { sent, failed, error } = event.detail || {};
    const op = ops.get(sent || failed);
    if (!op) return;
    ops.delete(sent || failed);
    op.line.pending -= op.qty;
    if (sent) op.line.qty_received = Number(op.line.qty_received) + op.qty;
    else feedback('error', { title: op.line.product?.name || op.line.sku, detail: error ? messageFor(error) : '' });
    redraw();
    if (sent) rereadCounts();
  };
  outbox.events.addEventListener('change', follow);
  refreshCopy(); // codes printed and bins made since the last copy
  showBin();
  redraw();
  const input = screen.listen(onScan);
  return () => {
    input.stop();
    screen.stop();
    outbox.events.removeEventListener('change', follow);
    leave();
    stopHearing();
    clearTimeout(reread);
  };
}

/** What a code means from the device's copy of the catalog, or null when it does not know. */
async function meaningOf(text, format) {
  try {
    return await resolveCode(text, { symbology: format || null });
  } catch (error) {
    if (error instanceof CodeError) return null;
    throw error;
  }
}

function askFinish(screen, order) {
  const short = order.lines.filter((line) => counts(line).remaining > 0);
  const over = order.lines.filter((line) => counts(line).over > 0);
  const row = (line, n, key) => h('li', {}, `${line.product?.name || line.sku}: ${t(key, { n: formatQty(n, locale()) })}`);
  const finish = (close) => {
    outbox.enqueue({ url: `/api/v1/purchase-orders/${order.id}/finish`, body: { close },
      label: { key: close ? 'op.close_po' : 'op.leave_po', vars: { po: order.number } }, deps: [`po:${order.id}`] });
    navigate('#/receive');
  };
  ask(screen.sheet, h('strong', {}, t('receive.finish_title')),
    short.length ? h('ul', { class: 'finish-short' }, short.map((line) => row(line, counts(line).remaining, 'receive.short'))) : h('p', {}, t('receive.all_in')),
    over.length ? h('ul', { class: 'finish-over' }, over.map((line) => row(line, counts(line).over, 'receive.over'))) : null,
    h('div', { class: 'row' },
      h('button', { type: 'button', class: 'primary', id: short.length ? 'receive-close-short' : 'receive-close',
        onclick: () => finish(true) }, t(short.length ? 'receive.close_short' : 'receive.close')),
      short.length ? h('button', { type: 'button', id: 'receive-leave-open', onclick: () => finish(false) }, t('receive.leave_open')) : null));
}

/** Render #/receive (the open POs) or #/receive/<id> (one PO). */
export function render(view, { params }) {
  return params[0] ? renderOrder(view, Number(params[0])) : renderList(view);
}
