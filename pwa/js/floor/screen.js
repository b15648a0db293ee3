// The frame every floor screen shares (FLOOR.md): the status band on top, the work in the
// middle, and the action bar at the bottom with the main action, manual entry and the
// outbox's state. The scan input itself is scan/input.js; this only lays the screen out.
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import * as outbox from '../outbox.js';
import { statusBand } from '../scan/feedback.js';
import { startScanInput } from '../scan/input.js';

const CAMERA_ON_KEY = 'stocktap.camera.on'; // scan/input.js remembers the camera's state here

/** The outbox in one chip: all sent / n waiting / n need you; follows the queue. */
export function outboxChip() {
  const chip = h('a', { class: 'chip outbox-chip', href: '#/outbox', id: 'floor-outbox' });
  const refresh = outbox.follow(async () => {
    const rows = await outbox.entries();
    const failed = rows.filter((row) => row.status === 'failed').length;
    chip.dataset.waiting = String(rows.length - failed);
    chip.dataset.failed = String(failed);
    chip.className = `chip outbox-chip chip-${failed ? 'bad' : rows.length ? 'warn' : 'ok'}`;
    const progress = outbox.status().progress;
    chip.textContent = failed ? t('floor.outbox_failed', { n: failed })
      : rows.length && progress?.total > 1 ? t('outbox.progress', progress)
        : rows.length ? t('floor.outbox_waiting', { n: rows.length }) : t('floor.outbox_sent');
  });
  refresh();
  chip.stop = refresh.stop;
  return chip;
}

/** The manual-entry form the scan input listens to (an <input name="code">). */
export function manualForm() {
  return h('form', { class: 'manual', autocomplete: 'off' },
    h('input', { name: 'code', id: 'manual-code', type: 'text', inputmode: 'text', enterkeyhint: 'go',
      autocapitalize: 'off', spellcheck: 'false', placeholder: t('floor.manual'), 'aria-label': t('floor.manual') }),
    h('button', { type: 'submit' }, t('floor.enter')));
}

/**
 * Lay out a scan screen in `view`: returns {band, sheet, work, bar, manual, camera, stop}.
 * `sheet` holds a decision the user must make (amber), above the work.
 */
export function floorScreen(view, { title, idle, main }) {
  const band = statusBand(idle);
  const sheet = h('div', { class: 'floor-sheet', id: 'floor-sheet' });
  const camera = h('div', { class: 'floor-camera' });
  const work = h('div', { class: 'floor-work stack' });
  const manual = manualForm();
  const chip = outboxChip();
  const bar = h('div', { class: 'floor-bar' }, main || null, manual, chip);
  const cameraToggle = h('button', { type: 'button', class: 'cam-toggle', id: 'floor-camera-toggle',
    'aria-pressed': 'false' }, t('scan.camera'));
  view.append(h('div', { class: 'floor' },
    h('div', { class: 'row spread floor-head' }, h('h1', { tabindex: '-1', class: 'floor-title' }, title), cameraToggle),
    band, camera, sheet, work, bar));
  return {
    band, sheet, work, bar, manual, camera,
    /** Listen with the shared scan input (scan/input.js); the toggle opens and closes its camera. */
    listen(onScan) {
      const input = startScanInput({ onScan: inOrder(onScan), manual, camera });
      cameraToggle.setAttribute('aria-pressed', String(localStorage.getItem(CAMERA_ON_KEY) === '1'));
      cameraToggle.addEventListener('click', () => {
        const on = cameraToggle.getAttribute('aria-pressed') !== 'true';
        cameraToggle.setAttribute('aria-pressed', String(on));
        input.setCamera(on);
      });
      return input;
    },
    stop: () => chip.stop(),
  };
}

/** Show a decision in the sheet (replaces any earlier one); clear() empties it. */
export function ask(sheet, ...children) {
  replace(sheet, h('div', { class: 'card sheet-card' }, ...children));
  sheet.scrollIntoView({ block: 'nearest' });
}

/** Empty the sheet. */
export function clear(sheet) {
  sheet.replaceChildren();
}

/**
 * Handle scans one at a time, in the order they were read: a handler awaits look-ups (the
 * device copy, IndexedDB), and a bin scanned just before a product must be set before the
 * product is received.
 */
export function inOrder(handle) {
  let last = Promise.resolve();
  return (read) => {
    last = last.then(() => handle(read)).catch((error) => console.error('scan:', error));
    return last;
  };
}
