// Sign-in with a passkey (also where a device signs in again after its session ended).
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { continueAfterSignIn } from '../nav.js';
import * as session from '../session.js';
import { busy, messageFor, notice, page } from '../ui.js';
import { signIn, supported } from '../webauthn.js';

/** Render the sign-in view. */
export function render(view) {
  const status = h('div', { class: 'status' });
  const button = h('button', { class: 'primary big', type: 'button', id: 'signin-passkey' },
    t('signin.button'));
  button.addEventListener('click', () => busy(button, async () => {
    status.replaceChildren(h('p', { class: 'muted' }, t('signin.waiting')));
    try {
      await session.signedIn(await signIn());
      continueAfterSignIn();
    } catch (error) {
      status.replaceChildren(notice('bad', messageFor(error)));
    }
  }));
  const current = session.user();
  view.append(...page(
    t(session.isExpired() ? 'signin.title_again' : 'signin.title'),
    session.isExpired() ? notice('warn', t('signin.expired')) : null,
    current && !session.isExpired()
      ? notice('info', t('signin.already', { name: current.display_name }), ' ',
        h('a', { href: '#/' }, t('nav.home')))
      : null,
    h('p', {}, t('signin.intro')),
    supported() ? button : notice('bad', t('passkey.unsupported')),
    status,
    h('p', { class: 'muted small' }, t('signin.no_passkey')),
  ));
}
