// Keyboard-wedge scanners (Zebra DataWedge, Honeywell, Urovo in keystroke mode) type a code
// as a burst of keys far faster than a person, ending with Enter, Tab or nothing at all.
// We listen on the whole document, so no field needs focus; a burst typed into a field is
// taken back out of it, so scans never pile up in what the user was typing.

// Scanners send a key every 1–20 ms; people, even fast typists, rarely go under 50 ms
// between keys for more than two keys in a row.
export const MAX_GAP_MS = 35;
export const MIN_LENGTH = 4;
// With no suffix, a burst ends after this much silence (real time: a busy phone may hand
// the page a scanner's keys late, so this is longer than the gap between them).
export const END_SILENCE_MS = 150;
// Once this device's scanner has ended a scan with Enter or Tab, it always will: silence then
// only ends a burst after this long (so a late key never cuts a scan in two).
export const SUFFIX_SILENCE_MS = 1500;
const SUFFIX_KEY = 'stocktap.wedge.suffix';
const GS = '\x1d';

function isEditable(target) {
  return target instanceof HTMLElement && (target.isContentEditable
    || target.tagName === 'TEXTAREA'
    || (target.tagName === 'INPUT' && !['button', 'checkbox', 'radio', 'submit'].includes(target.type)));
}

// GS1's FNC1 reaches the browser as the GS control character, or as Ctrl+] (ASCII 29 on a
// keyboard) from devices that map control characters to key chords.
function characterOf(event) {
  if (event.key === GS || (event.ctrlKey && (event.key === ']' || event.code === 'BracketRight'))) return GS;
  if (event.ctrlKey || event.altKey || event.metaKey) return null;
  return event.key.length === 1 ? event.key : null;
}

/**
 * Watch the document for wedge bursts; calls onCode(text) for each. `prefix` (a string the
 * scanner is set to send first) is removed when present. Returns a function that stops it.
 */
export function watchWedge(onCode, { prefix = '', maxGapMs = MAX_GAP_MS } = {}) {
  let burst = null; // {text, last, field, before}
  let endTimer = null;
  // Read each time: another screen (or tab) of this device may have seen the suffix since.
  const suffixSeen = () => localStorage.getItem(SUFFIX_KEY) === '1';

  const qualifies = () => burst && burst.text.length >= MIN_LENGTH;
  const finish = () => {
    clearTimeout(endTimer);
    const done = burst;
    burst = null;
    if (!done || done.text.length < MIN_LENGTH) return false;
    // Keys that went into a field belong to the scan, not to what the person typed there.
    if (done.field && done.field.value !== done.before) {
      done.field.value = done.before;
      done.field.dispatchEvent(new Event('input', { bubbles: true }));
    }
    let text = done.text;
    if (prefix && text.startsWith(prefix)) text = text.slice(prefix.length);
    onCode(text);
    return true;
  };

  const onKeydown = (event) => {
    const now = event.timeStamp || performance.now();
    if ((event.key === 'Enter' || event.key === 'Tab') && burst) {
      if (now - burst.last <= maxGapMs * 3 && qualifies()) {
        event.preventDefault(); // the suffix ends the scan: no form submit, no focus move
        event.stopImmediatePropagation();
        if (!suffixSeen()) localStorage.setItem(SUFFIX_KEY, '1');
      }
      finish();
      return;
    }
    const ch = characterOf(event);
    if (ch === null) return;
    if (burst && now - burst.last > maxGapMs) finish();
    if (!burst) {
      const field = isEditable(event.target) ? event.target : null;
      burst = { text: '', last: now, field, before: field ? field.value : null };
    }
    burst.text += ch;
    burst.last = now;
    if (ch === GS) event.preventDefault();
    clearTimeout(endTimer);
    // A burst too short to be a scan is left open: its next key, by its own time stamp,
    // says whether it goes on (a late-delivered scanner key) or was a person typing.
    endTimer = setTimeout(() => { if (qualifies()) finish(); },
      suffixSeen() ? SUFFIX_SILENCE_MS : END_SILENCE_MS);
  };

  document.addEventListener('keydown', onKeydown, true);
  return () => {
    clearTimeout(endTimer);
    document.removeEventListener('keydown', onKeydown, true);
  };
}
