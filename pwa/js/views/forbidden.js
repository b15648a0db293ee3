// A route the user's role may not use (the server would refuse it too).
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { notice, page } from '../ui.js';

/** Render the "not for your role" view. */
export function render(view) {
  view.append(...page(t('forbidden.title'), notice('warn', t('forbidden.text')),
    h('a', { class: 'button', href: '#/' }, t('nav.home'))));
}
