// The manager's inbox: each pending approval shows what is being approved (lines, total in the
// business currency, who asked and why); only decisions the server would accept are offered.
// Decisions go through the outbox; a refused one shows the server's reason and can be dropped.
// New requests appear and requests decided elsewhere are marked as they happen (js/live.js).
import { html, render as paint, useEffect, useState } from '/vendor/htm-preact.js';
import { get, newOpId } from '../api.js';
import { formatQty, formatTime } from '../dom.js';
import { locale, t } from '../i18n.js';
import { onEvent } from '../live.js';
import { formatMoney } from '../money.js';
import * as outbox from '../outbox.js';
import { messageFor, page } from '../ui.js';

const DECISION = /^\/api\/v1\/approvals\/(\d+)\/(approve|reject)$/;
const SHOWN_LINES = 8; // a long count shows its first places; the rest are counted
const qty = (value) => formatQty(value, locale());

function kindName(kind) {
  const name = t(`kind.${kind}`);
  return name === `kind.${kind}` ? kind : name;
}

function decide(approval, verb, note) {
  return outbox.enqueue({
    opId: newOpId(), url: `/api/v1/approvals/${approval.id}/${verb}`, body: note ? { note } : {},
    label: { key: `op.${verb}`, vars: { summary: approval.detail?.number || approval.summary || `#${approval.id}` } },
    deps: [`approval:${approval.id}`], // decisions on other approvals do not wait for this one
  });
}

/** {approval id: {opId, verb, state, error}} from the outbox, keeping those already sent. */
async function decisionsNow(previous, sent) {
  const next = new Map();
  for (const [id, decision] of previous) {
    if (decision.state === 'done' || decision.opId === sent) next.set(id, { ...decision, state: 'done' });
  }
  for (const entry of await outbox.entries()) {
    const [, id, verb] = DECISION.exec(entry.url) || [];
    if (id) {
      next.set(Number(id), { opId: entry.opId, verb, error: entry.error,
        state: entry.status === 'failed' ? 'failed' : 'queued' });
    }
  }
  return next;
}

function Line({ line, currency }) {
  const figures = line.counted !== undefined && line.counted !== null
    ? t('approvals.line_count', { expected: qty(line.expected), counted: qty(line.counted) })
    : t('approvals.line_qty', { qty: qty(line.qty), price: formatMoney(line.unit_price, currency) });
  return html`<li class="approval-line">
    <span class="approval-line-name">${line.name}<span class="muted small"> ${line.sku}${line.location ? ` · ${line.location}` : ''}</span></span>
    <span class="approval-line-figures muted small">${figures}</span>
    <strong class="approval-line-value money">${formatMoney(line.value, currency)}</strong>
  </li>`;
}

function Party({ detail }) {
  const party = detail.supplier || detail.customer;
  if (!party) return null;
  const label = detail.supplier ? t('approvals.supplier') : t('approvals.customer');
  const contact = [party.phone, party.email].filter(Boolean).join(' · ');
  return html`<p class="small"><span class="muted">${label}: </span>${party.name}${contact ? html`<span class="muted"> · ${contact}</span>` : ''}</p>
    ${party.payment_terms ? html`<p class="small approval-terms">${t('approvals.terms', { terms: party.payment_terms })}</p>` : null}`;
}

function Facts({ approval }) {
  const detail = approval.detail || {};
  const facts = [
    detail.expected_date && t('approvals.expected', { date: detail.expected_date }),
    detail.order_number && t('approvals.order', { number: detail.order_number }),
    detail.reason_code && t(`returns.reason.${detail.reason_code}`),
    detail.disposition && t(`approvals.disposition_${detail.disposition}`),
    detail.zone !== undefined && (detail.zone ? t('approvals.zone', { zone: detail.zone }) : t('approvals.all_zones')),
  ].filter(Boolean);
  return facts.length ? html`<p class="muted small">${facts.join(' · ')}</p>` : null;
}

