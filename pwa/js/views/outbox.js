// The outbox: what this device has not sent yet, and what the server refused (with why).
import { get } from '../api.js';
import { formatTime, h, replace } from '../dom.js';
import { locale, t } from '../i18n.js';
import * as outbox from '../outbox.js';
import { busy, confirmButton, field, messageFor, notice, page } from '../ui.js';

function stateOf(entry, status, held) {
  if (entry.status === 'failed') return ['bad', t('outbox.failed')];
  if (held.has(entry.opId)) return ['warn', t('outbox.held')];
  if (status.sending === entry.opId) return ['info', t('outbox.sending')];
  if (status.paused?.reason === 'auth') return ['warn', t('outbox.waiting_signin')];
  if (!status.online) return ['warn', t('outbox.waiting_online')];
  return ['info', t('outbox.queued')];
}

function discardButton(entry) {
  return confirmButton(t('outbox.discard'), t('outbox.discard_confirm'), () => outbox.discard(entry.opId));
}

function setPath(body, path, value) {
  const copy = structuredClone(body);
  const keys = path.split('.');
  let at = copy;
  for (const key of keys.slice(0, -1)) at = at[key];
  at[keys.at(-1)] = value;
  return copy;
}

function getPath(body, path) {
  return path.split('.').reduce((at, key) => (at == null ? at : at[key]), body);
}

/**
 * The fix form: each re-targetable field the queuing screen named (entry.fix), with the
 * choices the server offers (e.g. the PO's lines, the warehouse's bins).
 */
async function fixForm(entry) {
  const selects = await Promise.all(entry.fix.map(async (spec) => {
    const { data } = await get(spec.source);
    const items = Array.isArray(data) ? data : data.items || data.lines || [];
    const current = getPath(entry.body, spec.path);
    const select = h('select', { name: spec.path, class: 'fix-choice' }, items.map((item) => h('option', {
      value: item[spec.value || 'id'], selected: item[spec.value || 'id'] === current,
    }, spec.text.split('|').map((name) => item[name]).filter((v) => v !== null && v !== undefined).join(' · '))));
    return { spec, select };
  }));
  const send = h('button', { type: 'submit', class: 'primary' }, t('outbox.fix_send'));
  const onsubmit = (event) => {
    event.preventDefault();
    let { body, deps } = entry;
    for (const { spec, select } of selects) {
      const [before, after] = [getPath(body, spec.path), Number(select.value)];
      body = setPath(body, spec.path, after);
      // A key naming the old target (e.g. "bin:7") now names the new one: dependants follow it.
      if (spec.dep) deps = deps.map((key) => key.replace(`${spec.dep}:${before}`, `${spec.dep}:${after}`));
    }
    busy(send, () => outbox.fix(entry.opId, { body, deps }));
  };
  return h('form', { class: 'stack fix-form', onsubmit },
    selects.map(({ spec, select }) => field(t(spec.label), select)), send);
}

function fixButton(entry, item) {
  if (!entry.fix?.length) return null;
  const button = h('button', { type: 'button', class: 'fix' }, t('outbox.fix'));
  button.addEventListener('click', () => busy(button, async () => {
    try {
      item.querySelector('.fix-area').replaceChildren(await fixForm(entry));
    } catch (error) {
      item.querySelector('.fix-area').replaceChildren(notice('bad', messageFor(error)));
    }
  }));
  return button;
}

function entryItem(entry, status, held, labels) {
  const [kind, label] = stateOf(entry, status, held);
  const reason = entry.error
    ? h('p', { class: `reason reason-${kind}` }, messageFor(entry.error),
      entry.error.field ? ` (${entry.error.field})` : '', h('span', { class: 'muted small' }, ` · ${entry.error.code}`))
    : null;
  const waitsFor = held.get(entry.opId);
  const item = h('li', { class: `card entry entry-${entry.status}`, dataset: { opId: entry.opId } });
  return replace(item,
    h('div', { class: 'row spread' }, h('strong', {}, t(entry.label.key, entry.label.vars)),
      h('span', { class: `chip chip-${kind}` }, label)),
    h('p', { class: 'muted small' }, t('outbox.queued_at', { time: formatTime(entry.createdAt, locale()) }),
      entry.attempts ? ` · ${t('outbox.attempts', { n: entry.attempts })}` : ''),
    reason,
    waitsFor ? h('p', { class: 'reason reason-warn held-by' }, t('outbox.held_by', { what: labels.get(waitsFor) })) : null,
    entry.status === 'failed'
      ? h('div', { class: 'row' },
        h('button', { type: 'button', class: 'primary', onclick: () => outbox.retry(entry.opId) }, t('outbox.retry')),
        fixButton(entry, item), discardButton(entry))
      : null,
    h('div', { class: 'fix-area' }));
}

async function fill(list, summary) {
  const rows = await outbox.entries();
  const status = outbox.status();
  const failed = rows.some((row) => row.status === 'failed');
  const progress = status.progress?.total > 1 ? status.progress : null;
  replace(summary,
    progress ? h('div', { class: 'notice notice-info', id: 'outbox-progress', role: 'status' },
      t('outbox.progress', progress)) : null,
    !rows.length ? notice('ok', t('outbox.empty')) : null,
    failed ? notice('bad', t('outbox.blocked')) : null,
    rows.length && !failed && status.online && !status.paused
      ? h('button', { type: 'button', onclick: () => outbox.kick() }, t('outbox.send_now')) : null);
  const held = outbox.heldBy(rows);
  const labels = new Map(rows.map((row) => [row.opId, t(row.label.key, row.label.vars)]));
  // An open fix form survives the refreshes the queue's other traffic causes.
  const fixing = new Map([...list.querySelectorAll('.fix-form')].map((form) => {
    const item = form.closest('li');
    return [item.dataset.opId, item];
  }));
  list.replaceChildren(...rows.map((entry) => (entry.status === 'failed' && fixing.get(entry.opId))
    || entryItem(entry, status, held, labels)));
}

/** Render the outbox view; it follows the queue as it changes. */
export function render(view) {
  const list = h('ol', { class: 'list', id: 'outbox-list' });
  const summary = h('div', { class: 'stack' });
  view.append(...page(t('tile.outbox'), h('p', { class: 'muted' }, t('outbox.intro')), summary, list));
  const refresh = outbox.follow(() => fill(list, summary));
  window.addEventListener('online', refresh);
  window.addEventListener('offline', refresh);
  refresh();
  return () => {
    refresh.stop();
    window.removeEventListener('online', refresh);
    window.removeEventListener('offline', refresh);
  };
}
