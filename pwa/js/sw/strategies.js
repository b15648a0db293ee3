// Caching strategies for the service worker (a classic script, loaded with importScripts).
// The shell cache is per build; the data cache outlives builds so offline data survives an
// update, and is cleared on sign-out by the page.
/* exported DATA_CACHE, precacheShell, keepOnlyCaches, keptOnFirstUse, strategyFor */

const DATA_CACHE = 'stocktap-data-v1';
const FETCHED_AT = 'X-Stocktap-Fetched-At';
const FROM_CACHE = 'X-Stocktap-From-Cache';
// After this long without an answer, a cached copy (if any) is shown instead of waiting.
const NETWORK_PATIENCE_MS = 6000;

/** Download every shell file into this build's cache, past the HTTP cache. */
async function precacheShell(cacheName, urls) {
  const cache = await caches.open(cacheName);
  await cache.addAll(urls.map((url) => new Request(url, { cache: 'no-cache' })));
}

/** Delete every cache but the named ones (older builds' shells). */
async function keepOnlyCaches(keep) {
  const names = await caches.keys();
  await Promise.all(names.filter((name) => !keep.includes(name)).map((name) => caches.delete(name)));
}

/** The shell: the cached copy, else the network (a navigation to / gets the cached index). */
async function shellCacheFirst(request, shellCache) {
  const cache = await caches.open(shellCache);
  const url = new URL(request.url);
  const key = request.mode === 'navigate' ? '/' : url.pathname;
  return (await cache.match(key, { ignoreSearch: true })) || fetch(request);
}

/** The cached copy, else the network, keeping what it gives (the camera decoder). */
async function keptOnFirstUse(request, cacheName) {
  const cache = await caches.open(cacheName);
  const cached = await cache.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

function stamped(response) {
  const headers = new Headers(response.headers);
  headers.set(FETCHED_AT, new Date().toISOString());
  headers.set(FROM_CACHE, '1');
  return response.blob().then((body) => new Response(body, {
    status: response.status, statusText: response.statusText, headers,
  }));
}

function patience(ms) {
  return new Promise((resolve) => { setTimeout(() => resolve(null), ms); });
}

/** API reads: the network, keeping a stamped copy; offline (or too slow), the last copy. */
async function apiNetworkFirst(request) {
  const cache = await caches.open(DATA_CACHE);
  const fromNetwork = fetch(request).then(async (response) => {
    if (response.ok) await cache.put(request, await stamped(response.clone()));
    return response;
  });
  fromNetwork.catch(() => {}); // answered from the cache meanwhile; the failure is not news
  try {
    const first = await Promise.race([fromNetwork, patience(NETWORK_PATIENCE_MS)]);
    if (first) return first;
    return (await cache.match(request)) || await fromNetwork;
  } catch (error) {
    const cached = await cache.match(request);
    if (cached) return cached;
    throw error;
  }
}

const OFFLINE_COPIES = ['/api/v1/device/', '/api/v1/floor/copy'];

/** Which strategy answers a request, or null to leave it to the browser. */
function strategyFor(request, shellFiles) {
  if (request.method !== 'GET') return null;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return null;
  if (url.pathname.startsWith('/api/v1/auth/')) return null; // sessions are never cached
  // The offline copies are kept in IndexedDB (devicecopy.js): a second copy here would be waste.
  if (OFFLINE_COPIES.some((path) => url.pathname.startsWith(path))) return null;
  if (url.pathname.startsWith('/api/v1/')) return apiNetworkFirst;
  if (request.mode === 'navigate' && url.pathname === '/') return shellCacheFirst;
  if (shellFiles.includes(url.pathname)) return shellCacheFirst;
  return null;
}
