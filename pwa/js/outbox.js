// The outbox: every write is stored on the device first, with its operation id, and then
// sent in order (first in, first out). The server's Idempotency-Key handling makes a resend
// of the same operation harmless, so a write whose answer was lost is simply sent again.
//
//   2xx                 -> removed from the outbox
//   network, 408/429/5xx -> stays queued; retried with backoff (and at once when back online)
//   401                 -> the queue pauses and asks to sign in again; resumes after sign-in
//   other 4xx           -> marked failed with the server's reason, kept at the head; the user
//                          retries or discards it (later entries wait behind it)
import { request } from './api.js';
import { inStore, result } from './db.js';
import { newId } from './device.js';
import * as session from './session.js';

export const events = new EventTarget();
const RETRYABLE = new Set([408, 429]);
const BASE_DELAY_MS = 1000;
const MAX_DELAY_MS = 60000;
const state = { paused: null, sending: null, retryAt: null };
const channel = 'BroadcastChannel' in self ? new BroadcastChannel('stocktap-outbox') : null;
let timer = null;
let running = false;
let again = false;

/** Queue state: paused ({reason: 'auth'|'user', userName}), the op being sent, next retry. */
export function status() {
  return { ...state, online: navigator.onLine };
}

function changed(detail = {}, broadcast = true) {
  events.dispatchEvent(new CustomEvent('change', { detail }));
  if (broadcast && channel) channel.postMessage(detail.queued ? 'queued' : 'change');
}

/** All entries, oldest first. */
export function entries() {
  return inStore('outbox', 'readonly', (store) => result(store.getAll()));
}

function head() {
  return inStore('outbox', 'readonly', (store) => result(store.getAll(null, 1)))
    .then((rows) => rows[0] || null);
}

function put(entry) {
  return inStore('outbox', 'readwrite', (store) => result(store.put(entry)));
}

function byOpId(opId) {
  return inStore('outbox', 'readonly', (store) => result(store.index('opId').get(opId)));
}

/**
 * Store a write, then try to send it. `label` is {key, vars} for the user's list; `opId`
 * may be chosen by the caller to follow the entry.
 * Resolves to the stored entry (its opId is the Idempotency-Key).
 */
export async function enqueue({ method = 'POST', url, body = {}, label, opId = newId() }) {
  const user = session.user();
  const entry = {
    opId, method, url, body, label: label || { key: 'op.generic', vars: { url } },
    userId: user?.id ?? null, userName: user?.display_name ?? null,
    createdAt: new Date().toISOString(), status: 'queued', attempts: 0, error: null,
  };
  entry.seq = await inStore('outbox', 'readwrite', (store) => result(store.add(entry)));
  changed({ queued: entry.opId });
  kick();
  return entry;
}

/** Put a failed (or waiting) entry back in line and send now. */
export async function retry(opId) {
  const entry = await byOpId(opId);
  if (entry) await put({ ...entry, status: 'queued', error: null, attempts: 0 });
  changed();
  kick();
}

/** Drop an entry for good (the user decided it should not be sent). */
export async function discard(opId) {
  const entry = await byOpId(opId);
  if (entry) await inStore('outbox', 'readwrite', (store) => result(store.delete(entry.seq)));
  changed({ discarded: opId });
  kick();
}

/** Try to send now (cancels a pending backoff). */
export function kick() {
  clearTimeout(timer);
  timer = null;
  state.retryAt = null;
  drain();
}

async function drain() {
  if (running) {
    again = true;
    return;
  }
  running = true;
  try {
    do {
      again = false;
      // One tab at a time sends; the others wait for the lock and then find less to do.
      await (navigator.locks ? navigator.locks.request('stocktap-outbox', sendAll) : sendAll());
    } while (again);
  } finally {
    running = false;
  }
}

async function sendAll() {
  const csrfRetried = new Set();
  for (;;) {
    if (!navigator.onLine || state.paused) return;
    const entry = await head();
    if (!entry || entry.status === 'failed') return;
    if (entry.userId !== null && entry.userId !== (session.user()?.id ?? null)) {
      pause({ reason: 'user', userName: entry.userName });
      return;
    }
    const outcome = await send(entry, csrfRetried);
    if (outcome !== 'sent' && outcome !== 'again') return;
  }
}

async function send(entry, csrfRetried) {
  state.sending = entry.opId;
  changed({}, false);
  try {
    const response = await request(entry.method, entry.url, { body: entry.body, opId: entry.opId });
    await inStore('outbox', 'readwrite', (store) => result(store.delete(entry.seq)));
    changed({ sent: entry.opId, response: response.data });
    return 'sent';
  } catch (error) {
    return settle(entry, error, csrfRetried);
  } finally {
    state.sending = null;
  }
}

async function settle(entry, error, csrfRetried) {
  const attempts = entry.attempts + 1;
  const noted = { ...entry, attempts, error: error.toJSON(), lastTriedAt: new Date().toISOString() };
  if (error.status === 401) {
    await put(noted);
    pause({ reason: 'auth' });
    session.markExpired();
    return 'paused';
  }
  // A stale CSRF token (e.g. the session was renewed elsewhere): fetch a fresh one, once.
  if (error.status === 403 && /csrf/i.test(error.code) && !csrfRetried.has(entry.opId)) {
    csrfRetried.add(entry.opId);
    if (await session.refresh()) return 'again';
  }
  if (error.status === 0 || error.status >= 500 || RETRYABLE.has(error.status)) {
    await put(noted);
    scheduleRetry(attempts);
    changed();
    return 'waiting';
  }
  await put({ ...noted, status: 'failed' });
  changed({ failed: entry.opId, error: noted.error });
  return 'failed';
}

function scheduleRetry(attempts) {
  const delay = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (attempts - 1)) * (0.8 + Math.random() * 0.4);
  clearTimeout(timer);
  state.retryAt = Date.now() + delay;
  timer = setTimeout(kick, delay);
}

function pause(paused) {
  state.paused = paused;
  changed({}, false);
}

function resume() {
  state.paused = null;
  changed({}, false);
  kick();
}

/** Start syncing: on load, when back online, after sign-in, and when another tab queues. */
export function start() {
  window.addEventListener('online', kick);
  window.addEventListener('offline', () => changed({}, false));
  session.events.addEventListener('signed-in', resume);
  session.events.addEventListener('change', () => {
    if (state.paused?.reason === 'user') resume();
  });
  if (channel) {
    // Only new work makes this tab try; echoing every change would make tabs retry each other.
    channel.onmessage = (event) => {
      changed({}, false);
      if (event.data === 'queued') kick();
    };
  }
  kick();
}
