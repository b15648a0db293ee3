// The device decoder: zxing-wasm in a Worker, so decoding never blocks the page. A classic
// worker (importScripts) because module workers came late to Safari. The .wasm is served by
// our own server (/vendor/), never a CDN, and the service worker keeps it for offline use.
/* global ZXingWASM */
importScripts('/vendor/zxing-reader.js');

const WASM_URL = '/vendor/zxing_reader.wasm';
// The formats on goods, labels and documents; fewer formats decode faster.
const FORMATS = ['EAN13', 'EAN8', 'UPCA', 'UPCE', 'Code128', 'Code39', 'ITF', 'DataBar',
  'DataBarExp', 'QRCode', 'DataMatrix'];

ZXingWASM.prepareZXingModule({
  overrides: { locateFile: (path, prefix) => (path.endsWith('.wasm') ? WASM_URL : prefix + path) },
  fireImmediately: true,
}).then(() => self.postMessage({ type: 'ready' }), (error) => {
  self.postMessage({ type: 'failed', message: String(error?.message || error) });
});

async function decode({ id, image, options }) {
  const started = performance.now();
  try {
    const found = await ZXingWASM.readBarcodes(image, {
      formats: FORMATS, tryHarder: true, tryRotate: false, tryInvert: false,
      maxNumberOfSymbols: 4, ...options,
    });
    const codes = found.filter((code) => code.isValid).map((code) => ({
      text: code.text, format: code.format, symbologyIdentifier: code.symbologyIdentifier,
      position: code.position,
    }));
    self.postMessage({ type: 'result', id, codes, ms: performance.now() - started });
  } catch (error) {
    self.postMessage({ type: 'error', id, message: String(error?.message || error),
      ms: performance.now() - started });
  }
}

self.onmessage = (event) => {
  if (event.data?.type === 'decode') decode(event.data);
};
