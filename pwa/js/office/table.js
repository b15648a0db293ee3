// A back-office list: a search box, filters, server paging (the API's keyset `after`
// cursor; "previous" walks back the cursors seen), keyboard usable (Tab through the row
// links, ↑/↓ between rows, Enter opens). Give it `load({q, ...filters, after, limit})`
// returning {items, next}, the columns, and where a row leads.
import { html, useEffect, useRef, useState } from '/vendor/htm-preact.js';
import { t } from '../i18n.js';
import { messageFor } from '../ui.js';

export const PAGE_SIZE = 25;
const SEARCH_DELAY_MS = 300;

/**
 * A filter: {name, label, options: [[value, label], ...]} draws a select whose first option
 * (value '') means "any"; without options, a text field.
 */
function Filter({ filter, value, onChange }) {
  if (!filter.options) { // free text, applied when the field is left or Enter pressed
    return html`<label class="field office-filter"><span>${filter.label}</span>
      <input name=${filter.name} type=${filter.type || 'text'} value=${value ?? ''} autocomplete="off"
        onChange=${(e) => onChange(filter.name, e.target.value.trim())} /></label>`;
  }
  return html`<label class="field office-filter">
    <span>${filter.label}</span>
    <select name=${filter.name} value=${value ?? ''} onChange=${(e) => onChange(filter.name, e.target.value)}>
      ${filter.options.map(([v, label]) => html`<option value=${v}>${label}</option>`)}
    </select>
  </label>`;
}

function moveFocus(event) {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const links = [...event.currentTarget.querySelectorAll('tbody a.row-link')];
  const at = links.indexOf(document.activeElement);
  if (at < 0) return;
  event.preventDefault();
  links[Math.max(0, Math.min(links.length - 1, at + (event.key === 'ArrowDown' ? 1 : -1)))].focus();
}

/**
 * The list. `columns`: [{key, label, render?: (row) => content, numeric?: bool}]; the first
 * column's cell links to `href(row)` (no href: no links). `filters`: see Filter. `initial`: starting filter values.
 * `reload`: change it to fetch the current page again. No `searchLabel`: no search box.
 */
export function Table({ id, columns, load, href, filters = [], initial = {}, searchLabel, empty,
  reload = 0 }) {
  const [state, setState] = useState({ q: '', values: initial, cursors: [0] });
  const [page, setPage] = useState({ items: null, next: null, error: null });
  const typed = useRef(null);
  const after = state.cursors[state.cursors.length - 1];

  useEffect(() => {
    let live = true;
    setPage((old) => ({ ...old, loading: true }));
    load({ q: state.q, ...state.values, after, limit: PAGE_SIZE })
      .then((data) => live && setPage({ items: data.items, next: data.next, error: null }))
      .catch((error) => live && setPage({ items: [], next: null, error }));
    return () => { live = false; };
  }, [state, reload]);

  const search = (text) => {
    clearTimeout(typed.current);
    typed.current = setTimeout(() => setState((s) => ({ ...s, q: text.trim(), cursors: [0] })),
      SEARCH_DELAY_MS);
  };
  const setFilter = (name, value) => setState((s) => ({ ...s, values: { ...s.values, [name]: value },
    cursors: [0] }));
  const pageNumber = state.cursors.length;

  return html`<div class="office-table" id=${id}>
    <form class="office-filters" role="search" onSubmit=${(e) => {
      e.preventDefault();
      clearTimeout(typed.current);
      setState((s) => ({ ...s, q: e.target.elements.q?.value.trim() || '', cursors: [0] }));
    }}>
      ${searchLabel ? html`<label class="field office-search"><span>${searchLabel}</span>
        <input type="search" name="q" autocomplete="off" onInput=${(e) => search(e.target.value)} /></label>` : null}
      ${filters.map((f) => html`<${Filter} key=${f.name} filter=${f} value=${state.values[f.name]}
        onChange=${setFilter} />`)}
    </form>
    ${page.error ? html`<div class="notice notice-bad" role="alert">${messageFor(page.error)}</div>` : null}
    <div class="table-wrap" onKeyDown=${moveFocus}>
      <table aria-busy=${page.items === null || page.loading ? 'true' : 'false'}>
        <thead><tr>${columns.map((c) => html`<th scope="col" class=${c.numeric ? 'num' : ''}>${c.label}</th>`)}</tr></thead>
        <tbody>
          ${(page.items || []).map((row) => html`<tr key=${row.id} data-id=${row.id}>
            ${columns.map((c, i) => html`<td class=${c.numeric ? 'num' : ''} data-label=${c.label}>
              ${i === 0 && href ? html`<a class="row-link" href=${href(row)}>${c.render ? c.render(row) : row[c.key]}</a>`
                : (c.render ? c.render(row) : row[c.key])}</td>`)}
          </tr>`)}
        </tbody>
      </table>
      ${page.items && !page.items.length && !page.error ? html`<p class="muted empty">${empty || t('office.empty')}</p>` : null}
    </div>
    <div class="row pager">
      <button type="button" class="pager-prev" disabled=${pageNumber === 1}
        onClick=${() => setState((s) => ({ ...s, cursors: s.cursors.slice(0, -1) }))}>${t('office.previous')}</button>
      <span class="muted">${t('office.page', { n: pageNumber })}</span>
      <button type="button" class="pager-next" disabled=${!page.next}
        onClick=${() => setState((s) => ({ ...s, cursors: [...s.cursors, page.next] }))}>${t('office.next')}</button>
    </div>
  </div>`;
}
