// The manager's inbox: pending approvals, approved or rejected through the outbox.
import { get, newOpId } from '../api.js';
import { formatTime, h } from '../dom.js';
import { locale, t } from '../i18n.js';
import * as outbox from '../outbox.js';
import { asOfNote, field, messageFor, notice, page } from '../ui.js';

const DECISION = /^\/api\/v1\/approvals\/(\d+)\/(approve|reject)$/;

function decide(approval, verb, note, card) {
  Object.assign(card.dataset, { opId: newOpId(), verb });
  showState(card, 'queued', verb);
  outbox.enqueue({
    opId: card.dataset.opId, url: `/api/v1/approvals/${approval.id}/${verb}`, body: note ? { note } : {},
    label: { key: `op.${verb}`, vars: { summary: approval.summary || `#${approval.id}` } },
    deps: [`approval:${approval.id}`], // decisions on other approvals do not wait for this one
  });
}

function showState(card, state, verb, message) {
  card.dataset.state = state;
  const text = state === 'queued' ? t(`approvals.queued_${verb}`)
    : state === 'done' ? t(`approvals.done_${verb}`) : message;
  const kind = state === 'failed' ? 'bad' : state === 'done' ? 'ok' : 'info';
  card.querySelector('.decision').replaceChildren(notice(kind, text,
    state === 'failed' ? h('a', { href: '#/outbox' }, ` ${t('approvals.see_outbox')}`) : null));
}

function rejectForm(approval, card) {
  const note = h('textarea', { rows: '2', maxlength: '500' });
  const onsubmit = (event) => {
    event.preventDefault();
    decide(approval, 'reject', note.value.trim(), card);
  };
  return h('form', { class: 'stack', onsubmit }, field(t('approvals.note'), note),
    h('button', { type: 'submit', class: 'danger' }, t('approvals.reject_confirm')));
}

function kindName(kind) {
  const name = t(`kind.${kind}`);
  return name === `kind.${kind}` ? kind : name;
}

function approvalCard(approval) {
  const card = h('li', { class: 'card', dataset: { approvalId: approval.id } });
  const approve = h('button', { type: 'button', class: 'primary approve',
    onclick: () => decide(approval, 'approve', '', card) }, t('approvals.approve'));
  const reject = h('button', { type: 'button', class: 'danger reject',
    onclick: () => card.querySelector('.decision').replaceChildren(rejectForm(approval, card)) },
  t('approvals.reject'));
  card.append(
    h('strong', {}, approval.summary || `${approval.doc_type} #${approval.doc_id}`),
    h('p', { class: 'muted small' }, `${kindName(approval.kind)} · ${approval.doc_type} #${approval.doc_id}`,
      approval.amount !== null && approval.amount !== undefined ? ` · ${t('approvals.amount', { amount: approval.amount })}` : '',
      ` · ${formatTime(approval.requested_at, locale())}`),
    h('div', { class: 'decision' }, h('div', { class: 'row' }, approve, reject,
      // a stocktake is also reviewed place by place (views/count-review.js)
      approval.doc_type === 'stocktake' ? h('a', { class: 'button review-lines', href: `#/count/${approval.doc_id}/review` },
        t('approvals.review_lines')) : null)));
  return card;
}

/** Render the approvals inbox. */
export async function render(view) {
  const list = h('ul', { class: 'list', id: 'approvals-list' });
  view.append(...page(t('tile.approvals'), list));
  let cards = new Map();
  try {
    const { data, asOf } = await get('/api/v1/approvals?status=pending&limit=100');
    cards = new Map(data.items.map((approval) => [approval.id, approvalCard(approval)]));
    list.replaceChildren(...cards.values());
    if (!data.items.length) list.replaceWith(notice('ok', t('approvals.none')));
    if (asOf) view.querySelector('h1').after(asOfNote(asOf));
  } catch (error) {
    list.replaceWith(notice('bad', messageFor(error)));
  }
  // Decisions already waiting in the outbox (e.g. made offline before a reload).
  for (const entry of await outbox.entries()) {
    const [, id, verb] = DECISION.exec(entry.url) || [];
    const card = cards.get(Number(id));
    if (card) {
      Object.assign(card.dataset, { opId: entry.opId, verb });
      showState(card, entry.status === 'failed' ? 'failed' : 'queued', verb, entry.error && messageFor(entry.error));
    }
  }
  const follow = (event) => {
    const { sent, failed, error } = event.detail || {};
    for (const card of cards.values()) {
      const opId = card.dataset.opId;
      if (opId && (opId === sent || opId === failed)) {
        showState(card, sent ? 'done' : 'failed', card.dataset.verb, error && messageFor(error));
      }
    }
  };
  outbox.events.addEventListener('change', follow);
  return () => outbox.events.removeEventListener('change', follow);
}
