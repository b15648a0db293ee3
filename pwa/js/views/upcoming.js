// A flow the role may use whose screen is not in this version of the app yet.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { notice, page } from '../ui.js';

/** Render the placeholder for a flow still being built. */
export function render(view, { tile }) {
  view.append(...page(t(`tile.${tile.id}`), notice('info', t('upcoming.text')),
    h('a', { class: 'button', href: '#/' }, t('nav.home'))));
}
