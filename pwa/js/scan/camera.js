// The camera half of the scan input: a viewfinder on the rear camera, frames decoded on the
// device in a Worker (one frame in flight at most, a centre crop scaled down to what a phone
// decodes quickly), and, while online, the frames the device cannot read sent to the server
// one at a time. A code that stays in view counts once; after leaving the view, again.
import { request } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';

const CAMERA_KEY = 'stocktap.camera';
// The decoder sees at most this many pixels across: enough for an EAN at arm's length.
const DECODE_WIDTH = 640;
// The centre share of the frame decoded (codes are aimed at the middle).
const CROP = 0.8;
// A code unseen for this long has left the view; seen again, it counts again.
export const LEAVE_MS = 700;
// With nothing read on the device for this long, frames go to the server (when online).
export const SERVER_AFTER_MS = 1000;

function startWorker() {
  const worker = new Worker('/js/scan/worker.js');
  const ready = new Promise((resolve, reject) => {
    worker.addEventListener('message', function first(event) {
      if (event.data.type === 'ready') resolve();
      if (event.data.type === 'failed') reject(new Error(event.data.message));
      if (event.data.type !== 'result') worker.removeEventListener('message', first);
    });
  });
  return { worker, ready };
}

/** The part of a frame the device decodes: {sx, sy, sw, sh} scaled to {dw, dh}. */
export function cropOf(video) {
  const vw = video.videoWidth;
  const vh = video.videoHeight;
  const sw = Math.round(vw * CROP);
  const sh = Math.round(vh * CROP);
  const scale = Math.min(1, DECODE_WIDTH / sw);
  return { sx: Math.round((vw - sw) / 2), sy: Math.round((vh - sh) / 2), sw, sh,
    dw: Math.round(sw * scale), dh: Math.round(sh * scale) };
}

/** Tracks which codes are in view: fresh(codes) gives the ones that just came into view. */
export class Presence {
  constructor(leaveMs = LEAVE_MS) {
    this.leaveMs = leaveMs;
    this.lastSeen = new Map();
  }

  fresh(texts, now = performance.now()) {
    const arrived = [];
    for (const text of new Set(texts)) {
      const last = this.lastSeen.get(text);
      if (last === undefined || now - last > this.leaveMs) arrived.push(text);
      this.lastSeen.set(text, now);
    }
    return arrived;
  }
}

async function openStream(deviceId) {
  const video = { width: { ideal: 1280 }, height: { ideal: 720 } };
  const wanted = deviceId ? { ...video, deviceId: { exact: deviceId } }
    : { ...video, facingMode: { ideal: 'environment' } };
  try {
    return await navigator.mediaDevices.getUserMedia({ video: wanted, audio: false });
  } catch (error) {
    if (!deviceId) throw error;
    localStorage.removeItem(CAMERA_KEY); // the remembered camera is gone: take any
    return navigator.mediaDevices.getUserMedia({ video: { ...video, facingMode: 'environment' } });
  }
}

async function tune(track) {
  const can = track.getCapabilities ? track.getCapabilities() : {};
  if (can.focusMode?.includes('continuous')) {
    await track.applyConstraints({ advanced: [{ focusMode: 'continuous' }] }).catch(() => {});
  }
  return can;
}

function torchButton(track, can) {
  if (!can.torch) return null;
  let on = false;
  const button = h('button', { type: 'button', class: 'cam-button', 'aria-pressed': 'false',
    onclick: async () => {
      on = !on;
      await track.applyConstraints({ advanced: [{ torch: on }] }).catch(() => { on = !on; });
      button.setAttribute('aria-pressed', String(on));
    } }, t('scan.torch'));
  return button;
}

async function cameraChoice(current, onChoose) {
  const cameras = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput');
  if (cameras.length < 2) return null;
  return h('select', { class: 'cam-choice', 'aria-label': t('scan.camera_choice'),
    onchange: (event) => onChoose(event.target.value) },
  cameras.map((cam, i) => h('option', { value: cam.deviceId, selected: cam.deviceId === current },
    cam.label || `${t('scan.camera')} ${i + 1}`)));
}

