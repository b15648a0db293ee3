// The audit trail (managers and admins): who changed what, when, from which device, with the
// changed fields before and after; filtered by user, action, record and day.
import { html, useEffect, useState } from '/vendor/htm-preact.js';
import { t } from '../i18n.js';
import * as session from '../session.js';
import { allItems, listPage } from './data.js';
import { Table } from './table.js';
import { formatDateTime } from '../dates.js';

function shown(value) {
  if (value === null || value === undefined) return '∅';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The changed fields: one line each, before → after. */
function Changes({ entry }) {
  const before = entry.before || {};
  const after = entry.after || {};
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  if (!names.length) return html`<span class="muted">—</span>`;
  const kind = entry.before && entry.after ? 'changed' : entry.after ? 'created' : 'deleted';
  return html`<div class="audit-changes"><span class="muted small">${t(`audit.${kind}`)}</span><ul>
    ${names.map((name) => html`<li key=${name}><code>${name}</code>: ${kind === 'changed'
      ? html`<del>${shown(before[name])}</del> → <ins>${shown(after[name])}</ins>`
      : shown((kind === 'created' ? after : before)[name])}</li>`)}
  </ul></div>`;
}

/** Today's date (UTC), where the trail starts: it lists oldest first. */
function today() {
  return new Date().toISOString().slice(0, 10);
}

/** The audit section. */
export default function Audit() {
  const [users, setUsers] = useState([]);
  useEffect(() => {
    if (session.can('users.read')) allItems('/api/v1/users').then(setUsers).catch(() => {});
  }, []);
  const who = (e) => {
    const user = users.find((u) => u.id === e.user_id);
    const name = user ? user.display_name || user.username : e.user_id ? `#${e.user_id}` : '—';
    return e.token_id ? `${name} (${t('audit.token', { id: e.token_id })})` : name;
  };
  const columns = [
    { key: 'at', label: t('audit.when'), render: (e) => formatDateTime(e.at) },
    { key: 'user_id', label: t('audit.who'), render: who },
    { key: 'action', label: t('audit.action'), render: (e) => html`<code>${e.action}</code>` },
    { key: 'target', label: t('audit.record'), render: (e) => (e.target_type ? `${e.target_type} #${e.target_id}` : '—') },
    { key: 'changes', label: t('audit.changes'), render: (e) => html`<${Changes} entry=${e} />` },
    { key: 'device', label: t('audit.device'), render: (e) => e.device || '—' },
  ];
  const filters = [
    { name: 'user_id', label: t('audit.who'), options: [['', t('office.any')],
      ...users.map((u) => [String(u.id), u.display_name || u.username])] },
    { name: 'target_type', label: t('audit.record_type') },
    { name: 'target_id', label: t('audit.record_id') },
    { name: 'since', label: t('audit.since'), type: 'date' },
    { name: 'until', label: t('audit.until'), type: 'date' },
  ];
  const load = ({ q, since, until, ...params }) => listPage('/api/v1/audit', { ...params, action: q || undefined,
    since: since ? `${since}T00:00:00Z` : undefined, until: until ? `${until}T23:59:59Z` : undefined });
  return html`<div class="row office-head"><h1 tabindex="-1">${t('office.audit')}</h1></div>
    <${Table} id="audit-table" columns=${columns} filters=${filters} initial=${{ since: today() }} searchLabel=${t('audit.action_search')} load=${load} />`;
}
