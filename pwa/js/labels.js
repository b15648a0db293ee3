// "Print label": opens the label PDF in a new tab, where the phone's browser prints or shares it.
// The server makes the labels (GET .../label, .../labels); this only builds their addresses.
import { html } from '/vendor/htm-preact.js';
import { h } from './dom.js';
import { t } from './i18n.js';

const SIZE = '50x30'; // the roll size a phone's Bluetooth label printer most often takes

const DOCUMENT_PATHS = {
  purchase_order: 'purchase-orders', sales_order: 'sales-orders', transfer: 'transfers', stocktake: 'stocktakes',
};

/** The address of a label PDF: path like "products/7/label", extra query fields. */
export function labelUrl(path, query = {}) {
  const params = new URLSearchParams({ format: 'pdf', size: SIZE });
  for (const [key, value] of Object.entries(query)) if (value != null) params.set(key, value);
  return `/api/v1/${path}?${params}`;
}

/** The label address of a document the look-up resolved, or null when it has no label. */
export function documentLabelUrl(document) {
  const path = DOCUMENT_PATHS[document.type];
  return path ? labelUrl(`${path}/${document.id}/label`) : null;
}

/** The "Print label" link as a Preact element. */
export function PrintLabel({ href, text }) {
  if (!href) return null;
  return html`<a class="button print-label" href=${href} target="_blank" rel="noopener">${text || t('label.print')}</a>`;
}

/** The same link as a DOM element, for screens built with dom.js. */
export function printLabelLink(href, text, id) {
  return h('a', { class: 'button print-label', href, target: '_blank', rel: 'noopener', id }, text || t('label.print'));
}
