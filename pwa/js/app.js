// The app shell: boots the session and the outbox, routes #/… to views, keeps the top bar
// and banners current, and offers service worker updates.
import * as db from './db.js';
import { h, replace } from './dom.js';
import { events as i18nEvents, language, setLanguage, t } from './i18n.js';
import * as live from './live.js';
import { navigate, rememberNext } from './nav.js';
import * as outbox from './outbox.js';
import * as push from './push.js';
import * as session from './session.js';
import { tile } from './tiles.js';

const ROUTES = [
  { pattern: /^#\/signin$/, view: 'signin', open: true },
  { pattern: /^#\/enrol\/([A-Za-z0-9_.~-]+)$/, view: 'enrol', open: true },
  { pattern: /^#?\/?$/, view: 'home' },
  { pattern: /^#\/passkeys$/, view: 'passkeys' },
  { pattern: /^#\/outbox$/, view: 'outbox' },
  { pattern: /^#\/lookup$/, view: 'lookup', tile: 'lookup' },
  { pattern: /^#\/approvals$/, view: 'approvals', tile: 'approvals' },
  { pattern: /^#\/users$/, view: 'users', tile: 'users' },
  { pattern: /^#\/receive(?:\/(\d+))?$/, view: 'receive', tile: 'receive' },
  { pattern: /^#\/returns$/, view: 'returns', tile: 'returns' },
  { pattern: /^#\/move$/, view: 'move', tile: 'move' },
  { pattern: /^#\/quarantine$/, view: 'quarantine', permission: 'stock.adjust' },
  // stocktakes: count bin by bin, and the manager's review per place
  { pattern: /^#\/count(?:\/(\d+))?$/, view: 'count', tile: 'count' },
  { pattern: /^#\/count\/(\d+)\/review$/, view: 'count-review', permission: 'approvals.decide' },
  // transfers: incoming, a new one, one being received
  { pattern: /^#\/transfer(?:\/(new|\d+))?$/, view: 'transfer', tile: 'transfer' },
  { pattern: /^#\/pick(?:\/(\d+(?:,\d+)*))?(?:\/(ship))?$/, view: 'pick', tile: 'pick' },
  // low-stock alerts and notification settings
  { pattern: /^#\/alerts(?:\/(\d+))?$/, view: 'alerts', tile: 'alerts' },
  { pattern: /^#\/notifications$/, view: 'notifications', tile: 'notifications' },
  // imports and exports: a section of the back office (office/sections.js), behind its own tile's
  // permission (before the back office's own route, which would take the same path)
  { pattern: /^#\/office\/(import)$/, view: 'office', tile: 'import' },
  // the back office: #/office/<section>[/<id> or new] (sections in office/sections.js)
  { pattern: /^#\/office(?:\/([a-z-]+)(?:\/(new|\d+))?)?$/, view: 'office', tile: 'office' },
];
const shell = { blocked: false, cleanup: null, queued: 0, renders: 0, stale: false, update: null };

function match(hash) {
  for (const candidate of ROUTES) {
    const found = candidate.pattern.exec(hash);
    if (found) return { ...candidate, params: found.slice(1) };
  }
  return null;
}

async function route() {
  const hash = location.hash || '#/';
  const found = match(hash);
  if (!found) return navigate('#/');
  if (!found.open && !session.me()) {
    rememberNext(hash);
    return navigate('#/signin');
  }
  const needs = tile(found.tileFromParam ? found.params[0] : found.tile);
  const permission = needs?.permission || found.permission;
  const name = permission && !session.can(permission) ? 'forbidden' : found.view;
  const render = ++shell.renders;
  const module = await import(`./views/${name}.js`);
  if (render !== shell.renders) return undefined; // a newer navigation won
  if (shell.cleanup) shell.cleanup();
  const view = document.getElementById('view');
  view.replaceChildren();
  shell.cleanup = (await module.render(view, { params: found.params, tile: needs })) || null;
  document.title = `${view.querySelector('h1')?.textContent || t('app.name')} · ${t('app.name')}`;
  // A view that focused its own field (a scan screen's code field) keeps it.
  if (!view.contains(document.activeElement)) view.querySelector('h1')?.focus({ preventScroll: true });
  return undefined;
}

async function renderChrome() {
  document.querySelector('.brand').textContent = t('app.name');
  const net = document.getElementById('net');
  net.textContent = navigator.onLine ? t('net.online') : t('net.offline');
  net.classList.toggle('chip-warn', !navigator.onLine);
  renderLive();
  const lang = document.getElementById('lang');
  lang.textContent = language() === 'en' ? '中文' : 'EN';
  lang.setAttribute('aria-label', t('lang.switch'));
  if (shell.stale) return renderBanners(); // the database is a newer version's: nothing to read
  const rows = await outbox.entries();
  const failed = rows.filter((row) => row.status === 'failed').length;
  const badge = document.getElementById('outbox-badge');
  badge.hidden = rows.length === 0;
  badge.textContent = failed ? t('outbox.badge_failed', { n: failed }) : t('outbox.badge', { n: rows.length });
  badge.classList.toggle('chip-bad', failed > 0);
  shell.queued = rows.length;
  return renderBanners();
}

function renderLive() {
  const chip = document.getElementById('live');
  const state = live.state();
  chip.dataset.state = state;
  chip.textContent = t(`live.${state === 'live' ? 'live' : state === 'connecting' ? 'connecting' : 'off'}`);
  chip.title = t(state === 'live' ? 'live.title_live' : 'live.title_off');
  chip.hidden = !session.me();
  chip.classList.toggle('chip-warn', state !== 'live' && Boolean(session.me()));
}

// Live updates after the first paint, once signed in (the socket signs in with the cookie).
function startLive() {
  if (!session.me()) {
    live.stop();
    return;
  }
  const begin = () => live.start().catch((error) => console.warn('live:', error));
  if ('requestIdleCallback' in window) requestIdleCallback(begin, { timeout: 2000 });
  else setTimeout(begin, 200);
}

function banner(kind, text, action, onclick) {
  return h('div', { class: `banner banner-${kind}`, role: 'alert' },
    h('span', {}, text), action ? h('button', { type: 'button', onclick }, action) : null);
}

function renderBanners() {
  const queued = shell.queued;
  const paused = outbox.status().paused;
  const list = [];
  if (shell.blocked) list.push(banner('warn', t('banner.blocked')));
  if (shell.stale) list.push(banner('info', t('banner.stale'), t('banner.reload'), () => location.reload()));
  if (session.isExpired() || paused?.reason === 'auth') {
    list.push(banner('warn', t('banner.expired', { n: queued }), t('signin.again'),
      () => navigate('#/signin')));
  } else if (paused?.reason === 'user') {
    list.push(banner('warn', t('banner.other_user', { name: paused.userName || '?', n: queued })));
  }
  if (shell.update) {
    list.push(banner('info', t('banner.update'), t('banner.reload'), () => {
      shell.updateAccepted = true;
      shell.update.postMessage('skip-waiting');
    }));
  }
  replace(document.getElementById('banners'), list);
}

function offerUpdate(worker) {
  shell.update = worker;
  renderChrome();
}

async function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    // Only a reload the user asked for; the very first install just takes control.
    if (shell.updateAccepted) location.reload();
  });
  // A tapped notification asks the open app to show its screen.
  navigator.serviceWorker.addEventListener('message', (event) => {
    if (event.data?.type === 'open' && typeof event.data.url === 'string') {
      navigate(new URL(event.data.url, location.href).hash || '#/');
    }
  });
  const registration = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
  if (registration.waiting && navigator.serviceWorker.controller) offerUpdate(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const worker = registration.installing;
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed' && navigator.serviceWorker.controller) offerUpdate(worker);
    });
  });
}

async function boot() {
  document.getElementById('lang').addEventListener('click', () => {
    setLanguage(language() === 'en' ? 'zh-CN' : 'en');
  });
  registerServiceWorker().catch((error) => console.warn('service worker:', error));
  // Until an older tab lets go of the database, nothing can be read: say why the app waits.
  db.events.addEventListener('blocked', () => {
    shell.blocked = true;
    renderBanners();
  });
  db.events.addEventListener('stale', () => {
    shell.stale = true;
    renderBanners();
  });
  db.events.addEventListener('open', () => {
    if (!shell.blocked) return;
    shell.blocked = false;
    renderChrome();
  });
  await session.load();
  outbox.events.addEventListener('change', renderChrome);
  live.events.addEventListener('state', renderLive);
  session.events.addEventListener('change', () => {
    renderChrome();
    startLive();
    if (!session.me() && !match(location.hash || '#/')?.open) route();
  });
  i18nEvents.addEventListener('change', () => {
    renderChrome();
    route();
    if (push.subscribed()) push.rememberWords(); // notifications follow the language
  });
  window.addEventListener('online', renderChrome);
  window.addEventListener('offline', renderChrome);
  window.addEventListener('hashchange', route);
  outbox.start();
  await renderChrome();
  await route();
  document.body.dataset.ready = 'true';
  startLive();
}

boot();
