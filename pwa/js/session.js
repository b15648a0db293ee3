// Who is signed in on this device: /auth/me, kept on the device for offline starts.
import { request, setCsrfToken } from './api.js';
import { getMeta, setMeta } from './db.js';
import * as devicecopy from './devicecopy.js';

const ME_URL = '/api/v1/auth/me';
export const events = new EventTarget();
const state = { me: null, confirmed: false, expired: false, asOf: null };

/** The /me body ({user, permissions, csrf_token}) or null. */
export function me() {
  return state.me;
}

/** The signed-in user or null. */
export function user() {
  return state.me?.user || null;
}

/** Whether the signed-in user holds `permission` (the server checks again on every request). */
export function can(permission) {
  return Boolean(state.me?.permissions?.includes(permission));
}

/** True once the server said 401: the device keeps working but must sign in to sync. */
export function isExpired() {
  return state.expired;
}

/** When the session shown comes from the device's copy (offline start), the time it was saved. */
export function asOf() {
  return state.confirmed ? null : state.asOf;
}

function apply(body, confirmed, at) {
  state.me = body;
  state.confirmed = confirmed;
  state.expired = false;
  state.asOf = at;
  setCsrfToken(body?.csrf_token);
}

function announce(name) {
  events.dispatchEvent(new Event(name));
  if (name !== 'change') events.dispatchEvent(new Event('change'));
}

async function remember(body) {
  const at = new Date().toISOString();
  await setMeta('me', { body, at });
  apply(body, true, at);
}

/** Ask the server who is signed in; offline, fall back to the copy kept on the device. */
export async function load() {
  try {
    const { data } = await request('GET', ME_URL);
    await remember(data);
  } catch (error) {
    if (error.status && error.status < 500) {
      await forget();
    } else {
      const saved = await getMeta('me');
      apply(saved?.body || null, false, saved?.at || null);
    }
  }
  announce('change');
  return state.me;
}

/** Re-read /me from the server (fresh CSRF token); false when signed out or offline. */
export async function refresh() {
  try {
    const { data, fromCache } = await request('GET', ME_URL);
    if (fromCache) return false;
    await remember(data);
    return true;
  } catch (error) {
    if (error.status === 401) markExpired();
    return false;
  }
}

/** A ceremony succeeded: the server's /me body becomes the session. */
export async function signedIn(body) {
  await remember(body);
  announce('signed-in');
}

/** The server answered 401: ask the user to sign in again (queued work waits). */
export function markExpired() {
  if (state.expired) return;
  state.expired = true;
  announce('expired');
}

async function clearDataCaches() {
  if (!('caches' in self)) return;
  const names = await caches.keys();
  await Promise.all(names.filter((n) => n.startsWith('stocktap-data')).map((n) => caches.delete(n)));
}

/** Drop the session and everything cached for it from this device. */
export async function forget() {
  await setMeta('me', undefined);
  await clearDataCaches();
  await devicecopy.clear(); // the next user may work in other warehouses
  apply(null, false, null);
}

/** Sign out here (or everywhere); the device forgets the session even when offline. */
export async function signOut(everywhere = false) {
  let error = null;
  try {
    await request('POST', `/api/v1/auth/${everywhere ? 'logout-everywhere' : 'logout'}`, { body: {} });
  } catch (failure) {
    if (failure.status !== 401) error = failure;
  }
  await forget();
  announce('change');
  if (error) throw error;
}
