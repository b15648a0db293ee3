// Moving between views: the hash is the route (#/lookup, #/enrol/<token>, ...).
const NEXT_KEY = 'stocktap.next';

/** Go to a hash route (re-renders when it is the current one). */
export function navigate(hash) {
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = hash;
}

/** Remember where a signed-out user was heading. */
export function rememberNext(hash) {
  sessionStorage.setItem(NEXT_KEY, hash);
}

/** Forget it (after signing out on purpose, the next person starts at home). */
export function forgetNext() {
  sessionStorage.removeItem(NEXT_KEY);
}

/** After sign-in: where the user was heading, else home. */
export function continueAfterSignIn() {
  const next = sessionStorage.getItem(NEXT_KEY);
  sessionStorage.removeItem(NEXT_KEY);
  navigate(next && !next.startsWith('#/signin') && !next.startsWith('#/enrol') ? next : '#/');
}
