// The outbox: every write is stored on the device first, with its operation id, and then
// sent in order (first in, first out). The server's Idempotency-Key handling makes a resend
// of the same operation harmless, so a write whose answer was lost is simply sent again.
//
//   2xx                 -> removed from the outbox
//   network, 408/429/5xx -> stays queued; retried with backoff (and at once when back online)
//   401                 -> the queue pauses and asks to sign in again; resumes after sign-in
//   other 4xx           -> marked failed with the server's reason, kept in its place; the user
//                          retries, fixes or discards it
//
// A failed entry holds back only the entries that depend on it: each entry carries dependency
// keys (set by the screen that queues it: the document, the product and bin it touches), and
// a later entry sharing a key with a failed or held one waits; unrelated writes go on. Without
// keys an entry depends on its own URL only.
//
// When more than one entry is ready, they go BATCH_SIZE at a time in one POST /api/v1/batch
// (in queue order, each with its own op id as its Idempotency-Key); each answer settles its
// entry exactly as a single send would. An entry names, in `after`, the earlier ones of its
// batch it shares a key with, so the server skips it (424) when one of them is refused and it
// stays queued behind that one. A server without the endpoint gets single sends; a batch
// answered 5xx or not at all is retried later, as a single send would be.
import { ApiError, request } from './api.js';
import { events as dbEvents, inStore } from './db.js';
import { newId } from './device.js';
import * as session from './session.js';

export const events = new EventTarget();
const RETRYABLE = new Set([408, 429]);
const BASE_DELAY_MS = 1000;
const MAX_DELAY_MS = 60000;
const BATCH_SIZE = 100;
const BATCH_URL = '/api/v1/batch';
const state = { paused: null, sending: null, retryAt: null, progress: null };
const channel = 'BroadcastChannel' in self ? new BroadcastChannel('stocktap-outbox') : null;
let timer = null;
let running = false;
let again = false;
let batches = true; // false once the server answered that it has no batch endpoint

/**
 * Queue state: paused ({reason: 'auth'|'user'|'stale', userName}), the op being sent, next
 * retry, and the progress of the current drain ({done, total} while more than one is sent).
 */
export function status() {
  return { ...state, online: navigator.onLine };
}

function changed(detail = {}, broadcast = true) {
  events.dispatchEvent(new CustomEvent('change', { detail }));
  if (broadcast && channel) channel.postMessage(detail.queued ? 'queued' : 'change');
}

/**
 * Run `work` (async) whenever the queue changes, never twice at once: a batch's hundred answers
 * are a hundred changes, and a list is redrawn after they have landed, not a hundred times.
 * Returns the runner (call it to run now); its stop() stops following.
 */
export function follow(work) {
  let running = null;
  let dirty = false;
  const run = async () => {
    if (running) {
      dirty = true;
      return running;
    }
    running = (async () => {
      do {
        dirty = false;
        await work();
      } while (dirty);
    })();
    try {
      await running;
    } finally {
      running = null;
    }
  };
  events.addEventListener('change', run);
  run.stop = () => events.removeEventListener('change', run);
  return run;
}

/** All entries, oldest first. */
export function entries() {
  return inStore('outbox', 'readonly', (store) => store.getAll());
}

/** The entries that may be sent now, oldest first: neither failed nor held behind a failed one. */
async function ready() {
  const rows = await entries();
  const held = heldBy(rows);
  return rows.filter((entry) => entry.status !== 'failed' && !held.has(entry.opId));
}

function put(entry) {
  return inStore('outbox', 'readwrite', (store) => store.put(entry));
}

function byOpId(opId) {
  return inStore('outbox', 'readonly', (store) => store.index('opId').get(opId));
}

/**
 * Store a write, then try to send it. `label` is {key, vars} for the user's list; `opId`
 * may be chosen by the caller to follow the entry.
 * Resolves to the stored entry (its opId is the Idempotency-Key).
 */
