// Enrolment from the link an admin or manager gave: create this device's passkey.
import { formatTime, h } from '../dom.js';
import { defaultDeviceName } from '../device.js';
import { get } from '../api.js';
import { locale, t } from '../i18n.js';
import { navigate } from '../nav.js';
import * as session from '../session.js';
import { busy, field, messageFor, notice, page } from '../ui.js';
import { createPasskey, supported } from '../webauthn.js';

function form(view, base, invite) {
  const name = h('input', { id: 'passkey-name', value: defaultDeviceName(), maxlength: '80',
    autocomplete: 'off', required: true });
  const status = h('div', { class: 'status' });
  const button = h('button', { class: 'primary big', type: 'submit', id: 'create-passkey' },
    t('enrol.create'));
  const onsubmit = (event) => {
    event.preventDefault();
    busy(button, async () => {
      status.replaceChildren(h('p', { class: 'muted' }, t('passkey.waiting')));
      try {
        await session.signedIn(await createPasskey(base, name.value.trim() || defaultDeviceName()));
        navigate('#/');
      } catch (error) {
        status.replaceChildren(notice('bad', messageFor(error)));
      }
    });
  };
  view.append(
    h('p', { class: 'lead' }, t('enrol.welcome', { name: invite.display_name })),
    h('p', {}, t('enrol.username', { username: invite.username })),
    h('p', { class: 'muted small' }, t('enrol.expires', { time: formatTime(invite.expires_at, locale()) })),
    h('form', { onsubmit, class: 'stack' }, field(t('passkey.name'), name),
      supported() ? button : notice('bad', t('passkey.unsupported'))),
    status,
  );
}

/** Render the enrolment view for #/enrol/<token>. */
export async function render(view, { params }) {
  const base = `/api/v1/auth/enrol/${encodeURIComponent(params[0])}`;
  view.append(...page(t('enrol.title')));
  try {
    const { data } = await get(base);
    form(view, base, data);
  } catch (error) {
    view.append(notice('bad', messageFor(error)), h('p', {}, t('enrol.ask_new_link')));
  }
}
