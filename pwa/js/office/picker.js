// Picking a product in a back-office form: scan it (keyboard wedge anywhere on the page, or
// the camera) with the floor's scan input, or type a code, a SKU or part of a name. A code
// the catalog knows picks its product at once (with the pack's quantity); other text
// searches the products and offers the matches.
import { html, useEffect, useRef, useState } from '/vendor/htm-preact.js';
import { get, query } from '../api.js';
import { t } from '../i18n.js';
import { feedback } from '../scan/feedback.js';
import { startScanInput } from '../scan/input.js';
import { messageFor } from '../ui.js';

async function findProducts(text) {
  try {
    const { data } = await get(`/api/v1/lookup${query({ code: text })}`);
    return { picked: { product: data.product, pack_qty: Number(data.pack_qty) || 1 } };
  } catch (error) {
    if (error.status !== 404) throw error;
  }
  const { data } = await get(`/api/v1/products${query({ q: text, active: true, limit: 10 })}`);
  return { choices: data.items };
}

/** The picker; `onPick({product, pack_qty})` for each product picked. */
export function ProductPicker({ id = 'product-picker', onPick }) {
  const camera = useRef(null);
  const input = useRef(null);
  const [cameraOn, setCameraOn] = useState(false);
  const [found, setFound] = useState({ choices: [], error: null, text: '' });

  const onScan = useRef(null);
  const picked = useRef(onPick);
  picked.current = onPick; // the latest form state's handler, not the first render's
  useEffect(() => {
    // No form of its own (it sits inside the order's form): Enter in its field is a typed read.
    const scanning = startScanInput({ camera: camera.current, cameraOn: false,
      onScan: onScan.current = async (read) => {
        try {
          const answer = await findProducts(read.text);
          if (answer.picked) {
            if (read.source !== 'manual') feedback('ok', { title: answer.picked.product.name, detail: read.text });
            setFound({ choices: [], error: null, text: '' });
            picked.current(answer.picked);
          } else {
            setFound({ choices: answer.choices, error: null, text: read.text });
          }
        } catch (error) {
          setFound({ choices: [], error, text: read.text });
        }
      } });
    input.current = scanning;
    return () => scanning.stop();
  }, []);

  const field = useRef(null);
  const typed = () => {
    const text = field.current.value.trim();
    field.current.value = '';
    if (text) onScan.current({ text, source: 'manual', at: performance.now() });
  };
  const toggle = async () => {
    setCameraOn(!cameraOn);
    await input.current.setCamera(!cameraOn);
  };
  const pick = (product) => {
    setFound({ choices: [], error: null, text: '' });
    onPick({ product, pack_qty: 1 });
  };
  return html`<div class="picker" id=${id}>
    <div class="row search" role="search">
      <input name="code" type="search" autocomplete="off" enterkeyhint="search" ref=${field}
        aria-label=${t('office.pick_product')} placeholder=${t('office.pick_placeholder')}
        onKeyDown=${(e) => { if (e.key === 'Enter') { e.preventDefault(); typed(); } }} />
      <button type="button" class="picker-find" onClick=${typed}>${t('office.find')}</button>
      <button type="button" class="cam-toggle" aria-pressed=${String(cameraOn)} onClick=${toggle}>${t('scan.camera')}</button>
    </div>
    <div class="viewfinder-box" ref=${camera}></div>
    ${found.error ? html`<p class="field-error" role="alert">${messageFor(found.error)}</p>` : null}
    ${found.text && !found.error && !found.choices.length
      ? html`<p class="muted picker-none">${t('lookup.nothing', { code: found.text })}</p>` : null}
    ${found.choices.length ? html`<ul class="list picker-choices">${found.choices.map((p) => html`
      <li key=${p.id}><button type="button" class="choice" data-product-id=${p.id} onClick=${() => pick(p)}>
        <strong>${p.name}</strong> <span class="muted small">${p.sku}</span></button></li>`)}</ul>` : null}
  </div>`;
}
