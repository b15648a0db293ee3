// API tokens for integrations (admins): the live tokens, a new one whose secret is shown
// once, and revoking one (a second tap confirms).
import { html, useEffect, useState } from '/vendor/htm-preact.js';
import { t } from '../i18n.js';
import { messageFor } from '../ui.js';
import { one, send } from './data.js';
import { Field, FieldError, Form, useValues } from './form.js';
import { formatDateTime } from '../dates.js';

const BASE = '/api/v1/tokens';
const ROLES = ['readonly', 'sales', 'warehouse', 'manager', 'admin'];
// The areas a token may be limited to (backend/auth/permissions.py all_areas()).
const AREAS = ['catalog', 'stock', 'purchasing', 'sales', 'transfers', 'stocktake', 'approvals', 'scan',
  'audit', 'users', 'tokens', 'account'];

function Revoke({ token, onRevoked }) {
  const [armed, setArmed] = useState(false);
  const [error, setError] = useState(null);
  const click = async () => {
    if (!armed) { setArmed(true); return; }
    try {
      await send('DELETE', `${BASE}/${token.id}`);
      onRevoked();
    } catch (failure) {
      setError(failure);
    }
  };
  return html`<button type="button" class=${armed ? 'danger revoke armed' : 'revoke'} onClick=${click}
    onBlur=${() => setArmed(false)}>${armed ? t('token.revoke_confirm') : t('token.revoke')}</button>
    ${error ? html`<p class="field-error" role="alert">${messageFor(error)}</p>` : null}`;
}

function NewToken({ onCreated, onClose }) {
  const [values, set] = useValues({ role: 'readonly', scopes: [] });
  const toggle = (area) => set('scopes', values.scopes.includes(area)
    ? values.scopes.filter((a) => a !== area) : [...values.scopes, area]);
  const save = async () => onCreated(await send('POST', BASE, { name: (values.name || '').trim(),
    role: values.role, scopes: values.scopes }));
  return html`<${Form} id="token-form" title=${t('token.new')} onSubmit=${save} onClose=${onClose} submitLabel=${t('token.create')}>
    <div class="grid">
      <${Field} name="name" label=${t('token.name')} value=${values.name} set=${set} required autocomplete="off" />
      <${Field} name="role" type="select" label=${t('token.role')} value=${values.role} set=${set}
        options=${ROLES.map((r) => [r, t(`role.${r}`)])} />
    </div>
    <fieldset class="field scopes"><legend>${t('token.scopes')}</legend>
      <p class="muted small">${t('token.scopes_hint')}</p>
      <div class="row wrap">${AREAS.map((area) => html`<label class="check" key=${area}>
        <input type="checkbox" name="scope" value=${area} checked=${values.scopes.includes(area)}
          onChange=${() => toggle(area)} /><span>${area}</span></label>`)}</div>
      <${FieldError} name="scopes" />
    </fieldset>
  </${Form}>`;
}

/** The tokens section (no record pages: everything is on the list). */
export default function Tokens() {
  const [tokens, setTokens] = useState(null);
  const [error, setError] = useState(null);
  const [adding, setAdding] = useState(false);
  const [secret, setSecret] = useState(null);
  const load = () => one(BASE).then(setTokens).catch(setError);
  useEffect(() => { load(); }, []);
  const created = (token) => {
    setAdding(false);
    setSecret(token);
    load();
  };
  return html`<div class="row office-head"><h1 tabindex="-1">${t('office.tokens')}</h1>
      ${adding ? null : html`<button type="button" class="primary" id="new-token" onClick=${() => { setSecret(null); setAdding(true); }}>${t('token.new')}</button>`}</div>
    ${error ? html`<div class="notice notice-bad" role="alert">${messageFor(error)}</div>` : null}
    ${secret ? html`<div class="notice notice-ok token-secret" role="status">
      <p><strong>${t('token.secret_once', { name: secret.name })}</strong></p>
      <p><code id="token-secret" class="secret">${secret.token}</code></p>
      <div class="row"><button type="button" id="copy-secret" onClick=${() => navigator.clipboard?.writeText(secret.token)}>${t('token.copy')}</button>
        <button type="button" id="hide-secret" onClick=${() => setSecret(null)}>${t('token.done')}</button></div>
    </div>` : null}
    ${adding ? html`<${NewToken} onCreated=${created} onClose=${() => setAdding(false)} />` : null}
    ${tokens ? html`<div class="office-table" id="token-table"><div class="table-wrap"><table>
      <thead><tr><th>${t('token.name')}</th><th>${t('token.role')}</th><th>${t('token.scopes')}</th>
        <th>${t('token.created')}</th><th>${t('token.last_used')}</th><th></th></tr></thead>
      <tbody>${tokens.map((token) => html`<tr key=${token.id} data-token=${token.name}>
        <td data-label=${t('token.name')}><strong>${token.name}</strong></td>
        <td data-label=${t('token.role')}>${t(`role.${token.role}`)}</td>
        <td data-label=${t('token.scopes')}>${token.scopes.length ? token.scopes.join(', ') : t('token.all_areas')}</td>
        <td data-label=${t('token.created')}>${formatDateTime(token.created_at)}</td>
        <td data-label=${t('token.last_used')}>${formatDateTime(token.last_used_at)}</td>
        <td><${Revoke} token=${token} onRevoked=${load} /></td>
      </tr>`)}</tbody></table>
      ${tokens.length ? null : html`<p class="muted empty">${t('token.none')}</p>`}</div></div>` : null}`;
}
