// The API client: JSON in and out, the headers every request needs, one error type.
import { deviceId, newId } from './device.js';

let csrfToken = null;

/** Remember the CSRF token from /auth/me for cookie-authenticated mutations. */
export function setCsrfToken(token) {
  csrfToken = token || null;
}

/** A failed request: `status` 0 means the network failed; the rest come from the error shape. */
export class ApiError extends Error {
  constructor(status, { code, message, field } = {}) {
    super(message || (status ? `HTTP ${status}` : 'Network error'));
    this.status = status;
    this.code = code || (status ? `http_${status}` : 'network');
    this.field = field || null;
  }

  /** The plain record kept with an outbox entry. */
  toJSON() {
    return { status: this.status, code: this.code, message: this.message, field: this.field };
  }
}

/** A fresh client operation id (the Idempotency-Key of one write). */
export const newOpId = newId;

function headersFor(method, opId, contentType) {
  const headers = { Accept: 'application/json', 'X-Device': deviceId() };
  if (contentType) headers['Content-Type'] = contentType;
  if (method !== 'GET' && method !== 'HEAD') {
    headers['Idempotency-Key'] = opId || newOpId();
    if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  }
  return headers;
}

async function readJson(response) {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Send one request. Resolves to {data, status, fromCache, asOf}; rejects with ApiError.
 * `fromCache`/`asOf` tell that the service worker answered from its cache while offline.
 * `body` is sent as JSON; a Blob (an image) is sent as is, with its own type.
 */
export async function request(method, url, { body, opId, signal } = {}) {
  const isBlob = typeof Blob !== 'undefined' && body instanceof Blob;
  const contentType = body === undefined ? null : (isBlob ? body.type : 'application/json');
  let response;
  try {
    response = await fetch(url, {
      method,
      signal,
      headers: headersFor(method, opId, contentType),
      body: body === undefined || isBlob ? body : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch (error) {
    throw new ApiError(0, { code: 'network', message: String(error?.message || error) });
  }
  const data = await readJson(response);
  if (!response.ok) {
    const shape = data?.error || {};
    throw new ApiError(response.status, { ...shape, message: shape.message || response.statusText });
  }
  const fromCache = response.headers.get('X-Stocktap-From-Cache') === '1';
  const asOf = fromCache ? response.headers.get('X-Stocktap-Fetched-At') : null;
  return { data, status: response.status, fromCache, asOf };
}

/** GET a URL; the body, with fromCache/asOf as above. */
export function get(url) {
  return request('GET', url);
}

/** Build a query string from an object, leaving out empty values. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * Upload a file (its bytes as the body, so a retry with the same opId replays) and report the
 * upload's progress to `onProgress(fraction)`: fetch cannot, XMLHttpRequest can. Resolves to
 * {data, status}; rejects with ApiError, whose `body` holds the error's whole shape.
 */
export function sendFile(url, file, { opId, onProgress } = {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    for (const [name, value] of Object.entries(headersFor('POST', opId, file.type || 'application/octet-stream'))) {
      xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && onProgress) onProgress(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new ApiError(0, { code: 'network', message: 'Network error' }));
    xhr.onload = () => {
      let data = null;
      try { data = JSON.parse(xhr.responseText); } catch { data = null; }
      if (xhr.status >= 200 && xhr.status < 300) return resolve({ data, status: xhr.status });
      const shape = data?.error || {};
      const error = new ApiError(xhr.status, { ...shape, message: shape.message || xhr.statusText });
      error.body = shape;
      return reject(error);
    };
    xhr.send(file);
  });
}
