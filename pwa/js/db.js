// The device's IndexedDB: the outbox and a small key-value store, through idb's promises.
// Schema changes are cumulative `if (oldVersion < n)` steps, so any old database upgrades
// through each one.
import { openDB } from '/vendor/idb.js';

const NAME = 'stocktap';
const VERSION = 2;
/**
 * Fired as 'blocked' while another tab holds an older database open, 'open' once it is open,
 * and 'stale' when another tab upgraded it past this page's version (only a reload helps).
 */
export const events = new EventTarget();
let opening = null;

function upgrade(db, oldVersion) {
  if (oldVersion < 1) {
    const outbox = db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
    outbox.createIndex('opId', 'opId', { unique: true });
    db.createObjectStore('meta');
  }
  if (oldVersion < 2) {
    // The device's offline copy of server data, one record per dataset (devicecopy.js).
    db.createObjectStore('devicecopy', { keyPath: 'name' });
  }
}

/** The open database (opened once per page, and again after another tab made it close). */
export function openDb() {
  if (opening) return opening;
  const attempt = openDB(NAME, VERSION, {
    upgrade,
    // The open waits (it does not fail) until the older tab closes the database.
    blocked: () => events.dispatchEvent(new Event('blocked')),
    // Another tab with a newer app wants to upgrade: step aside instead of blocking it.
    blocking: (_current, next, event) => {
      event.target.close();
      forget(attempt);
      if (next) events.dispatchEvent(new Event('stale')); // null: the database is being deleted
    },
    terminated: () => forget(attempt), // closed by the browser (storage cleared): open again
  });
  attempt.then(() => events.dispatchEvent(new Event('open')), (error) => {
    forget(attempt);
    if (error.name === 'VersionError') events.dispatchEvent(new Event('stale'));
  });
  opening = attempt;
  return attempt;
}

function forget(attempt) {
  if (opening === attempt) opening = null;
}

/**
 * Run `work(store)` in one transaction on `storeName` (idb's store: its calls return promises);
 * resolves with its value once the transaction has committed. Only IndexedDB calls belong
 * inside: never await the network here.
 */
export async function inStore(storeName, mode, work) {
  const db = await openDb();
  const tx = db.transaction(storeName, mode);
  try {
    const value = await work(tx.store);
    await tx.done;
    return value;
  } catch (error) {
    tx.done.catch(() => {}); // the abort below (or the failed request) rejects it too
    try {
      tx.abort();
    } catch {
      // already finished
    }
    throw error;
  }
}

/** Read one value of the key-value store. */
export function getMeta(key) {
  return inStore('meta', 'readonly', (store) => store.get(key));
}

/** Write (or with undefined, delete) one value of the key-value store. */
export function setMeta(key, value) {
  return inStore('meta', 'readwrite', (store) => (
    value === undefined ? store.delete(key) : store.put(value, key)));
}
