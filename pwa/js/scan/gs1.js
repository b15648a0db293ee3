// GS1 element strings (FNC1/GS, "(AI)" text) and Digital Link URIs, parsed exactly as
// scanner/gs1.py parses them, so a code means the same on the device as on the server.
// The AI table is not copied: the server writes /js/scan/gs1-ais.js from scanner/gs1_ais.py.
import { AIS, MEASURES } from './gs1-ais.js';

export const GS = '\x1d';
const GS1_SYMBOLOGY_IDS = [']C1', ']d2', ']Q3', ']e0', ']J1'];
const FNC1_MARKERS = /<GS>|<FNC1>|\{GS\}|\{FNC1\}|\[GS\]|\[FNC1\]|\u241d/gi;
const CSET82 = new Set("!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz");
const DIGITS = /^[0-9]+$/;
const HRI_AI = /\((\d{2,4})\)/;
const DL_SHORT_NAMES = {
  gtin: '01', itip: '8006', cpid: '8010', gln: '414', party: '417', gsrnp: '8017', gsrn: '8018',
  gcn: '255', sscc: '00', gdti: '253', ginc: '401', gsin: '402', grai: '8003', giai: '8004',
  cpv: '22', lot: '10', ser: '21',
};
const DL_PRIMARY_KEYS = new Set('01 8006 8010 414 417 8017 8018 255 00 253 401 402 8003 8004 8013'.split(' '));
const BARE_KEY = /^(00\d{18}|0[12]\d{14})/;

/** Malformed GS1 data; the message names the AI and what is wrong with it. */
export class GS1Error extends Error {}

function strip(text, chars) {
  let start = 0;
  let end = text.length;
  while (start < end && chars.includes(text[start])) start += 1;
  while (end > start && chars.includes(text[end - 1])) end -= 1;
  return text.slice(start, end);
}

// Python's repr() of a short string, for messages that read as the server's do.
function repr(text) {
  return text.includes("'") && !text.includes('"') ? `"${text}"` : `'${text.replace(/'/g, "\\'")}'`;
}

/** The GS1 mod-10 check digit to append to digits. */
export function checkDigit(digits) {
  if (!digits || !DIGITS.test(digits)) throw new GS1Error(`check digit needs digits only, got ${repr(digits)}`);
  let total = 0;
  [...digits].reverse().forEach((d, i) => { total += Number(d) * (i % 2 === 0 ? 3 : 1); });
  return (10 - (total % 10)) % 10;
}

function gs1Year(yy, today) {
  let century = Math.floor(today.getFullYear() / 100);
  const diff = yy - (today.getFullYear() % 100);
  if (diff >= 51 && diff <= 99) century -= 1;
  else if (diff >= -99 && diff <= -50) century += 1;
  return century * 100 + yy;
}

const pad = (n, size = 2) => String(n).padStart(size, '0');

