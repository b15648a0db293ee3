// Every date and time the app shows, written one way: Intl.DateTimeFormat in the app's
// language (i18n.js locale(): the browser's own locale only when it speaks that language), as
// money.js does amounts. A bare calendar date ("2026-12-07", an expiry) is that day wherever the
// device is; a timestamp is shown in the device's time zone. Views never format dates themselves.
import { locale } from './i18n.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function parse(value) {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(DAY.test(value) ? `${value}T00:00:00` : value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A day (ISO date or timestamp) in the app's language; `none` when there is none. */
export function formatDate(value, none = '—') {
  const date = parse(value);
  if (!date) return value ? String(value) : none;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium' }).format(date);
}

/** A moment (ISO timestamp) as a short date and time in the app's language; `none` when none. */
export function formatDateTime(value, none = '—') {
  const date = parse(value);
  if (!date) return value ? String(value) : none;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'short', timeStyle: 'short' }).format(date);
}
