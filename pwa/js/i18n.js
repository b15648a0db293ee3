// Strings in English and Simplified Chinese; the choice is kept on the device.
import en from '../i18n/en.js';
import zh from '../i18n/zh-CN.js';

const TABLES = { en, 'zh-CN': zh };
const LANG_KEY = 'stocktap.lang';
export const events = new EventTarget();

function initialLanguage() {
  const saved = localStorage.getItem(LANG_KEY);
  if (saved && TABLES[saved]) return saved;
  return (navigator.language || '').toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

let current = initialLanguage();

/** The current language tag ("en" or "zh-CN"). */
export function language() {
  return current;
}

/** The locale for dates and numbers: the browser's own when it speaks the chosen language. */
export function locale() {
  const own = navigator.language || '';
  return own.toLowerCase().startsWith(current.slice(0, 2).toLowerCase()) ? own : current;
}

/** Switch language, remember it, and tell listeners to re-render. */
export function setLanguage(lang) {
  if (!TABLES[lang] || lang === current) return;
  current = lang;
  localStorage.setItem(LANG_KEY, lang);
  document.documentElement.lang = lang;
  events.dispatchEvent(new Event('change'));
}

/** Whether the current language has its own string for `key`. */
export function has(key) {
  return key in TABLES[current];
}

/** The string for `key` with {name} placeholders filled; English, then the key, as fallbacks. */
export function t(key, vars = {}) {
  const template = TABLES[current][key] ?? en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name) => (name in vars ? String(vars[name]) : `{${name}}`));
}

const pluralRules = new Map();

/**
 * A counted string: `key.<form>` for the language's plural form of n (Intl.PluralRules:
 * English has "one" and "other", Chinese only "other"), else `key.other`; {n} is filled in.
 */
export function plural(key, n, vars = {}) {
  if (!pluralRules.has(current)) pluralRules.set(current, new Intl.PluralRules(current));
  const exact = `${key}.${pluralRules.get(current).select(n)}`;
  const chosen = (TABLES[current][exact] ?? en[exact]) !== undefined ? exact : `${key}.other`;
  return t(chosen, { n, ...vars });
}

document.documentElement.lang = current;
