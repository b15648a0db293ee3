// Stock look-up on the scan input: scan (camera or wedge, no tap first) or type a code, a
// SKU or a name. Any code the server resolves works here (GS1, bins, documents), from the
// device's copy when offline (its age shown). Shows the price a rep quotes and incoming stock.
// A product's figures follow stock.changed in place while it is shown (js/live.js).
import { html, render as paint } from '/vendor/htm-preact.js';
import { get, query } from '../api.js';
import * as devicecopy from '../devicecopy.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { onEvent } from '../live.js';
import { CATALOG, CodeError, resolveCode, resolveOnServer } from '../scan/codes.js';
import { feedback, statusBand } from '../scan/feedback.js';
import { startScanInput } from '../scan/input.js';
import { messageFor, page } from '../ui.js';
import { Choices, DocumentAnswer, LocationAnswer, ProductAnswer, SsccAnswer } from './lookup-cards.js';

const VIEWS = { product: ProductAnswer, location: LocationAnswer, document: DocumentAnswer, sscc: SsccAnswer };

async function liveStock(productId) {
  const [balances, levels, warehouses] = await Promise.all([
    get(`/api/v1/stock${query({ product_id: productId, limit: 500 })}`),
    get(`/api/v1/stock/levels${query({ product_id: productId, limit: 500 })}`),
    get('/api/v1/warehouses'),
  ]);
  const cached = [balances, levels, warehouses].filter((r) => r.fromCache).map((r) => r.asOf);
  return { balances: balances.data.items, levels: levels.data.items, warehouses: warehouses.data,
    asOf: cached.sort()[0] || null };
}

async function copiedStock(catalog, productId) {
  return { balances: catalog.balances.filter((b) => b.product_id === productId),
    levels: catalog.levels.filter((l) => l.product_id === productId),
    warehouses: catalog.warehouses, asOf: await devicecopy.age(CATALOG) };
}

// Online, the server's figures; offline (or if the server fails), the device's copy.
async function stockOf(catalog, productId) {
  if (navigator.onLine) {
    try {
      return await liveStock(productId);
    } catch (error) {
      if (!catalog || error.status !== 0) throw error;
    }
  }
  return copiedStock(catalog, productId);
}

async function resolve(text, symbology) {
  try {
    return await resolveCode(text, { symbology });
  } catch (error) {
    // The copy may be older than the catalog (or missing): the server has the last word.
    if (!(error instanceof CodeError) || error.status === 422 || !navigator.onLine) throw error;
    const answer = await resolveOnServer(text, { symbology });
    devicecopy.refresh([CATALOG]);
    return answer;
  }
}

async function answerFor(resolution) {
  const catalog = await devicecopy.get(CATALOG);
  if (resolution.kind === 'product') {
    const id = resolution.product.id;
    const product = { ...resolution.product, ...(catalog?.productsById.get(id) || {}) };
    return { kind: 'product', resolution, product, stock: await stockOf(catalog, id),
      incoming: (catalog?.incoming || []).filter((row) => row.product_id === id) };
  }
  if (resolution.kind === 'location') {
    const contents = (catalog?.balances || []).filter((b) => b.location_id === resolution.location.id)
      .map((b) => ({ ...b, name: catalog.productsById.get(b.product_id)?.name || `#${b.product_id}` }));
    return { kind: 'location', resolution, location: resolution.location, contents,
      asOf: await devicecopy.age(CATALOG) };
  }
  return { kind: resolution.kind, resolution };
}

async function byName(text) {
  const catalog = await devicecopy.get(CATALOG);
  const needle = text.toLowerCase();
  return (catalog?.products || []).filter((p) => p.name.toLowerCase().includes(needle)
    || p.sku.toLowerCase().includes(needle)).slice(0, 20);
}

function titleOf(resolution) {
  if (resolution.kind === 'product') return resolution.product.name;
  if (resolution.kind === 'location') return t('lookup.bin', { code: resolution.location.code });
  if (resolution.kind === 'document') return resolution.document.number;
  return t('lookup.sscc', { sscc: resolution.sscc });
}

