// Every amount the app shows, written one way: Intl.NumberFormat in the chosen language's
// locale with the business currency's symbol (the server names it in /auth/me and on each
// approval). The API sends amounts as decimal strings; views never format money themselves.
import { locale } from './i18n.js';
import * as session from './session.js';

/** An amount (decimal string or number) in `currency` (the server's by default); '–' when none. */
export function formatMoney(value, currency = session.me()?.currency) {
  if (value === null || value === undefined || value === '') return '–';
  const style = currency ? { style: 'currency', currency, currencyDisplay: 'narrowSymbol' }
    : { minimumFractionDigits: 2 };
  return new Intl.NumberFormat(locale(), { ...style, maximumFractionDigits: 4 }).format(Number(value));
}
