// People: who may sign in, with which role and warehouses, and the one-time enrolment links
// (QR codes) with which their phones get a passkey. These admin actions need the server's
// answer there and then, so they are sent directly, not through the outbox.
import { get, query } from '../api.js';
import { formatTime, h } from '../dom.js';
import { send } from '../office/data.js'; // a write sent now, its key kept until answered
import { locale, t } from '../i18n.js';
import * as session from '../session.js';
import { asOfNote, busy, field, messageFor, notice, page } from '../ui.js';

const BASE = '/api/v1/users';
const ROLES = ['admin', 'manager', 'warehouse', 'sales', 'readonly'];

/** The roles the signed-in user may give: a manager neither admins nor other approvers
 * (managers), who could approve the manager's own requests (the server checks too). */
const ADMINS_GIVE = ['admin', 'manager'];
function grantableRoles() {
  return session.can('users.admin') ? ROLES : ROLES.filter((role) => !ADMINS_GIVE.includes(role));
}

/** A new link for someone who already has a passkey, or for an approver, is an admin's. */
function mayEnrol(user) {
  return session.can('users.create') && user.active && (session.can('users.admin')
    || (!ADMINS_GIVE.includes(user.role) && !user.has_passkey));
}

/** The server's QR code as an image: parsed as inert markup, drawn by <img>, so nothing runs. */
function qrImage(svgText, alt) {
  const svg = new DOMParser().parseFromString(svgText || '', 'text/html').querySelector('body > svg');
  if (!svg) return null;
  const xml = new XMLSerializer().serializeToString(svg); // adds the SVG namespace <img> needs
  return h('img', { class: 'qr', alt, width: 240, height: 240,
    src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(xml)}` });
}

async function copyLink(input, button) {
  try {
    await navigator.clipboard.writeText(input.value);
    button.textContent = t('users.copied');
  } catch {
    input.focus();
    input.select(); // no clipboard access: the link is selected for the user to copy
    button.textContent = t('users.copy_manually');
  }
}

/** The link to a user's enrolment: QR code to scan, the address, its expiry, copy and share. */
function enrolmentPanel(user, link, onDone) {
  const input = h('input', { class: 'enrol-url', value: link.url, readonly: true,
    'aria-label': t('users.link'), onfocus: (event) => event.target.select() });
  const copy = h('button', { type: 'button', class: 'primary copy-link' }, t('users.copy_link'));
  copy.addEventListener('click', () => copyLink(input, copy));
  const share = navigator.share ? h('button', { type: 'button', class: 'share-link',
    onclick: () => navigator.share({ title: t('enrol.title'), url: link.url }).catch(() => {}) },
  t('users.share_link')) : null;
  return h('section', { class: 'enrolment', dataset: { userId: user.id } },
    h('h3', {}, t('users.link_for', { name: user.display_name })),
    h('p', { class: 'small' }, t('users.scan_hint')),
    h('div', { class: 'qr-frame' }, qrImage(link.qr_svg, t('users.qr_alt', { name: user.display_name }))),
    input,
    h('p', { class: 'muted small link-expiry' },
      t('users.link_expires', { time: formatTime(link.expires_at, locale()) })),
    h('div', { class: 'row' }, copy, share,
      onDone ? h('button', { type: 'button', class: 'done', onclick: onDone }, t('users.done')) : null));
}

function warehouseText(user, warehouses) {
  if (!user.warehouses?.length) return t('users.all_warehouses');
  return user.warehouses.map((id) => warehouses.get(id)?.code || `#${id}`).join(', ');
}

function chips(user) {
  return h('div', { class: 'row chips' },
    h('span', { class: 'chip chip-info user-role' }, t(`role.${user.role}`)),
    user.active ? null : h('span', { class: 'chip chip-bad user-inactive' }, t('users.inactive')),
    user.has_passkey ? null : h('span', { class: 'chip chip-warn no-passkey' }, t('users.no_passkey')));
}

/** A button that acts only on a second tap (no dialogs on a phone). */
function confirmingButton(className, label, confirmLabel, action) {
  const button = h('button', { type: 'button', class: `danger ${className}` }, label);
  button.addEventListener('click', () => {
    if (button.dataset.armed !== 'yes') {
      button.dataset.armed = 'yes';
      button.textContent = confirmLabel;
      return;
    }
    busy(button, action);
  });
  return button;
}

/** Run a card's action; on success the card is drawn again from the server's answer. */
function act(card, ctx, work) {
  return async () => {
    const status = card.querySelector('.status');
    status.replaceChildren();
    try {
      const { user, link, error } = await work();
      card.replaceWith(userCard(user, ctx, { link, error }));
    } catch (error) {
      status.replaceChildren(notice('bad', messageFor(error)));
    }
  };
}

async function issueLink(user) {
  return send('POST', `${BASE}/${user.id}/enrolment`);
}

function roleForm(user, card, ctx) {
  const select = h('select', { class: 'role-select', 'aria-label': t('users.role') },
    ROLES.map((role) => h('option', { value: role, selected: role === user.role }, t(`role.${role}`))));
  const save = h('button', { type: 'submit', class: 'change-role', disabled: true }, t('users.change_role'));
  select.addEventListener('change', () => { save.disabled = select.value === user.role; });
  const onsubmit = (event) => {
    event.preventDefault();
    busy(save, act(card, ctx, async () => ({
      user: await send('PATCH', `${BASE}/${user.id}`, { role: select.value }) })));
  };
  return h('form', { class: 'row role-form', onsubmit }, select, save);
}

function adminActions(user, card, ctx) {
  // An inactive user cannot sign in or enrol anyway: activate them first.
  const lostPhone = user.active ? confirmingButton('lost-phone', t('users.lost_phone'), t('users.lost_phone_confirm'),
    act(card, ctx, async () => {
      await send('POST', `${BASE}/${user.id}/revoke-passkeys`);
      const fresh = { ...user, has_passkey: false };
      try {
        return { user: fresh, link: await issueLink(user) };
      } catch (error) { // the passkeys are gone either way: say so, and why no link came
        return { user: fresh, error: t('users.link_failed', { message: messageFor(error) }) };
      }
    })) : null;
  const toggle = user.active
    ? confirmingButton('deactivate', t('users.deactivate'), t('users.deactivate_confirm'),
      act(card, ctx, async () => ({ user: await send('PATCH', `${BASE}/${user.id}`, { active: false }) })))
    : h('button', { type: 'button', class: 'activate' }, t('users.activate'));
  if (!user.active) {
    toggle.addEventListener('click', () => busy(toggle, act(card, ctx, async () => ({
      user: await send('PATCH', `${BASE}/${user.id}`, { active: true }) }))));
  }
  return [roleForm(user, card, ctx), h('div', { class: 'row' }, lostPhone, toggle)];
}

/** One user: who, role, warehouses, and what the signed-in user may do about them. */
function userCard(user, ctx, { link = null, error = null } = {}) {
  const card = h('li', { class: 'card user', dataset: { userId: user.id, username: user.username } });
  const self = user.id === session.user()?.id;
  const newLink = mayEnrol(user) && !self ? h('button', { type: 'button', class: 'new-link' },
    t(user.has_passkey ? 'users.new_link' : 'users.enrol_link')) : null;
  newLink?.addEventListener('click', () => busy(newLink, act(card, ctx, async () => ({
    user, link: await issueLink(user) }))));
  card.append(...[
    h('div', { class: 'row spread' }, h('strong', { class: 'user-name' }, user.display_name),
      self ? h('span', { class: 'muted small' }, t('users.you')) : null),
    h('p', { class: 'muted small user-facts' }, `${user.username} · `,
      h('span', { class: 'user-warehouses' }, warehouseText(user, ctx.warehouses))),
    chips(user),
    link ? enrolmentPanel(user, link, () => card.replaceWith(userCard(user, ctx))) : null,
    newLink && !link ? h('div', { class: 'row' }, newLink) : null,
    session.can('users.admin') && !self ? adminActions(user, card, ctx) : null,
    h('div', { class: 'status' }, error ? notice('bad', error) : null)].flat().filter(Boolean));
  return card;
}

function warehousePicker(warehouses) {
  const boxes = [...warehouses.values()].filter((w) => w.active !== false).map((w) => h('label',
    { class: 'check' }, h('input', { type: 'checkbox', name: 'warehouse', value: String(w.id) }),
    h('span', {}, `${w.code} · ${w.name}`)));
  if (!boxes.length) return null;
  return h('fieldset', { class: 'field warehouses' }, h('legend', {}, t('users.warehouses')),
    h('p', { class: 'muted small' }, t('users.warehouses_hint')), boxes);
}

function createFields(ctx) {
  const role = h('select', { id: 'new-user-role', required: true },
    grantableRoles().map((name) => h('option', { value: name, selected: name === 'warehouse' },
      t(`role.${name}`))));
  return {
    username: h('input', { id: 'new-user-username', required: true, maxlength: '80',
      autocapitalize: 'none', autocomplete: 'off', spellcheck: 'false' }),
    display_name: h('input', { id: 'new-user-name', required: true, maxlength: '120', autocomplete: 'off' }),
    role,
    picker: warehousePicker(ctx.warehouses),
  };
}

/** The new user form: create, then issue their first enrolment link at once. */
function createForm(ctx, showLink) {
  const inputs = createFields(ctx);
  const status = h('div', { class: 'status' });
  const button = h('button', { type: 'submit', class: 'primary', id: 'create-user' }, t('users.create'));
  const attempt = {};
  const form = h('form', { class: 'stack', id: 'new-user', oninput: () => { attempt.opId = null; } },
    field(t('users.username'), inputs.username), field(t('users.display_name'), inputs.display_name),
    field(t('users.role'), inputs.role), inputs.picker, button, status);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const ticked = [...form.querySelectorAll('input[name=warehouse]:checked')].map((box) => Number(box.value));
    busy(button, async () => {
      status.replaceChildren();
      try {
        const user = await send('POST', BASE, { username: inputs.username.value.trim(),
          display_name: inputs.display_name.value.trim(), role: inputs.role.value,
          warehouses: ticked.length ? ticked : null }, attempt);
        form.reset();
        await showLink(user);
      } catch (error) {
        status.replaceChildren(notice('bad', messageFor(error)));
      }
    });
  });
  return form;
}

