// The device's offline copy of server data for the user's warehouses: named datasets, each
// fetched from one URL and kept in IndexedDB with the time it was fetched. Screens register
// what they need (the catalog, open POs, recent shipments) and read it back offline.
import { get as apiGet } from './api.js';
import { inStore } from './db.js';

/** Fired as 'change' with detail {name} when a dataset has been refreshed. */
export const events = new EventTarget();
const datasets = new Map();
const memory = new Map(); // name -> {name, data, fetchedAt}: reads after the first skip IndexedDB

/**
 * Declare a dataset: `register('catalog', '/api/v1/device/catalog')`. `shape(data)` may turn
 * the server's answer into what is stored (e.g. build look-up maps). Registering again replaces.
 */
export function register(name, url, { shape = (data) => data } = {}) {
  datasets.set(name, { url, shape });
}

/** The names registered so far. */
export function registered() {
  return [...datasets.keys()];
}

async function record(name) {
  if (memory.has(name)) return memory.get(name);
  const stored = await inStore('devicecopy', 'readonly', (store) => store.get(name));
  if (stored) memory.set(name, stored);
  return stored || null;
}

async function refreshOne(name) {
  const { url, shape } = datasets.get(name);
  const answer = await apiGet(url);
  // A dataset the service worker caches may come from its cache offline: older than ours, maybe.
  if (answer.fromCache) return false;
  const row = { name, url, data: shape(answer.data), fetchedAt: new Date().toISOString() };
  await inStore('devicecopy', 'readwrite', (store) => store.put(row));
  memory.set(name, row);
  events.dispatchEvent(new CustomEvent('change', { detail: { name } }));
  return true;
}

/**
 * Fetch the named datasets (all registered ones by default) and store them. Resolves to
 * {refreshed: [names], failed: {name: error}}; an offline device keeps its last copy.
 */
export async function refresh(names = registered()) {
  const refreshed = [];
  const failed = {};
  await Promise.all(names.filter((name) => datasets.has(name)).map(async (name) => {
    try {
      if (await refreshOne(name)) refreshed.push(name);
    } catch (error) {
      failed[name] = error;
    }
  }));
  return { refreshed, failed };
}

/** The stored data of a dataset, or null when the device has never fetched it. */
export async function get(name) {
  return (await record(name))?.data ?? null;
}

/** When the dataset was fetched (ISO time), or null. */
export async function age(name) {
  return (await record(name))?.fetchedAt ?? null;
}

/** Forget every dataset (sign-out: the next user may see other warehouses). */
export async function clear() {
  memory.clear();
  await inStore('devicecopy', 'readwrite', (store) => store.clear());
}
