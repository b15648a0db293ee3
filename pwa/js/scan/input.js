// The scan input every scan screen shares: keyboard-wedge scanners (anywhere on the page),
// the camera (decoded on the device, hard frames on the server), and typed codes all arrive
// at one handler, onScan(read), with read = {text, source, at}. One per screen; stop() on leave.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { watchWedge } from './wedge.js';

const PREFIX_KEY = 'stocktap.wedge.prefix';
const CAMERA_ON_KEY = 'stocktap.camera.on';

/**
 * @typedef {object} ScanRead
 * @property {string} text   what was read (GS1's FNC1 as the GS character "\x1d")
 * @property {'camera'|'wedge'|'manual'|'server'} source  where it came from
 * @property {number} at     performance.now() when it was read
 * @property {string} [format]  the symbology, for camera and server reads
 * @property {number} [frameAt]  performance.now() when the camera frame it was read in was taken
 */

/**
 * Start listening. `camera`: an element to hold the viewfinder (null: no camera). `manual`:
 * a form holding an <input name="code">: what is typed there and submitted is a manual read.
 * `cameraOn`: open the camera at once (default: as last left on this device).
 * @param {{onScan: (read: ScanRead) => void, camera?: HTMLElement|null,
 *          manual?: HTMLFormElement|null, cameraOn?: boolean}} options
 * @returns {{stop: () => void, camera: () => object|null, cameraOn: () => boolean,
 *            setCamera: (on: boolean) => Promise<void>}}
 */
export function startScanInput({ onScan, camera = null, manual = null, cameraOn } = {}) {
  let stopped = false;
  let cam = null;
  const emit = (text, source, extra = {}) => {
    if (stopped || !text) return;
    const read = { at: performance.now(), ...extra, text, source };
    // Also announced on the document, for whatever watches scans (the benchmark does).
    document.dispatchEvent(new CustomEvent('stocktap:scan', { detail: read }));
    onScan(read);
  };
  const stopWedge = watchWedge((text) => emit(text, 'wedge'),
    { prefix: localStorage.getItem(PREFIX_KEY) || '' });

  const onSubmit = (event) => {
    event.preventDefault();
    const field = manual.elements.code;
    const text = field.value.trim();
    field.value = '';
    emit(text, 'manual');
  };
  manual?.addEventListener('submit', onSubmit);

  let wanted = false;
  const setCamera = async (on) => {
    wanted = on;
    localStorage.setItem(CAMERA_ON_KEY, on ? '1' : '0');
    if (!camera) return;
    if (!on) {
      cam?.stop();
      cam = null;
      camera.replaceChildren();
      return;
    }
    if (cam) return;
    // The decoder (and its 1 MB of WebAssembly) loads only when a camera is wanted.
    const { startCamera } = await import('./camera.js');
    try {
      const opened = await startCamera(camera, (read) => emit(read.text, read.source, read));
      if (stopped) opened.stop();
      else cam = opened;
    } catch (error) {
      camera.replaceChildren(h('p', { class: 'notice notice-bad' }, t('scan.no_camera', { reason: error.name || error.message })));
    }
  };
  if (camera && (cameraOn ?? localStorage.getItem(CAMERA_ON_KEY) === '1')) setCamera(true);

  return {
    stop() {
      stopped = true;
      stopWedge();
      manual?.removeEventListener('submit', onSubmit);
      cam?.stop();
      cam = null;
    },
    camera: () => cam,
    cameraOn: () => wanted,
    setCamera,
  };
}