async function allUsers() {
  const users = [];
  let after = 0;
  for (let pages = 0; pages < 20; pages += 1) { // 10,000 people is far past this app's use
    const { data, asOf } = await get(`${BASE}${query({ limit: 500, after })}`);
    users.push(...data.items);
    if (!data.next) return { users, asOf };
    after = data.next;
  }
  return { users, asOf: null };
}

function filterList(list, text) {
  const needle = text.trim().toLowerCase();
  for (const card of list.children) {
    const haystack = `${card.dataset.username} ${card.querySelector('.user-name')?.textContent}`;
    card.hidden = Boolean(needle) && !haystack.toLowerCase().includes(needle);
  }
}

async function warehouseMap() {
  try {
    const { data } = await get('/api/v1/warehouses');
    return new Map(data.map((warehouse) => [warehouse.id, warehouse]));
  } catch {
    return new Map(); // names only; users still list and may be created for all warehouses
  }
}

/** Render the users view: add a user (and get their link), then everyone, newest first. */
export async function render(view) {
  const ctx = { warehouses: await warehouseMap() };
  const list = h('ul', { class: 'list', id: 'user-list' });
  const fresh = h('div', { id: 'new-user-link' });
  const add = h('details', { class: 'card add-user' }, h('summary', {}, t('users.add')));
  const showLink = async (user) => {
    add.open = false;
    list.prepend(userCard(user, ctx));
    try {
      const link = await issueLink(user);
      fresh.replaceChildren(h('div', { class: 'card' }, enrolmentPanel(user, link, () => fresh.replaceChildren())));
    } catch (error) {
      fresh.replaceChildren(notice('bad', t('users.link_failed', { message: messageFor(error) })));
    }
    fresh.scrollIntoView({ block: 'start' });
  };
  if (session.can('users.create')) add.append(createForm(ctx, showLink));
  const search = h('input', { type: 'search', id: 'user-filter', placeholder: t('users.filter'),
    'aria-label': t('users.filter'), oninput: (event) => filterList(list, event.target.value) });
  view.append(...page(t('tile.users'), session.can('users.create') ? add : null, fresh,
    h('h2', {}, t('users.list_title')), search, list));
  try {
    const { users, asOf } = await allUsers();
    list.replaceChildren(...users.reverse().map((user) => userCard(user, ctx)));
    if (asOf) list.before(asOfNote(asOf));
  } catch (error) {
    list.replaceChildren(notice('bad', messageFor(error)));
  }
}
