// A manager's review of a submitted stocktake on the phone: each place that differs with its
// counted and expected quantity, the variance and its value, and totals; approve or reject
// each place, then finish (the places not rejected post their delta). Decisions go through
// the outbox; refusals show the server's reason.
import { html, render as paint } from '/vendor/htm-preact.js';
import { get, newOpId } from '../api.js';
import { formatQty, formatTime, h } from '../dom.js';
import { locale, t } from '../i18n.js';
import { formatMoney } from '../money.js';
import * as outbox from '../outbox.js';
import { messageFor, page } from '../ui.js';

const DECISION = /^\/api\/v1\/stocktakes\/\d+\/variances\/(\d+)\/decision$/;
const qty = (n) => formatQty(n, locale());

function Line({ line, onDecide, open }) {
  const variance = Number(line.variance);
  const verdict = line.pending || line.decision;
  return html`<li class=${`card review-line decision-${verdict || 'none'}`} data-count-id=${line.id} data-decision=${verdict || ''}>
    <div class="row spread"><strong>${line.name}</strong><span class=${`review-variance ${variance < 0 ? 'minus' : 'plus'}`}>${variance > 0 ? '+' : ''}${qty(variance)}</span></div>
    <div class="small">${line.sku} · ${line.location}</div>
    <dl class="review-figures">
      <div><dt>${t('review.counted')}</dt><dd>${qty(line.counted_qty)}</dd></div>
      <div><dt>${t('review.expected')}</dt><dd>${qty(line.ledger_qty_at_count)}</dd></div>
      <div><dt>${t('review.value')}</dt><dd>${formatMoney(line.value)}</dd></div></dl>
    ${line.error ? html`<div class="notice notice-bad" role="alert">${line.error}</div>` : null}
    ${open ? html`<div class="row">
      <button type="button" class=${`review-approve${verdict === 'approved' ? ' primary' : ''}`} aria-pressed=${String(verdict === 'approved')}
        onClick=${() => onDecide(line, 'approve')}>${t('review.approve')}</button>
      <button type="button" class=${`review-reject${verdict === 'rejected' ? ' danger' : ''}`} aria-pressed=${String(verdict === 'rejected')}
        onClick=${() => onDecide(line, 'reject')}>${t('review.reject')}</button></div>`
    : html`<p class="small">${verdict ? t(`review.${verdict}`) : ''}</p>`}
  </li>`;
}

function Review({ stocktake, lines, asOf, onDecide, onFinish, finishing }) {
  const open = stocktake.status === 'submitted' && !finishing;
  const kept = lines.filter((l) => (l.pending || l.decision) !== 'rejected');
  const sum = (rows, key) => rows.reduce((n, l) => n + Number(l[key]), 0);
  return html`<div class="stack">
    ${asOf ? html`<p class="asof" data-as-of=${asOf}>${t('data.as_of', { time: formatTime(asOf, locale()) })}</p>` : null}
    <div class="card review-totals" id="review-totals">
      <div class="row spread"><span>${t('review.lines', { n: lines.length })}</span><strong>${t(`count.status_${stocktake.status}`)}</strong></div>
      <dl class="review-figures">
        <div><dt>${t('review.total_qty')}</dt><dd id="review-total-qty">${qty(sum(lines, 'variance'))}</dd></div>
        <div><dt>${t('review.total_value')}</dt><dd id="review-total-value">${formatMoney(sum(lines, 'value'))}</dd></div>
        <div><dt>${t('review.to_post')}</dt><dd id="review-post-value">${formatMoney(sum(kept, 'value'))}</dd></div></dl></div>
    ${lines.length ? null : html`<div class="notice notice-ok">${t('review.no_variance')}</div>`}
    <ol class="list" id="review-lines">${lines.map((line) => html`<${Line} key=${line.id} line=${line} onDecide=${onDecide} open=${open} />`)}</ol>
    ${open ? html`<button type="button" class="primary big" id="review-finish" onClick=${onFinish}>${t('review.finish', { n: kept.length })}</button>` : null}
    ${finishing ? html`<div class="notice notice-info" id="review-queued">${t('review.queued')}</div>` : null}
  </div>`;
}