function parseDate(ai, raw, today, dayZeroOk) {
  const year = gs1Year(Number(raw.slice(0, 2)), today);
  const month = Number(raw.slice(2, 4));
  const day = Number(raw.slice(4, 6));
  if (month < 1 || month > 12) throw new GS1Error(`AI ${ai}: month ${raw.slice(2, 4)} is not valid in date ${raw}`);
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  // Day 00 means only year and month are known; GS1 reads it as the month's last day.
  if (day === 0 && dayZeroOk) return `${pad(year, 4)}-${pad(month)}-${pad(lastDay)}`;
  if (day < 1 || day > lastDay) throw new GS1Error(`AI ${ai}: day ${raw.slice(4, 6)} is not valid in ${year}-${pad(month)}`);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function parseDateTime(ai, raw, today) {
  const day = parseDate(ai, raw.slice(0, 6), today, false);
  const hour = Number(raw.slice(6, 8));
  const minute = Number(raw.slice(8, 10));
  if (hour > 23 || minute > 59) throw new GS1Error(`AI ${ai}: time ${raw.slice(6, 10)} is not a valid HHMM`);
  return `${day}T${pad(hour)}:${pad(minute)}:00`;
}

// str(Decimal(raw).scaleb(-places)) in Python: plain notation unless very small.
function decimalText(raw, places) {
  const coefficient = raw.replace(/^0+(?=\d)/, '');
  const leftDigits = coefficient.length - places;
  if (places === 0) return coefficient;
  if (leftDigits > -6) {
    if (leftDigits > 0) return `${coefficient.slice(0, leftDigits)}.${coefficient.slice(leftDigits)}`;
    return `0.${'0'.repeat(-leftDigits)}${coefficient}`;
  }
  const rest = coefficient.slice(1);
  return `${coefficient[0]}${rest ? `.${rest}` : ''}E${leftDigits - 1}`;
}

function checkFormat(spec, raw) {
  const { ai } = spec;
  const size = raw.length;
  if (size === 0) throw new GS1Error(`AI ${ai}: value is empty`);
  if (spec.min_len === spec.max_len && size !== spec.max_len) {
    throw new GS1Error(`AI ${ai}: expected ${spec.max_len} ${spec.charset === 'N' ? 'digits' : 'characters'}, got ${size}`);
  }
  if (size > spec.max_len) throw new GS1Error(`AI ${ai}: value is too long, at most ${spec.max_len} characters, got ${size}`);
  if (size < spec.min_len) throw new GS1Error(`AI ${ai}: value is too short, at least ${spec.min_len} characters, got ${size}`);
  const bad = [...raw].find((ch) => (spec.charset === 'N' ? !'0123456789'.includes(ch) : !CSET82.has(ch)));
  if (bad !== undefined) {
    throw new GS1Error(`AI ${ai}: character ${repr(bad)} is not allowed (${spec.charset === 'N' ? 'digits only' : 'GS1 character set 82'})`);
  }
}

function checkKey(spec, raw) {
  const [start, end] = spec.key;
  const key = raw.slice(start, end);
  if (!DIGITS.test(key)) throw new GS1Error(`AI ${spec.ai}: characters ${start + 1}-${end} must be digits, got ${repr(key)}`);
  const expected = checkDigit(key.slice(0, -1));
  if (Number(key.at(-1)) !== expected) throw new GS1Error(`AI ${spec.ai}: check digit should be ${expected}, got ${key.at(-1)}`);
}

function convert(spec, raw, today) {
  switch (spec.kind) {
    case 'int': return Number(raw);
    case 'date': return parseDate(spec.ai, raw, today, true);
    case 'date_exact': return parseDate(spec.ai, raw, today, false);
    case 'datetime': return parseDateTime(spec.ai, raw, today);
    case 'decimal': return decimalText(raw, Number(spec.ai[3]));
    case 'measure': {
      const [meaning, unit] = MEASURES[spec.ai.slice(0, 3)];
      return { amount: decimalText(raw, Number(spec.ai[3])), unit, meaning };
    }
    default: return raw;
  }
}

/** One AI's data field validated and parsed: {ai, raw, value, title}; GS1Error if bad. */
export function parseElement(ai, raw, today = new Date()) {
  const spec = AIS[ai];
  if (!spec) throw new GS1Error(`AI ${ai}: unknown application identifier`);
  checkFormat(spec, raw);
  if (spec.key) checkKey(spec, raw);
  return { ai, raw, value: convert(spec, raw, today), title: spec.title };
}

/** The spec of the AI that starts at text[pos], or null (no AI is a prefix of another). */
export function matchAi(text, pos = 0) {
  for (const length of [2, 3, 4]) {
    const spec = AIS[text.slice(pos, pos + length)];
    if (spec) return spec;
  }
  return null;
}

function splitFnc1(data) {
  const pairs = [];
  let pos = 0;
  while (pos < data.length) {
    if (data[pos] === GS) { pos += 1; continue; } // leading FNC1, or an optional one
    const spec = matchAi(data, pos);
    if (!spec) throw new GS1Error(`unknown application identifier at position ${pos + 1}: ${repr(data.slice(pos, pos + 4))}`);
    const start = pos + spec.ai.length;
    let end;
    if (spec.min_len === spec.max_len) {
      end = start + data.slice(start, start + spec.max_len).split(GS)[0].length;
    } else {
      end = data.indexOf(GS, start);
      if (end === -1) end = data.length;
    }
    pairs.push([spec.ai, data.slice(start, end)]);
    pos = end;
  }
  return pairs;
}

function splitHri(text) {
  const parts = text.split(new RegExp(HRI_AI.source, 'g'));
  if (strip(parts[0], ` ${GS}`)) throw new GS1Error(`text before the first (AI): ${repr(parts[0])}`);
  const pairs = [];
  for (let i = 1; i + 1 < parts.length; i += 2) pairs.push([parts[i], strip(parts[i + 1], ` ${GS}`)]);
  return pairs;
}

function build(pairs, today) {
  const seen = new Map();
  const elements = [];
  for (const [ai, raw] of pairs) {
    if (seen.has(ai)) {
      if (seen.get(ai) !== raw) throw new GS1Error(`AI ${ai}: appears twice with different values ${repr(seen.get(ai))} and ${repr(raw)}`);
      continue;
    }
    seen.set(ai, raw);
    elements.push(parseElement(ai, raw, today));
  }
  if (!elements.length) throw new GS1Error('no GS1 element strings found');
  return new GS1Data(elements);
}

/** The elements of one GS1 barcode or Digital Link, with the fields a scan uses. */
export class GS1Data {
  constructor(elements) { this.elements = elements; }

  get(ai, fallback = null) {
    const found = this.elements.find((e) => e.ai === ai);
    return found ? found.value : fallback;
  }

  get gtin() { return this.get('01'); }
  get contentGtin() { return this.get('02'); }
  get sscc() { return this.get('00'); }
  get lot() { return this.get('10'); }
  get serial() { return this.get('21'); }
  get expiry() { return this.get('17'); }
  get bestBefore() { return this.get('15'); }
  get productionDate() { return this.get('11'); }
  get count() { return this.get('30', this.get('37')); }

  /** The same JSON as GS1Data.as_dict() on the server. */
  asDict() {
    return {
      gtin: this.gtin, content_gtin: this.contentGtin, sscc: this.sscc, lot: this.lot,
      serial: this.serial, expiry: this.expiry, best_before: this.bestBefore,
      production_date: this.productionDate, count: this.count,
      elements: this.elements.map((e) => ({ ai: e.ai, title: e.title, raw: e.raw, value: e.value })),
    };
  }
}

const isUri = (text) => /^https?:\/\//i.test(text.slice(0, 8));

function splitSymbologyId(text) {
  // "]" is not a GS1 data character, so a leading one can only start an identifier.
  return text.startsWith(']') ? [text.slice(0, 3), text.slice(3)] : [null, text];
}

function unquote(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function splitUrl(uri) {
  const found = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?/.exec(uri);
  return found ? { scheme: found[1], netloc: found[2], path: found[3], query: found[4] || '' } : null;
}

const dlAi = (segment) => DL_SHORT_NAMES[segment] || segment;
const pathSegments = (path) => path.split('/').filter(Boolean).map(unquote);

function dlKeyIndex(segments) {
  for (let i = 0; i < segments.length; i += 1) {
    if (!DL_PRIMARY_KEYS.has(dlAi(segments[i])) || (segments.length - i) % 2) continue;
    let all = true;
    for (let j = i; j < segments.length; j += 2) all = all && dlAi(segments[j]) in AIS;
    if (all) return i;
  }
  return null;
}

/** Parse a GS1 Digital Link URI (any host: /01/{gtin}/10/{lot}?17=...); GS1Error if invalid. */
export function parseDigitalLink(uri, today = new Date()) {
  const parts = splitUrl((uri || '').trim());
  if (!parts || !['http', 'https'].includes(parts.scheme.toLowerCase()) || !parts.netloc) {
    throw new GS1Error(`not a GS1 Digital Link URI: ${repr(uri)}`);
  }
  const segments = pathSegments(parts.path);
  const start = dlKeyIndex(segments);
  if (start === null) {
    throw new GS1Error('not a GS1 Digital Link URI: the path needs a primary key and value pairs such as /01/{gtin}/10/{lot}');
  }
  const path = segments.slice(start);
  const pairs = [];
  for (let i = 0; i < path.length; i += 2) {
    const ai = dlAi(path[i]);
    const raw = path[i + 1];
    // Digital Link allows GTIN-8, -12 and -13 in the path; element strings carry 14 digits.
    pairs.push([ai, ai === '01' && [8, 12, 13].includes(raw.length) ? raw.padStart(14, '0') : raw]);
  }
  for (const item of parts.query.split('&').filter(Boolean)) {
    const cut = item.indexOf('=');
    const key = unquote(cut === -1 ? item : item.slice(0, cut));
    if (/^\d+$/.test(key)) pairs.push([key, unquote(cut === -1 ? '' : item.slice(cut + 1))]);
  }
  return build(pairs, today);
}

/** Parse GS1 data as scanners give it (FNC1/GS, "(AI)" or Digital Link); GS1Error if bad. */
export function parseGs1(input, today = new Date()) {
  const text = strip(input || '', ' \t\r\n');
  if (!text) throw new GS1Error('empty input: no GS1 data');
  const [sid, rest] = splitSymbologyId(text);
  if (isUri(rest)) return parseDigitalLink(rest, today);
  if (sid !== null && !GS1_SYMBOLOGY_IDS.includes(sid)) {
    throw new GS1Error(`symbology identifier ${text.slice(0, 3)} does not carry GS1 element strings`);
  }
  const body = rest.replace(FNC1_MARKERS, GS);
  return build(body.replace(/^\x1d+/, '').startsWith('(') ? splitHri(body) : splitFnc1(body), today);
}

/** Cheap structural test: is text worth handing to parseGs1? (It may still be refused.) */
export function looksLikeGs1(input) {
  const text = strip(input || '', ' \t\r\n');
  const [sid, rest] = splitSymbologyId(text);
  if (GS1_SYMBOLOGY_IDS.includes(sid)) return true;
  if (isUri(rest)) {
    const parts = splitUrl(rest);
    return parts !== null && dlKeyIndex(pathSegments(parts.path)) !== null;
  }
  if (sid !== null) return false;
  const body = rest.replace(FNC1_MARKERS, GS).replace(/^\x1d+/, '');
  const hri = /^\((\d{2,4})\)/.exec(body);
  if (hri) return hri[1] in AIS;
  if (body.includes(GS)) return matchAi(body) !== null;
  // Without an identifier or separator only a leading SSCC or GTIN convinces: a plain
  // Code 128 label such as "10ABC" would otherwise pass for a lot number.
  return BARE_KEY.test(body);
}
