// Push notifications, for the service worker: shown in the user's language (the page leaves
// the words in NOTIFY_CACHE, see js/push.js), and a tap opens the screen the message names.
/* exported NOTIFY_CACHE, pushedData, showPushed, openFromNotification */

const NOTIFY_CACHE = 'stocktap-notify';
const NOTIFY_WORDS_URL = '/notify-words.json';

async function notificationWords() {
  const cache = await caches.open(NOTIFY_CACHE);
  const stored = await cache.match(NOTIFY_WORDS_URL);
  return stored ? stored.json() : {};
}

function fillIn(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

function pushedData(event) {
  try {
    return event.data ? event.data.json() : {};
  } catch {
    return {}; // not ours: shown with the generic words below
  }
}

async function showPushed(data) {
  const words = await notificationWords();
  const word = (key, fallback) => fillIn(words[key] || fallback, data);
  if (data.type === 'approval') {
    return self.registration.showNotification(word('notify.approval_title', 'Approval'), {
      body: word('notify.approval_body', '{summary}'), tag: `approval-${data.approval_id}`,
      data, icon: '/icons/icon-192.png',
      actions: [{ action: 'approve', title: word('notify.approve', 'Approve') },
        { action: 'open', title: word('notify.open', 'Open') }],
    });
  }
  return self.registration.showNotification(word('notify.low_title', '{sku}'), {
    body: word('notify.low_body', '{position} / {threshold}'), tag: `alert-${data.alert_id}`,
    data, icon: '/icons/icon-192.png',
  });
}

async function openScreen(url) {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  if (windows.length) {
    // The open app moves to the screen itself (navigating a client needs it to be controlled).
    windows[0].postMessage({ type: 'open', url });
    return windows[0].focus().catch(() => null);
  }
  return self.clients.openWindow(url);
}

// Approve from the notification with the session's own CSRF token; anything but a success
// opens the approvals screen, where the user sees why.
async function approveFromNotification(data) {
  try {
    const me = await fetch('/api/v1/auth/me', { credentials: 'same-origin' });
    const { csrf_token: csrf } = await me.json();
    const answer = await fetch(`/api/v1/approvals/${data.approval_id}/approve`, {
      method: 'POST', credentials: 'same-origin', body: '{}',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf || '',
        'Idempotency-Key': `push-approve-${data.approval_id}` },
    });
    if (answer.ok) return null;
  } catch (error) {
    console.warn('approve from notification:', error);
  }
  return openScreen(data.url);
}

function openFromNotification(notification, action) {
  notification.close();
  const data = notification.data || {};
  if (action === 'approve' && data.type === 'approval') return approveFromNotification(data);
  return openScreen(data.url || '/');
}