/** Render #/count/<id>/review. */
export async function render(view, { params }) {
  const id = Number(params[0]);
  const box = h('div', { id: 'review' });
  let state;
  try {
    const [stocktake, lines] = await Promise.all([get(`/api/v1/stocktakes/${id}`),
      get(`/api/v1/stocktakes/${id}/variances?nonzero=true&limit=500`)]);
    state = { stocktake: stocktake.data, lines: lines.data.items, finishing: false,
      asOf: [stocktake, lines].map((a) => a.asOf).filter(Boolean).sort()[0] || null };
  } catch (error) {
    view.append(...page(t('review.title'), h('div', { class: 'notice notice-bad', role: 'alert' }, messageFor(error))));
    return null;
  }
  view.append(...page(t('review.title_of', { number: state.stocktake.number }), box));
  const ops = new Map(); // opId -> line (or 'finish')
  // Decisions still in the outbox (made offline, say, before a reload) show as made.
  for (const entry of await outbox.entries()) {
    const [, lineId] = DECISION.exec(entry.url) || [];
    const line = entry.url.startsWith(`/api/v1/stocktakes/${id}/`) && state.lines.find((l) => l.id === Number(lineId));
    if (!line || entry.status === 'failed') continue;
    line.pending = entry.body.decision === 'approve' ? 'approved' : 'rejected';
    ops.set(entry.opId, line);
  }
  const draw = () => paint(html`<${Review} ...${state} onDecide=${decide} onFinish=${finish} />`, box);
  async function decide(line, verdict) {
    line.pending = verdict === 'approve' ? 'approved' : 'rejected';
    line.error = null;
    draw();
    const opId = newOpId(); // followed before it is queued: the answer may come at once
    ops.set(opId, line);
    await outbox.enqueue({ opId, url: `/api/v1/stocktakes/${id}/variances/${line.id}/decision`, body: { decision: verdict },
      label: { key: `op.line_${verdict}`, vars: { sku: line.sku, bin: line.location, st: state.stocktake.number } },
      deps: [`stocktake:${id}`] });
  }
  async function finish() {
    state.finishing = true;
    draw();
    const opId = newOpId();
    ops.set(opId, 'finish');
    await outbox.enqueue({ opId, url: `/api/v1/stocktakes/${id}/finish`, body: {},
      label: { key: 'op.review_finish', vars: { st: state.stocktake.number } }, deps: [`stocktake:${id}`] });
  }
  const follow = async (event) => {
    const { sent, failed, error } = event.detail || {};
    const op = ops.get(sent || failed);
    if (!op) return;
    ops.delete(sent || failed);
    if (op === 'finish') {
      if (failed) state.finishing = false;
      state.error = failed && error ? messageFor(error) : null;
      try { // the server's word on every line after the finish
        const [stocktake, lines] = await Promise.all([get(`/api/v1/stocktakes/${id}`), get(`/api/v1/stocktakes/${id}/variances?nonzero=true&limit=500`)]);
        Object.assign(state, { stocktake: stocktake.data, lines: lines.data.items, finishing: false });
      } catch { /* offline: keep what is shown */ }
      if (failed) state.lines.forEach((l) => { l.error = null; });
      draw();
      if (failed) box.prepend(h('div', { class: 'notice notice-bad', role: 'alert', id: 'review-error' }, state.error || ''));
      return;
    }
    if (sent) op.decision = op.pending;
    else op.error = error ? messageFor(error) : '';
    op.pending = null;
    draw();
  };
  outbox.events.addEventListener('change', follow);
  draw();
  return () => { outbox.events.removeEventListener('change', follow); paint(null, box); };
}
