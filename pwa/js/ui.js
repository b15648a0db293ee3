// Pieces every view uses: the page heading, notices, error text, the "as of" line.
import { formatTime, h } from './dom.js';
import { has, language, locale, t } from './i18n.js';

/** A view's heading followed by its content. */
export function page(title, ...children) {
  return [h('h1', { tabindex: '-1' }, title), ...children.flat()].filter((c) => c !== null && c !== undefined && c !== false);
}

/** What to tell the user about a failure: the words for its code, else the server's message. */
export function messageFor(error) {
  if (error?.name === 'NotAllowedError' || error?.name === 'AbortError') return t('passkey.cancelled');
  if (error?.name === 'InvalidStateError') return t('passkey.exists');
  if (error?.status === 0) return t('error.network');
  // A passkey the server does not know (revoked, or another server's): signing in again
  // cannot help, a new enrolment link can.
  if (error?.code === 'unknown_passkey') return t('signin.unknown_passkey');
  if (error?.status === 401) return t('error.signin');
  // The server writes English that names the thing (the SKU, the quantities): an English
  // screen shows it as it is, another language its own words for the code.
  const key = `error.${error?.code}`;
  if (error?.code && has(key) && (language() !== 'en' || !error.message)) return t(key);
  return error?.message || String(error);
}

/** A boxed message: kind is info, ok, warn or bad. */
export function notice(kind, ...children) {
  return h('div', { class: `notice notice-${kind}`, role: kind === 'bad' ? 'alert' : 'status' }, ...children);
}

/** "Offline copy, as of …" when data came from the device's cache; nothing when fresh. */
export function asOfNote(asOf) {
  if (!asOf) return null;
  return h('p', { class: 'asof', dataset: { asOf } }, t('data.as_of', { time: formatTime(asOf, locale()) }));
}

/** Disable a button while `work` runs; returns its result. */
export async function busy(button, work) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

/** A label with its field under it. */
export function field(label, input) {
  return h('label', { class: 'field' }, h('span', {}, label), input);
}

/** A button that acts on its second tap (the first shows `confirmLabel`): for what cannot be undone. */
export function confirmButton(label, confirmLabel, onConfirm, attrs = {}) {
  const button = h('button', { type: 'button', class: 'danger', ...attrs }, label);
  button.addEventListener('click', () => {
    if (button.dataset.armed !== 'yes') {
      button.dataset.armed = 'yes';
      button.textContent = confirmLabel;
      return;
    }
    onConfirm();
  });
  return button;
}
