// The device's own identity: a stable id for X-Device and a friendly default passkey name.

const DEVICE_KEY = 'stocktap.device';

/** A random id that is not a user secret; made once per browser profile. */
export function newId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  // crypto.randomUUID needs a secure context; a LAN page over plain http still gets an id.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** This device's id, stored on the device (sent as X-Device with every request). */
export function deviceId() {
  let id = localStorage.getItem(DEVICE_KEY);
  if (!id) {
    id = newId();
    localStorage.setItem(DEVICE_KEY, id);
  }
  return id;
}

/** A name for a new passkey, e.g. "Android phone (Chrome)". */
export function defaultDeviceName() {
  const ua = navigator.userAgent;
  const platform = /iPhone/.test(ua) ? 'iPhone' : /iPad/.test(ua) ? 'iPad'
    : /Android/.test(ua) ? (/Mobile/.test(ua) ? 'Android phone' : 'Android tablet')
      : /Mac OS X/.test(ua) ? 'Mac' : /Windows/.test(ua) ? 'Windows PC'
        : /CrOS/.test(ua) ? 'Chromebook' : /Linux/.test(ua) ? 'Linux PC' : 'Device';
  const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox'
    : /Chrom(e|ium)\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : '';
  return browser ? `${platform} (${browser})` : platform;
}
