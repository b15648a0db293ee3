// The device's IndexedDB: the outbox and a small key-value store. Schema changes are
// cumulative `if (oldVersion < n)` steps, so any old database upgrades through each one.

const NAME = 'stocktap';
const VERSION = 2;
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

/** The open database (opened once per page). */
export function openDb() {
  if (!opening) {
    opening = new Promise((resolve, reject) => {
      const req = indexedDB.open(NAME, VERSION);
      req.onupgradeneeded = (event) => upgrade(req.result, event.oldVersion);
      req.onsuccess = () => {
        const db = req.result;
        // Another tab with a newer app wants to upgrade: step aside instead of blocking it.
        db.onversionchange = () => {
          db.close();
          opening = null;
        };
        resolve(db);
      };
      req.onerror = () => reject(req.error);
      req.onblocked = () => reject(new Error('The database is held open by an older tab.'));
    });
  }
  return opening;
}

/** A request's result as a promise. */
export function result(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/**
 * Run `work(store)` in one transaction on `storeName`; resolves with its value once the
 * transaction has committed. Only IndexedDB calls belong inside: never await the network here.
 */
export async function inStore(storeName, mode, work) {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(storeName, mode);
    let value;
    Promise.resolve(work(tx.objectStore(storeName))).then((v) => { value = v; }, (error) => {
      tx.abort();
      reject(error);
    });
    tx.oncomplete = () => resolve(value);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error || new Error('transaction aborted'));
  });
}

/** Read one value of the key-value store. */
export function getMeta(key) {
  return inStore('meta', 'readonly', (store) => result(store.get(key)));
}

/** Write (or with undefined, delete) one value of the key-value store. */
export function setMeta(key, value) {
  return inStore('meta', 'readwrite', (store) => result(
    value === undefined ? store.delete(key) : store.put(value, key)));
}
