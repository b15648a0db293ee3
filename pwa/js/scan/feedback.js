// What a person feels and sees when a scan is read: a tone (Web Audio), a vibration where
// the device has one, and the full-width status band (green accepted, amber needs a
// decision, red refused). All of it starts synchronously in feedback(), so it lands within
// a frame of the read: nothing here waits for the network or IndexedDB.
import { h } from '../dom.js';

// Three tones told apart without looking: one high beep, two middle beeps, one low buzz.
const TONES = {
  ok: [{ freq: 1760, ms: 90, type: 'sine' }],
  warn: [{ freq: 880, ms: 80, type: 'square' }, { gap: 60 }, { freq: 880, ms: 80, type: 'square' }],
  error: [{ freq: 220, ms: 320, type: 'sawtooth' }],
};
const VIBRATION = { ok: [40], warn: [60, 60, 60], error: [250] };
let audio = null;

function audioContext() {
  const Context = self.AudioContext || self.webkitAudioContext;
  if (!Context) return null;
  if (!audio) audio = new Context();
  // Browsers start audio suspended until a user gesture; resume() is harmless after that.
  if (audio.state === 'suspended') audio.resume().catch(() => {});
  return audio;
}

function play(state) {
  const ctx = audioContext();
  if (!ctx) return;
  let at = ctx.currentTime;
  for (const step of TONES[state]) {
    if (step.gap) {
      at += step.gap / 1000;
      continue;
    }
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = step.type;
    osc.frequency.value = step.freq;
    gain.gain.setValueAtTime(0.25, at);
    gain.gain.exponentialRampToValueAtTime(0.001, at + step.ms / 1000);
    osc.connect(gain).connect(ctx.destination);
    osc.start(at);
    osc.stop(at + step.ms / 1000);
    at += step.ms / 1000;
  }
}

/** A status band to put at the top of a scan screen; feedback() fills every band on the page. */
export function statusBand(idleText = '') {
  return h('div', { class: 'scan-band scan-band-idle', role: 'status', 'aria-live': 'assertive',
    dataset: { state: 'idle' } },
  h('strong', { class: 'scan-band-title' }, idleText),
  h('span', { class: 'scan-band-detail' }),
  h('span', { class: 'scan-band-count' }));
}

/**
 * Tell the user what a read did: state 'ok' | 'warn' | 'error', with the product's name
 * (title), what happened (detail) and the running count. Returns the time it was shown.
 */
export function feedback(state, { title = '', detail = '', count = null } = {}) {
  if (!TONES[state]) throw new Error(`feedback state must be ok, warn or error, not ${state}`);
  for (const band of document.querySelectorAll('.scan-band')) {
    band.className = `scan-band scan-band-${state}`;
    band.dataset.state = state;
    band.dataset.shownAt = String(performance.now());
    band.querySelector('.scan-band-title').textContent = title;
    band.querySelector('.scan-band-detail').textContent = detail;
    band.querySelector('.scan-band-count').textContent = count === null ? '' : String(count);
  }
  try {
    play(state);
  } catch (error) {
    console.warn('scan tone:', error);
  }
  if (navigator.vibrate) navigator.vibrate(VIBRATION[state]);
  return performance.now();
}
