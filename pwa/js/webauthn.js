// Passkey ceremonies against the auth API: options from the server, the browser's
// WebAuthn call, and the credential posted back as JSON.
import { request } from './api.js';

function fromBase64url(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)).buffer;
}

function toBase64url(buffer) {
  const bytes = new Uint8Array(buffer);
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

// Browsers without parse*FromJSON / toJSON (older Safari, Firefox) get the same by hand.
function creationOptions(json) {
  if (PublicKeyCredential.parseCreationOptionsFromJSON) {
    return PublicKeyCredential.parseCreationOptionsFromJSON(json);
  }
  return {
    ...json,
    challenge: fromBase64url(json.challenge),
    user: { ...json.user, id: fromBase64url(json.user.id) },
    excludeCredentials: (json.excludeCredentials || []).map((c) => ({ ...c, id: fromBase64url(c.id) })),
  };
}

function requestOptions(json) {
  if (PublicKeyCredential.parseRequestOptionsFromJSON) {
    return PublicKeyCredential.parseRequestOptionsFromJSON(json);
  }
  return {
    ...json,
    challenge: fromBase64url(json.challenge),
    allowCredentials: (json.allowCredentials || []).map((c) => ({ ...c, id: fromBase64url(c.id) })),
  };
}

function credentialJson(cred) {
  if (typeof cred.toJSON === 'function') return cred.toJSON();
  const r = cred.response;
  const response = { clientDataJSON: toBase64url(r.clientDataJSON) };
  if (r.attestationObject) {
    response.attestationObject = toBase64url(r.attestationObject);
    response.transports = r.getTransports ? r.getTransports() : [];
  } else {
    response.authenticatorData = toBase64url(r.authenticatorData);
    response.signature = toBase64url(r.signature);
    response.userHandle = r.userHandle ? toBase64url(r.userHandle) : null;
  }
  return {
    id: cred.id, rawId: toBase64url(cred.rawId), type: cred.type, response,
    authenticatorAttachment: cred.authenticatorAttachment || null,
    clientExtensionResults: cred.getClientExtensionResults(),
  };
}

/** Whether this browser can use passkeys at all. */
export function supported() {
  return Boolean(window.PublicKeyCredential && navigator.credentials);
}

/** Sign in with a passkey; resolves to the /me body. Rejects with ApiError or DOMException. */
export async function signIn() {
  const { data } = await request('POST', '/api/v1/auth/login/options', { body: {} });
  const cred = await navigator.credentials.get({ publicKey: requestOptions(data.options) });
  const verified = await request('POST', '/api/v1/auth/login/verify', {
    body: { challenge_id: data.challenge_id, credential: credentialJson(cred) },
  });
  return verified.data;
}

/**
 * Create a passkey: `base` is "/api/v1/auth/enrol/<token>" or "/api/v1/auth/passkeys".
 * Resolves to the verify response's body.
 */
export async function createPasskey(base, name) {
  const { data } = await request('POST', `${base}/options`, { body: {} });
  const cred = await navigator.credentials.create({ publicKey: creationOptions(data.options) });
  const verified = await request('POST', `${base}/verify`, {
    body: { challenge_id: data.challenge_id, credential: credentialJson(cred), name },
  });
  return verified.data;
}