function Lines({ approval }) {
  const lines = approval.detail?.lines || [];
  const more = lines.length - SHOWN_LINES;
  return html`<ul class="approval-lines">
      ${lines.slice(0, SHOWN_LINES).map((line) => html`<${Line} line=${line} currency=${approval.currency} />`)}
    </ul>
    ${more > 0 ? html`<p class="muted small">${t('approvals.more_lines', { n: more })}</p>` : null}
    ${approval.doc_type === 'stocktake' ? html`<a class="button review-lines" href=${`#/count/${approval.doc_id}/review`}>${t('approvals.review_lines')}</a>` : null}`;
}

function RejectForm({ approval, onCancel }) {
  const [note, setNote] = useState('');
  const submit = (event) => {
    event.preventDefault();
    if (note.trim()) decide(approval, 'reject', note.trim());
  };
  return html`<form class="stack reject-form" onSubmit=${submit}>
    <label class="field"><span>${t('approvals.reject_note')}</span>
      <textarea rows="2" maxlength="500" required value=${note} onInput=${(e) => setNote(e.target.value)}></textarea></label>
    <div class="row">
      <button type="submit" class="danger reject-confirm" disabled=${!note.trim()}>${t('approvals.reject_confirm')}</button>
      <button type="button" class="cancel" onClick=${onCancel}>${t('approvals.cancel')}</button>
    </div>
  </form>`;
}

function Decision({ approval, decision, onDiscarded }) {
  const [rejecting, setRejecting] = useState(false);
  if (approval.decidedElsewhere) {
    return html`<div class="notice notice-info" role="status">${t(`live.decided_${approval.decidedElsewhere}`)}</div>`;
  }
  if (decision?.state === 'queued' || decision?.state === 'done') {
    const kind = decision.state === 'done' ? 'ok' : 'info';
    return html`<div class=${`notice notice-${kind}`} role="status">${t(`approvals.${decision.state}_${decision.verb}`)}</div>`;
  }
  if (decision?.state === 'failed') {
    const discard = async () => { await outbox.discard(decision.opId); onDiscarded(); };
    return html`<div class="notice notice-bad" role="alert">
      <p>${t('approvals.refused')} <span class="reason">${messageFor(decision.error)}</span></p>
      <div class="row"><button type="button" class="discard" onClick=${discard}>${t('approvals.discard')}</button>
        <a href="#/outbox">${t('approvals.see_outbox')}</a></div></div>`;
  }
  if (!approval.can_decide) {
    return html`<p class="notice notice-info cannot-decide" data-reason=${approval.cannot_decide_reason}>
      ${t(`approvals.cannot.${approval.cannot_decide_reason}`)}</p>`;
  }
  if (rejecting) return html`<${RejectForm} approval=${approval} onCancel=${() => setRejecting(false)} />`;
  return html`<div class="row">
    <button type="button" class="primary approve" onClick=${() => decide(approval, 'approve', '')}>${t('approvals.approve')}</button>
    <button type="button" class="danger reject" onClick=${() => setRejecting(true)}>${t('approvals.reject')}</button>
  </div>`;
}

