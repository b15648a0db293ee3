// Home: one tile per flow the user's role allows, plus the outbox and the account. The
// approvals tile counts the pending requests, kept current by live events.
import { get } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { icon } from '../icons.js';
import { onEvent } from '../live.js';
import * as outbox from '../outbox.js';
import * as session from '../session.js';
import { allowedTiles } from '../tiles.js';
import { asOfNote, notice, page } from '../ui.js';

function tileLink(href, iconName, label, extra = '') {
  return h('a', { class: `tile ${extra}`, href }, icon(iconName), h('span', {}, label));
}

/** Render the home view. */
export async function render(view) {
  const me = session.me();
  const tiles = allowedTiles(me.permissions).map((tile) => tileLink(tile.route, tile.icon,
    t(`tile.${tile.id}`), `tile-${tile.id}`));
  const waiting = (await outbox.entries()).length;
  view.append(...page(
    t('home.hello', { name: me.user.display_name }),
    h('p', { class: 'muted' }, t(`role.${me.user.role}`)),
    asOfNote(session.asOf()),
    tiles.length ? null : notice('info', t('home.no_tiles')),
    h('nav', { class: 'tiles', 'aria-label': t('home.flows') }, tiles,
      tileLink('#/outbox', 'outbox', waiting ? t('tile.outbox_n', { n: waiting }) : t('tile.outbox'), 'tile-outbox'),
      tileLink('#/passkeys', 'account', t('tile.account'), 'tile-account')),
  ));
  const approvals = view.querySelector('.tile-approvals');
  if (!approvals) return undefined;
  const count = async () => {
    try {
      const { data } = await get('/api/v1/approvals?status=pending&limit=100');
      const n = data.items.length;
      approvals.querySelector('span').textContent = n ? t('tile.approvals_n', { n: n >= 100 ? '99+' : n })
        : t('tile.approvals');
      approvals.dataset.pending = String(n);
    } catch (error) {
      console.warn('approvals badge', error);
    }
  };
  count();
  const stops = [onEvent('approval.requested', count), onEvent('approval.decided', count)];
  return () => stops.forEach((stop) => stop());
}