/**
 * Open the camera into `container` and call onRead({text, source, format, symbologyIdentifier})
 * for each code that comes into view. Resolves to {stop(), stats} once the video plays.
 */
export async function startCamera(container, onRead) {
  const state = { stopped: false, inFlight: false, serverBusy: false, lastDeviceRead: performance.now(),
    stats: { frames: 0, decodeMs: [], serverFrames: 0 } };
  const presence = new Presence();
  const video = h('video', { class: 'viewfinder', playsinline: true, muted: true, autoplay: true });
  video.muted = true;
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  const { worker, ready } = startWorker();
  let stream = await openStream(localStorage.getItem(CAMERA_KEY));
  let track = stream.getVideoTracks()[0];
  const controls = h('div', { class: 'cam-controls' });
  container.replaceChildren(video, controls);

  const report = (texts, extra) => {
    for (const text of presence.fresh(texts)) onRead({ text, ...extra(text) });
  };
  const setUp = async () => {
    video.srcObject = stream;
    await video.play().catch(() => {});
    const can = await tune(track);
    const chooser = await cameraChoice(track.getSettings().deviceId, async (id) => {
      localStorage.setItem(CAMERA_KEY, id);
      stream.getTracks().forEach((tr) => tr.stop());
      stream = await openStream(id);
      [track] = stream.getVideoTracks();
      await setUp();
    });
    controls.replaceChildren(...[torchButton(track, can), chooser].filter(Boolean));
  };
  await setUp();

  worker.addEventListener('message', (event) => {
    const msg = event.data;
    if (msg.type !== 'result' && msg.type !== 'error') return;
    state.inFlight = false;
    state.stats.decodeMs.push(msg.ms);
    if (msg.type === 'result' && msg.codes.length) {
      state.lastDeviceRead = performance.now();
      const byText = new Map(msg.codes.map((c) => [c.text, c]));
      report([...byText.keys()], (text) => ({ source: 'camera', format: byText.get(text).format,
        symbologyIdentifier: byText.get(text).symbologyIdentifier, frameAt: state.frameAt }));
    }
  });

  const sendToServer = () => {
    state.serverBusy = true;
    state.stats.serverFrames += 1;
    canvas.toBlob(async (blob) => {
      try {
        const answer = await request('POST', '/api/v1/scan/decode?mode=frame', { body: blob });
        const texts = answer.data.readings.map((r) => r.text);
        // A late answer about a code the device has read meanwhile counts nothing twice.
        report(texts, (text) => ({ source: 'server',
          format: answer.data.readings.find((r) => r.text === text).symbology }));
      } catch (error) {
        if (error.status && error.status !== 422) console.warn('server decode:', error.message);
      } finally {
        state.serverBusy = false;
      }
    }, 'image/jpeg', 0.85);
  };

  const tick = () => {
    if (state.stopped) return;
    if (!state.inFlight && video.readyState >= 2 && video.videoWidth) {
      const crop = cropOf(video);
      canvas.width = crop.dw;
      canvas.height = crop.dh;
      ctx.drawImage(video, crop.sx, crop.sy, crop.sw, crop.sh, 0, 0, crop.dw, crop.dh);
      const image = ctx.getImageData(0, 0, crop.dw, crop.dh);
      state.frameAt = performance.now();
      state.inFlight = true;
      state.stats.frames += 1;
      worker.postMessage({ type: 'decode', id: state.stats.frames, image }, [image.data.buffer]);
      const quiet = performance.now() - state.lastDeviceRead > SERVER_AFTER_MS;
      if (quiet && navigator.onLine && !state.serverBusy) sendToServer();
    }
    requestAnimationFrame(tick);
  };
  ready.then(() => requestAnimationFrame(tick), (error) => {
    container.append(h('p', { class: 'notice notice-bad' }, `${t('scan.decoder_failed')} ${error.message}`));
  });

  return {
    stats: state.stats,
    stop() {
      state.stopped = true;
      worker.terminate();
      stream.getTracks().forEach((tr) => tr.stop());
      video.srcObject = null;
    },
  };
}
