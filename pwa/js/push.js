// Web Push on this device: ask for permission (only when the user taps to turn it on),
// subscribe with the server's key, send the subscription to the server, and leave the words
// of notifications in the user's language where the service worker finds them.
import { get, request } from './api.js';
import { t } from './i18n.js';

// The service worker reads these words (sw.js keeps this cache across updates).
export const WORDS_CACHE = 'stocktap-notify';
export const WORDS_URL = '/notify-words.json';
const WORD_KEYS = ['notify.low_title', 'notify.low_body', 'notify.approval_title',
  'notify.approval_body', 'notify.approve', 'notify.open'];
const SUBSCRIPTION_KEY = 'stocktap.push.subscription';

/** Whether this browser can receive push notifications at all. */
export function supported() {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

/** "granted", "denied", "default", or "unsupported". */
export function permission() {
  return supported() ? Notification.permission : 'unsupported';
}

/** Whether this device has sent a subscription to the server. */
export function subscribed() {
  return Boolean(localStorage.getItem(SUBSCRIPTION_KEY));
}

/** Store the notification words of the current language for the service worker. */
export async function rememberWords() {
  if (!('caches' in window)) return;
  const words = Object.fromEntries(WORD_KEYS.map((key) => [key, t(key)]));
  const cache = await caches.open(WORDS_CACHE);
  await cache.put(WORDS_URL, new Response(JSON.stringify(words),
    { headers: { 'Content-Type': 'application/json' } }));
}

function keyBytes(base64url) {
  const text = atob(base64url.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

/**
 * Ask for permission, subscribe and tell the server. Resolves to {ok: true} or
 * {ok: false, reason: 'unsupported' | 'denied' | 'subscribe' | 'server', error}.
 */
export async function enable() {
  if (!supported()) return { ok: false, reason: 'unsupported' };
  const answer = await Notification.requestPermission();
  if (answer !== 'granted') return { ok: false, reason: 'denied' };
  await rememberWords();
  let subscription;
  try {
    const { data } = await get('/api/v1/push/key');
    const registration = await navigator.serviceWorker.ready;
    subscription = await registration.pushManager.getSubscription()
      || await registration.pushManager.subscribe({ userVisibleOnly: true,
        applicationServerKey: keyBytes(data.public_key) });
  } catch (error) {
    // No push service reachable (some browsers, some networks): the app works without it.
    return { ok: false, reason: 'subscribe', error };
  }
  try {
    const { data } = await request('POST', '/api/v1/push/subscriptions', { body: subscription.toJSON() });
    localStorage.setItem(SUBSCRIPTION_KEY, String(data.id));
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: 'server', error };
  }
}

/** Stop notifications on this device: forget the subscription here and on the server. */
export async function disable() {
  const id = localStorage.getItem(SUBSCRIPTION_KEY);
  localStorage.removeItem(SUBSCRIPTION_KEY);
  if (supported()) {
    const registration = await navigator.serviceWorker.ready;
    await (await registration.pushManager.getSubscription())?.unsubscribe();
  }
  if (id) await request('DELETE', `/api/v1/push/subscriptions/${id}`).catch(() => null);
}

/** Why enabling failed, in the user's words. */
export function failureText(result) {
  return t(`push.failed_${result.reason}`);
}
