// The signed-in user's passkeys: list, rename, revoke, add another; sign out (everywhere).
import { request } from '../api.js';
import { defaultDeviceName } from '../device.js';
import { formatTime, h } from '../dom.js';
import { locale, t } from '../i18n.js';
import { forgetNext, navigate } from '../nav.js';
import * as outbox from '../outbox.js';
import * as session from '../session.js';
import { busy, field, messageFor, notice, page } from '../ui.js';
import { createPasskey, supported } from '../webauthn.js';

const BASE = '/api/v1/auth/passkeys';

function renameForm(passkey, reload, status) {
  const input = h('input', { value: passkey.name, maxlength: '80', 'aria-label': t('passkey.name') });
  const save = h('button', { type: 'submit', class: 'primary' }, t('action.save'));
  const onsubmit = (event) => {
    event.preventDefault();
    busy(save, async () => {
      try {
        await request('PATCH', `${BASE}/${passkey.id}`, { body: { name: input.value.trim() } });
        reload();
      } catch (error) {
        status.replaceChildren(notice('bad', messageFor(error)));
      }
    });
  };
  return h('form', { class: 'row', onsubmit }, input, save,
    h('button', { type: 'button', onclick: reload }, t('action.cancel')));
}

function passkeyItem(passkey, reload, status) {
  const item = h('li', { class: 'card', dataset: { passkeyId: passkey.id } });
  const revoke = h('button', { type: 'button', class: 'danger' }, t('passkey.revoke'));
  revoke.addEventListener('click', () => {
    if (revoke.dataset.armed !== 'yes') { // a second tap confirms: no dialogs on a phone
      revoke.dataset.armed = 'yes';
      revoke.textContent = t('passkey.revoke_confirm');
      return;
    }
    busy(revoke, async () => {
      try {
        await request('DELETE', `${BASE}/${passkey.id}`);
        reload();
      } catch (error) {
        status.replaceChildren(notice('bad', messageFor(error)));
      }
    });
  });
  const rename = h('button', { type: 'button' }, t('passkey.rename'));
  rename.addEventListener('click', () => item.replaceChildren(renameForm(passkey, reload, status)));
  item.append(
    h('strong', { class: 'passkey-name' }, passkey.name),
    h('p', { class: 'muted small' }, t('passkey.created', { time: formatTime(passkey.created_at, locale()) }),
      ' · ', passkey.last_used_at
        ? t('passkey.last_used', { time: formatTime(passkey.last_used_at, locale()) })
        : t('passkey.never_used')),
    h('div', { class: 'row' }, rename, revoke));
  return item;
}

function addForm(reload, status) {
  const name = h('input', { id: 'new-passkey-name', value: defaultDeviceName(), maxlength: '80' });
  const button = h('button', { type: 'submit', class: 'primary', id: 'add-passkey' }, t('passkey.add'));
  const onsubmit = (event) => {
    event.preventDefault();
    busy(button, async () => {
      status.replaceChildren(h('p', { class: 'muted' }, t('passkey.waiting')));
      try {
        await createPasskey(BASE, name.value.trim() || defaultDeviceName());
        reload();
      } catch (error) {
        status.replaceChildren(notice('bad', messageFor(error)));
      }
    });
  };
  return h('form', { class: 'stack', onsubmit }, h('h2', {}, t('passkey.add_title')),
    field(t('passkey.name'), name), supported() ? button : notice('bad', t('passkey.unsupported')));
}

// Whoever holds an enrolment link for this account can add a passkey to it: the user sees
// every link made for them and by whom, so a re-enrolment they did not ask for stands out.
async function linksSection() {
  let links;
  try {
    ({ data: links } = await request('GET', '/api/v1/auth/enrolment-links'));
  } catch (error) {
    return notice('warn', messageFor(error));
  }
  if (!links.length) return null;
  const when = (time) => formatTime(time, locale());
  const item = (link) => h('li', { class: 'card' },
    h('strong', {}, t('account.link_by', { who: link.created_by || t('account.link_by_server'), time: when(link.created_at) })),
    h('p', { class: 'muted small' }, link.used_at
      ? t('account.link_used', { time: when(link.used_at) })
      : t('account.link_unused', { time: when(link.expires_at) })));
  return h('section', { class: 'stack' }, h('h2', {}, t('account.links_title')),
    h('p', { class: 'small' }, t('account.links_hint')),
    h('ul', { class: 'list', id: 'enrolment-links' }, ...links.map(item)));
}

async function signOutSection(status) {
  const waiting = (await outbox.entries()).length;
  const out = (everywhere) => async (event) => {
    await busy(event.currentTarget, async () => {
      try {
        await session.signOut(everywhere);
      } catch (error) {
        status.replaceChildren(notice('warn', messageFor(error)));
      }
      forgetNext();
      navigate('#/signin');
    });
  };
  return h('section', { class: 'stack' }, h('h2', {}, t('account.sign_out_title')),
    waiting ? notice('warn', t('account.unsent', { n: waiting })) : null,
    h('button', { type: 'button', id: 'sign-out', onclick: out(false) }, t('account.sign_out')),
    h('button', { type: 'button', id: 'sign-out-everywhere', class: 'danger', onclick: out(true) },
      t('account.sign_out_everywhere')));
}

/** Render the account view: passkeys and sign-out. */
export async function render(view) {
  const user = session.user();
  const list = h('ul', { class: 'list', id: 'passkey-list' });
  const status = h('div', { class: 'status' });
  const reload = async () => {
    status.replaceChildren();
    try {
      const { data } = await request('GET', BASE);
      list.replaceChildren(...data.map((passkey) => passkeyItem(passkey, reload, status)));
    } catch (error) {
      list.replaceChildren(notice('bad', messageFor(error)));
    }
  };
  view.append(...page(t('account.title'),
    h('p', {}, t('account.who', { name: user.display_name, username: user.username, role: t(`role.${user.role}`) })),
    h('h2', {}, t('passkey.list_title')), list, status, addForm(reload, status),
    await linksSection(), await signOutSection(status)));
  await reload();
}
