// Stocktap's service worker: listeners only; the strategies live in js/sw/strategies.js.
// The server fills in the build version and the shell file list as it serves this file.
importScripts('/js/sw/strategies.js', '/js/sw/notifications.js');

const BUILD_VERSION = '__BUILD_VERSION__';
const SHELL_FILES = ["__SHELL_FILES__"];
const SHELL_CACHE = `stocktap-shell-${BUILD_VERSION}`;
// The camera decoder is not precached (1 MB): kept on first use, by its own version, so a
// shell update does not download it again.
const DECODER_FILES = ["__DECODER_FILES__"];
const DECODER_CACHE = `stocktap-decoder-__DECODER_VERSION__`;

self.addEventListener('install', (event) => {
  event.waitUntil(precacheShell(SHELL_CACHE, SHELL_FILES));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(keepOnlyCaches([SHELL_CACHE, DECODER_CACHE, DATA_CACHE, NOTIFY_CACHE]).then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  if (DECODER_FILES.includes(new URL(event.request.url).pathname)) {
    event.respondWith(keptOnFirstUse(event.request, DECODER_CACHE));
    return;
  }
  const strategy = strategyFor(event.request, SHELL_FILES);
  if (strategy) event.respondWith(strategy(event.request, SHELL_CACHE));
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

// Web Push: low-stock alerts and approval requests (js/sw/notifications.js).
self.addEventListener('push', (event) => {
  event.waitUntil(showPushed(pushedData(event)));
});

self.addEventListener('notificationclick', (event) => {
  event.waitUntil(openFromNotification(event.notification, event.action));
});