function cameraButton(input) {
  const button = h('button', { type: 'button', class: 'cam-toggle', id: 'lookup-camera-toggle',
    'aria-pressed': String(input.cameraOn()), onclick: async () => {
      const on = button.getAttribute('aria-pressed') !== 'true';
      button.setAttribute('aria-pressed', String(on));
      await input.setCamera(on);
    } }, t('scan.camera'));
  return button;
}

/** Render the look-up view; returns its cleanup. */
export function render(view) {
  const field = h('input', { id: 'lookup-code', name: 'code', type: 'search', inputmode: 'search',
    enterkeyhint: 'search', autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false',
    placeholder: t('lookup.placeholder'), 'aria-label': t('lookup.label') });
  const form = h('form', { class: 'row search', role: 'search' }, field,
    h('button', { type: 'submit', class: 'primary' }, t('lookup.button')));
  const camera = h('div', { class: 'viewfinder-box', id: 'lookup-camera' });
  const results = h('div', { class: 'stack', id: 'lookup-results', 'aria-live': 'polite' });
  let latest = 0;
  let shown = null; // the product answer on screen: its figures follow stock.changed
  let refetch = null;

  const onScan = async (read) => {
    const mine = ++latest; // a newer scan replaces this one's answer
    const show = (vnode) => {
      paint(vnode, results);
      Object.assign(results.dataset, { code: read.text, source: read.source });
    };
    try {
      const resolution = await resolve(read.text, read.format);
      if (mine !== latest) return;
      // The tone and the band come from the device's own answer, before any stock is fetched.
      feedback(resolution.kind === 'sscc' ? 'warn' : 'ok', { title: titleOf(resolution), detail: read.text });
      const answer = await answerFor(resolution);
      if (mine !== latest) return;
      const View = VIEWS[answer.kind];
      show(html`<${View} answer=${answer} />`);
      shown = answer.kind === 'product' ? { answer, mine } : null;
    } catch (error) {
      if (mine !== latest) return;
      shown = null;
      const named = error.status === 404 || error.code === 'no_device_copy' ? await byName(read.text) : [];
      if (named.length) {
        feedback('warn', { title: t('lookup.choose'), detail: read.text });
        const pick = (p) => onScan({ text: p.sku, source: 'manual' });
        show(named.length === 1 ? null : html`<${Choices} products=${named} onPick=${pick} />`);
        if (named.length === 1) pick(named[0]);
        return;
      }
      const message = error.status === 404 ? t('lookup.nothing', { code: read.text }) : messageFor(error);
      feedback('error', { title: message, detail: read.text });
      show(html`<div class="notice notice-bad" role="alert">${message}</div>`);
    }
  };

  // A move of the shown product anywhere: read its figures again (several moves, one read).
  const stopFollowing = onEvent('stock.changed', (payload) => {
    if (!shown || payload.product_id !== shown.answer.product.id || refetch) return;
    refetch = setTimeout(async () => {
      refetch = null;
      const { answer, mine } = shown || {};
      if (!answer) return;
      try {
        const stock = await liveStock(answer.product.id);
        if (mine !== latest) return;
        shown.answer = { ...answer, stock };
        paint(html`<${ProductAnswer} answer=${shown.answer} />`, results);
        results.dataset.updated = String(payload.cursor);
      } catch (error) {
        console.warn('look-up refresh', error);
      }
    }, 150);
  });

  const input = startScanInput({ onScan, camera, manual: form });
  view.append(...page(t('tile.lookup'), statusBand(t('scan.ready')), camera,
    h('div', { class: 'row scan-actions' }, cameraButton(input)), form, results));
  if (navigator.onLine) devicecopy.refresh([CATALOG]);
  // The first scan must not be lost: the field has focus the moment the screen opens.
  field.focus();
  requestAnimationFrame(() => field.focus());
  return () => {
    stopFollowing();
    clearTimeout(refetch);
    input.stop();
    paint(null, results);
  };
}