export async function enqueue({ method = 'POST', url, body = {}, label, opId = newId(), deps, fix }) {
  const user = session.user();
  const entry = {
    opId, method, url, body, label: label || { key: 'op.generic', vars: { url } },
    deps: deps?.length ? deps.map(String) : [url], fix: fix || null,
    userId: user?.id ?? null, userName: user?.display_name ?? null,
    createdAt: new Date().toISOString(), status: 'queued', attempts: 0, error: null,
  };
  entry.seq = await inStore('outbox', 'readwrite', (store) => store.add(entry));
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

/**
 * Re-target a failed entry (another PO line, another bin) and send it again. A changed URL or
 * body is a new operation, so it gets a new op id; an unchanged one keeps its id (a resend).
 * It keeps its place in the queue. Resolves to the stored entry.
 */
export async function fix(opId, { url, body, deps, label }) {
  const entry = await byOpId(opId);
  if (!entry) return null;
  const next = { ...entry, url: url ?? entry.url, body: body ?? entry.body, deps: deps ?? entry.deps,
    label: label ?? entry.label, status: 'queued', error: null, attempts: 0 };
  const changedWrite = next.url !== entry.url || JSON.stringify(next.body) !== JSON.stringify(entry.body);
  if (changedWrite) Object.assign(next, { opId: newId(), replaces: entry.opId });
  await put(next);
  changed({ fixed: entry.opId, opId: next.opId });
  kick();
  return next;
}

/**
 * For each entry held back, the op id of the failed entry it waits for: a failed entry's keys
 * are blocked, and so are the keys of every entry held behind it (order within a chain holds).
 */
export function heldBy(rows) {
  const blocked = new Map();
  const held = new Map();
  for (const entry of rows) {
    const deps = entry.deps || [entry.url];
    const blocker = deps.map((key) => blocked.get(key)).find(Boolean);
    const root = entry.status === 'failed' ? entry.opId : blocker;
    if (entry.status !== 'failed' && blocker) held.set(entry.opId, blocker);
    if (root) deps.forEach((key) => { if (!blocked.has(key)) blocked.set(key, root); });
  }
  return held;
}

/** Drop an entry for good (the user decided it should not be sent). */
export async function discard(opId) {
  const entry = await byOpId(opId);
  if (entry) await inStore('outbox', 'readwrite', (store) => store.delete(entry.seq));
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
  try {
    for (;;) {
      if (!navigator.onLine || state.paused) return;
      const rows = await ready();
      if (!rows.length) return;
      const user = session.user()?.id ?? null;
      const others = rows.findIndex((entry) => entry.userId !== null && entry.userId !== user);
      const mine = others === -1 ? rows : rows.slice(0, others);
      if (!mine.length) {
        pause({ reason: 'user', userName: rows[0].userName });
        return;
      }
      track(mine.length);
      const group = batches ? batchable(mine) : [];
      const outcome = group.length > 1 ? await sendBatch(group, csrfRetried) : await send(mine[0], csrfRetried);
      // A refusal holds back only its dependants (ready() skips them); waiting or paused stops.
      if (!['sent', 'again', 'failed'].includes(outcome)) return;
    }
  } finally {
    // The drain is over (all sent, offline, paused or refused): its progress goes with it, so
    // an offline phone says "12 waiting", not "0 of 12 sent"; the next drain counts afresh.
    if (state.progress) {
      state.progress = null;
      changed({}, false);
    }
  }
}

/** Count the entries sent in this drain against how many were waiting: "312 of 640 sent". */
function track(waiting) {
  const done = state.progress?.done ?? 0;
  state.progress = { done, total: done + waiting };
}

function sentOne() {
  if (state.progress) state.progress = { ...state.progress, done: state.progress.done + 1 };
}

/** The leading entries a batch can carry (writes under /api/v1/ without a query), up to BATCH_SIZE. */
function batchable(rows) {
  const fits = (entry) => entry.method !== 'GET' && entry.url.startsWith('/api/v1/') && !entry.url.includes('?')
    && !entry.alone;
  const end = rows.findIndex((entry) => !fits(entry));
  return rows.slice(0, Math.min(end === -1 ? rows.length : end, BATCH_SIZE));
}

/** One batch: each entry's answer settles it as a single send's would. */
async function sendBatch(group, csrfRetried) {
  const keysSeen = new Map();
  const operations = group.map((entry) => {
    const deps = entry.deps || [entry.url];
    const after = [...new Set(deps.map((key) => keysSeen.get(key)).filter(Boolean))];
    deps.forEach((key) => keysSeen.set(key, entry.opId));
    return { id: entry.opId, method: entry.method, path: entry.url, idempotency_key: entry.opId,
      body: entry.body ?? {}, after };
  });
  state.sending = group[0].opId;
  changed({}, false);
  let answers;
  try {
    answers = (await request('POST', BATCH_URL, { body: { operations } })).data.results;
  } catch (error) {
    if (error.status === 404 || error.status === 405) {
      batches = false; // an older server: one at a time
      return 'again';
    }
    if (error.status === 422 || error.status === 413) {
      // The batch as a whole was refused (an entry it cannot carry): its first goes alone.
      await put({ ...group[0], alone: true });
      return 'again';
    }
    return settle(group[0], error, csrfRetried);
  } finally {
    state.sending = null;
  }
  const byId = new Map(group.map((entry) => [entry.opId, entry]));
  const sent = answers.filter((answer) => answer.status < 300);
  // The sent ones leave the queue in one transaction (not a hundred: a list being redrawn
  // reads the store between them), then each is announced as a single send announces it.
  await inStore('outbox', 'readwrite', (store) => Promise.all(sent.map((answer) => store.delete(byId.get(answer.id).seq))));
  const outcomes = sent.map(() => 'sent');
  for (const answer of sent) {
    sentOne();
    changed({ sent: answer.id, response: answer.body });
  }
  for (const answer of answers.filter((each) => each.status >= 300)) {
    const entry = byId.get(answer.id);
    if (answer.body?.error?.code === 'dependency_failed') {
      outcomes.push('sent'); // stays queued, held behind the refused entry it names
    } else if (answer.body?.error?.code === 'not_batchable') {
      await put({ ...entry, alone: true });
      outcomes.push('again');
    } else {
      const error = new ApiError(answer.status, { ...answer.body?.error });
      outcomes.push(await settle(entry, error, csrfRetried));
    }
  }
  return outcomes.find((outcome) => !['sent', 'again', 'failed'].includes(outcome))
    || (outcomes.includes('again') ? 'again' : 'sent');
}

async function send(entry, csrfRetried) {
  state.sending = entry.opId;
  changed({}, false);
  try {
    const response = await request(entry.method, entry.url, { body: entry.body, opId: entry.opId });
    await inStore('outbox', 'readwrite', (store) => store.delete(entry.seq));
    sentOne();
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
  // Another tab upgraded the database: this page's code cannot read it until it reloads.
  dbEvents.addEventListener('stale', () => pause({ reason: 'stale' }));
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
