// The outbox: what this device has not sent yet, and what the server refused (with why).
import { formatTime, h, replace } from '../dom.js';
import { locale, t } from '../i18n.js';
import * as outbox from '../outbox.js';
import { notice, page } from '../ui.js';

function stateOf(entry, status) {
  if (entry.status === 'failed') return ['bad', t('outbox.failed')];
  if (status.sending === entry.opId) return ['info', t('outbox.sending')];
  if (status.paused?.reason === 'auth') return ['warn', t('outbox.waiting_signin')];
  if (!status.online) return ['warn', t('outbox.waiting_online')];
  return ['info', t('outbox.queued')];
}

function discardButton(entry) {
  const button = h('button', { type: 'button', class: 'danger' }, t('outbox.discard'));
  button.addEventListener('click', () => {
    if (button.dataset.armed !== 'yes') { // a second tap confirms
      button.dataset.armed = 'yes';
      button.textContent = t('outbox.discard_confirm');
      return;
    }
    outbox.discard(entry.opId);
  });
  return button;
}

function entryItem(entry, status) {
  const [kind, label] = stateOf(entry, status);
  const reason = entry.error
    ? h('p', { class: `reason reason-${kind}` }, entry.error.message,
      entry.error.field ? ` (${entry.error.field})` : '', h('span', { class: 'muted small' }, ` · ${entry.error.code}`))
    : null;
  return h('li', { class: `card entry entry-${entry.status}`, dataset: { opId: entry.opId } },
    h('div', { class: 'row spread' }, h('strong', {}, t(entry.label.key, entry.label.vars)),
      h('span', { class: `chip chip-${kind}` }, label)),
    h('p', { class: 'muted small' }, t('outbox.queued_at', { time: formatTime(entry.createdAt, locale()) }),
      entry.attempts ? ` · ${t('outbox.attempts', { n: entry.attempts })}` : ''),
    reason,
    entry.status === 'failed'
      ? h('div', { class: 'row' },
        h('button', { type: 'button', class: 'primary', onclick: () => outbox.retry(entry.opId) }, t('outbox.retry')),
        discardButton(entry))
      : null);
}

async function fill(list, summary) {
  const rows = await outbox.entries();
  const status = outbox.status();
  const failed = rows.some((row) => row.status === 'failed');
  replace(summary,
    !rows.length ? notice('ok', t('outbox.empty')) : null,
    failed ? notice('bad', t('outbox.blocked')) : null,
    rows.length && !failed && status.online && !status.paused
      ? h('button', { type: 'button', onclick: () => outbox.kick() }, t('outbox.send_now')) : null);
  list.replaceChildren(...rows.map((entry) => entryItem(entry, status)));
}

/** Render the outbox view; it follows the queue as it changes. */
export function render(view) {
  const list = h('ol', { class: 'list', id: 'outbox-list' });
  const summary = h('div', { class: 'stack' });
  view.append(...page(t('tile.outbox'), h('p', { class: 'muted' }, t('outbox.intro')), summary, list));
  const refresh = () => fill(list, summary);
  outbox.events.addEventListener('change', refresh);
  window.addEventListener('online', refresh);
  window.addEventListener('offline', refresh);
  refresh();
  return () => {
    outbox.events.removeEventListener('change', refresh);
    window.removeEventListener('online', refresh);
    window.removeEventListener('offline', refresh);
  };
}