function Card({ approval, decision, onDiscarded }) {
  const detail = approval.detail || {};
  // A return booked with a reason button only has the code as its reason: shown in words above.
  const why = detail.reason && detail.reason !== detail.reason_code ? detail.reason : '';
  const asked = t('approvals.asked_by', { name: approval.requested_by_name || t('approvals.someone'),
    time: formatTime(approval.requested_at, locale()) });
  return html`<li class="card approval" data-approval-id=${approval.id}
      data-state=${approval.decidedElsewhere ? 'decided' : decision?.state} data-arrived=${approval.arrived}
      data-op-id=${decision?.opId} data-verb=${decision?.verb}>
    <div class="row spread">
      <strong>${kindName(approval.kind)} <span class="doc-number">${detail.number || `#${approval.doc_id}`}</span></strong>
      <strong class="money approval-total">${formatMoney(approval.total, approval.currency)}</strong>
    </div>
    ${detail.warehouse ? html`<p class="muted small">${detail.warehouse.code} · ${detail.warehouse.name}</p>` : null}
    <${Party} detail=${detail} />
    <${Facts} approval=${approval} />
    ${why ? html`<p class="small approval-reason"><span class="muted">${t('approvals.why')}: </span>${why}</p>` : null}
    <${Lines} approval=${approval} />
    <p class="muted small approval-asked">${asked}</p>
    <div class="decision"><${Decision} approval=${approval} decision=${decision} onDiscarded=${onDiscarded} /></div>
  </li>`;
}

function Inbox() {
  const [loaded, setLoaded] = useState(null); // {items, asOf} or {error}
  const [decisions, setDecisions] = useState(new Map());
  const load = async () => {
    try {
      const { data, asOf } = await get('/api/v1/approvals?status=pending&limit=100');
      setLoaded({ items: data.items, asOf });
    } catch (error) {
      setLoaded({ error });
    }
  };
  // A request made while the inbox is open arrives marked 'live'; one decided elsewhere (not
  // through our outbox) stays in the list, marked, until the inbox is opened again.
  const arrived = async () => {
    const { data } = await get('/api/v1/approvals?status=pending&limit=100');
    setLoaded((old) => {
      const shown = new Map((old?.items || []).map((a) => [a.id, a]));
      const fresh = data.items.filter((a) => !shown.has(a.id)).map((a) => ({ ...a, arrived: 'live' }));
      return { ...old, items: [...fresh, ...(old?.items || [])] };
    });
  };
  const decidedElsewhere = (payload) => setLoaded((old) => old?.items && {
    ...old, items: old.items.map((a) => (a.id === payload.id ? { ...a, decidedElsewhere: payload.status } : a)) });
  useEffect(() => {
    let current = new Map();
    const stops = [
      onEvent('approval.requested', () => arrived().catch((error) => console.warn('approvals', error))),
      onEvent('approval.decided', (payload) => {
        if (!current.has(payload.id)) decidedElsewhere(payload); // ours: the outbox says how it went
      }),
    ];
    const follow = async (event) => {
      // Only a change naming an entry (queued, sent, failed, discarded, fixed) is read: a bare
      // one (paused, offline, another tab's echo) must not touch the database, which a tab
      // left behind by a newer version cannot open (each try would pause the outbox again).
      const detail = event?.detail || {};
      if (event && !Object.keys(detail).length) return;
      current = await decisionsNow(current, detail.sent);
      setDecisions(current);
    };
    load();
    follow();
    outbox.events.addEventListener('change', follow);
    return () => {
      outbox.events.removeEventListener('change', follow);
      stops.forEach((stop) => stop());
    };
  }, []);
  if (!loaded) return html`<p class="muted">${t('approvals.loading')}</p>`;
  if (loaded.error) return html`<div class="notice notice-bad" role="alert">${messageFor(loaded.error)}</div>`;
  return html`${loaded.asOf ? html`<p class="asof" data-as-of=${loaded.asOf}>${t('data.as_of', { time: formatTime(loaded.asOf, locale()) })}</p>` : null}
    ${loaded.items.length ? html`<ul class="list" id="approvals-list">
      ${loaded.items.map((a) => html`<${Card} key=${a.id} approval=${a} decision=${decisions.get(a.id)} onDiscarded=${load} />`)}
    </ul>` : html`<div class="notice notice-ok" role="status">${t('approvals.none')}</div>`}`;
}

/** Render the approvals inbox; returns its cleanup. */
export function render(view) {
  const root = document.createElement('div');
  view.append(...page(t('tile.approvals'), root));
  paint(html`<${Inbox} />`, root);
  return () => paint(null, root);
}
