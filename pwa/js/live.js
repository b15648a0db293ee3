// Live updates: one Socket.IO connection per tab (websocket only, so any worker of any host
// may take it), opened after the first paint. Screens subscribe to events by name; every
// event carries a "cursor" and is handed on once, also when it arrives both live and in the
// catch-up a reconnect makes.
//
//   import { onEvent, followDocument, state, events } from './live.js';
//   const stop = onEvent('stock.changed', (payload) => { ... });   // returns its unsubscribe
//   const leave = followDocument('purchase_order', 12);  // document.changed of one document
//   state()  -> 'off' | 'connecting' | 'live';  events fires 'state' when it changes
//
// Events (see backend/events/socket.py): stock.changed {product_id, location_id, warehouse_id,
// on_hand, warehouse_on_hand, available}, document.changed {type, id, number, status},
// approval.requested / approval.decided {id, kind, doc_type, doc_id, status} (only to who may
// read approvals in the approval's warehouse), stock.low,
// stock.restored, sync.outcome {device, size, applied, refused: [{id, status, code}]} (to the
// user's room after one of its batches). A view unsubscribes in its cleanup.
const VENDOR = '/vendor/socket.io.js';
const KEEP_SEEN = 2000; // cursors remembered to drop a second copy

export const events = new EventTarget();
const handlers = new Map(); // event name -> Set of functions
const documents = new Map(); // room -> how many screens follow it
const seen = new Set();
let socket = null;
let current = 'off';
let last = null; // the newest cursor handed on (or the server's head when we connected)
let catching = null; // live events that arrive between a drop and its catch-up wait for it
let resume = null; // the cursor to catch up from after a drop

function setState(next) {
  if (next === current) return;
  current = next;
  document.documentElement.dataset.live = next;
  events.dispatchEvent(new CustomEvent('state', { detail: next }));
}

/** 'off', 'connecting' or 'live'. */
export function state() {
  return current;
}

function handOn(name, payload) {
  const cursor = payload?.cursor;
  if (typeof cursor === 'number') {
    if (seen.has(cursor)) return;
    seen.add(cursor);
    if (seen.size > KEEP_SEEN) seen.delete(seen.values().next().value);
    last = last === null ? cursor : Math.max(last, cursor);
  }
  for (const fn of handlers.get(name) || []) {
    try {
      fn(payload);
    } catch (error) {
      console.warn('live handler', name, error);
    }
  }
}

function hear(name, payload) {
  if (catching) catching.push([name, payload]);
  else handOn(name, payload);
}

async function catchUp(after) {
  catching = catching || [];
  try {
    let answer = await socket.timeout(15000).emitWithAck('live.catch_up', { after });
    while (answer && !answer.error) {
      for (const event of answer.events) handOn(event.event, event.payload);
      if (answer.next === null) break;
      answer = await socket.timeout(15000).emitWithAck('live.catch_up', { after: answer.next, overlap: false });
    }
  } catch (error) {
    console.warn('live catch-up', error);
  } finally {
    const waiting = catching;
    catching = null;
    for (const [name, payload] of waiting) handOn(name, payload);
  }
}

function rejoin() {
  for (const room of documents.keys()) socket.emit('live.join', { room });
}

/** Subscribe to an event by name; returns the function that unsubscribes. */
export function onEvent(name, fn) {
  if (!handlers.has(name)) handlers.set(name, new Set());
  handlers.get(name).add(fn);
  return () => handlers.get(name)?.delete(fn);
}

/** Hear document.changed of one document (its room is checked on join); returns leave(). */
export function followDocument(type, id) {
  const room = `document:${type}:${id}`;
  documents.set(room, (documents.get(room) || 0) + 1);
  if (documents.get(room) === 1 && socket?.connected) socket.emit('live.join', { room });
  return () => {
    const n = (documents.get(room) || 1) - 1;
    if (n > 0) {
      documents.set(room, n);
      return;
    }
    documents.delete(room);
    if (socket?.connected) socket.emit('live.leave', { room });
  };
}

let starting = null;

/** Open the connection (the session cookie signs it in); call once the shell has painted. */
export function start() {
  if (!starting) starting = open();
  return starting;
}

async function open() {
  setState('connecting');
  const { io } = await import(VENDOR);
  if (!starting) return; // stopped meanwhile
  socket = io({ transports: ['websocket'], reconnectionDelayMax: 10000 });
  socket.onAny(hear);
  socket.on('connect', async () => {
    // The server has put us in our rooms: what is sent from now on reaches us.
    setState('live');
    rejoin();
    if (resume !== null) {
      const from = resume;
      resume = null;
      catchUp(from);
    } else if (last === null) {
      const hello = await socket.timeout(15000).emitWithAck('live.hello').catch(() => null);
      if (last === null && hello) last = hello.cursor; // the screens have just loaded
    }
  });
  socket.on('disconnect', () => {
    // What comes before the catch-up waits for it; it starts from what we had at the drop.
    if (resume === null && last !== null) {
      resume = last;
      catching = catching || [];
    }
    setState(navigator.onLine ? 'connecting' : 'off');
  });
  socket.on('connect_error', () => setState(navigator.onLine ? 'connecting' : 'off'));
}

// The network gone: nothing can arrive, whatever the socket has yet to notice.
window.addEventListener('offline', () => { if (socket) setState('off'); });
window.addEventListener('online', () => { if (socket) setState(socket.connected ? 'live' : 'connecting'); });

/** Close the connection (sign-out); a later start() opens a new one. */
export function stop() {
  socket?.disconnect();
  socket = null;
  starting = null;
  last = null;
  resume = null;
  catching = null;
  seen.clear();
  setState('off');
}
