// Stocktap's service worker: listeners only; the strategies live in js/sw/strategies.js.
// The server fills in the build version and the shell file list as it serves this file.
importScripts('/js/sw/strategies.js');

const BUILD_VERSION = '__BUILD_VERSION__';
const SHELL_FILES = ["__SHELL_FILES__"];
const SHELL_CACHE = `stocktap-shell-${BUILD_VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(precacheShell(SHELL_CACHE, SHELL_FILES));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(keepOnlyCaches([SHELL_CACHE, DATA_CACHE]).then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const strategy = strategyFor(event.request, SHELL_FILES);
  if (strategy) event.respondWith(strategy(event.request, SHELL_CACHE));
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});
