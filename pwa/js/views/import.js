// Imports and exports for the office (#/office/import): choose what to import, get its
// template, check a file (the dry run's problems as a table of row, column and problem), then
// import it all or nothing; export buttons below. A section of the back office
// (office/sections.js), also reached by its own home-screen tile.
import { html, useState } from '/vendor/htm-preact.js';
import { newOpId, sendFile } from '../api.js';
import { has, language, t } from '../i18n.js';
import * as session from '../session.js';
import { messageFor } from '../ui.js';

const IMPORTS = [
  // `updates`: the server takes mode=upsert (an existing SKU or code updates its filled cells)
  { id: 'products', permission: 'catalog.write', updates: true },
  { id: 'suppliers', permission: 'purchasing.write', updates: true },
  { id: 'customers', permission: 'sales.write', updates: true },
  { id: 'opening_stock', permission: 'stock.adjust' },
  { id: 'purchase_orders', permission: 'purchasing.write' },
];
const EXPORTS = [
  { id: 'products', permission: 'catalog.read' },
  { id: 'suppliers', permission: 'purchasing.read' },
  { id: 'customers', permission: 'sales.read' },
  { id: 'stock', permission: 'stock.read' },
  { id: 'purchase_orders', permission: 'purchasing.read' },
  { id: 'moves', permission: 'stock.read' },
];

// The server's English names the value (the SKU, the row it repeats); another language shows
// its own words for the code.
function problemText(problem) {
  const key = `error.${problem.code}`;
  return language() !== 'en' && has(key) ? t(key) : problem.message;
}

function Problems({ summary }) {
  if (!summary.problems.length) return null;
  return html`<div class="import-problems"><table id="import-problems">
    <thead><tr><th>${t('import.row')}</th><th>${t('import.column')}</th><th>${t('import.problem')}</th></tr></thead>
    <tbody>${summary.problems.map((p) => html`<tr data-code=${p.code}>
      <td>${p.row}</td><td>${p.column}</td><td>${problemText(p)}</td></tr>`)}</tbody>
  </table></div>`;
}

const OUTCOMES_SHOWN = 200;

// mode=upsert: what each row does (a dry run: would do), create or update.
function Outcomes({ summary }) {
  if (summary.mode !== 'upsert' || !summary.outcomes?.length) return null;
  const shown = summary.outcomes.slice(0, OUTCOMES_SHOWN);
  const counts = { created: summary.created, updated: summary.updated };
  return html`<p id="import-upsert-counts">${t(summary.dry_run ? 'import.upsert_counts' : 'import.upsert_done', counts)}</p>
    <div class="import-problems"><table id="import-outcomes">
    <thead><tr><th>${t('import.row')}</th><th>${t('import.action')}</th></tr></thead>
    <tbody>${shown.map((o) => html`<tr key=${o.row} data-action=${o.action}>
      <td>${o.row}</td><td>${t(`import.action.${o.action}`)}</td></tr>`)}</tbody>
  </table></div>
    ${summary.outcomes.length > shown.length ? html`<p class="muted">${t('import.outcomes_more', { shown: shown.length, rows: summary.outcomes.length })}</p>` : null}`;
}

function Summary({ summary }) {
  if (!summary) return null;
  const words = summary.imported ? t('import.done', { n: summary.imported })
    : summary.problem_count ? t('import.summary', { rows: summary.rows, problems: summary.problem_count })
      : t('import.clean', { rows: summary.rows });
  const tone = summary.problem_count ? 'notice-bad' : 'notice-ok';
  const more = summary.problem_count > summary.problems.length
    ? html`<p class="muted">${t('import.summary_more', { shown: summary.problems.length, problems: summary.problem_count })}</p>` : null;
  return html`<div class="stack"><div id="import-summary" class=${`notice ${tone}`} role="status">${words}</div>
    ${more}<${Problems} summary=${summary} /><${Outcomes} summary=${summary} /></div>`;
}

function ImportScreen() {
  const allowed = IMPORTS.filter((entry) => session.can(entry.permission));
  const [entity, setEntity] = useState(allowed[0]?.id || '');
  const [file, setFile] = useState(null);
  const [opId, setOpId] = useState(null);
  const [upsert, setUpsert] = useState(false);
  const [state, setState] = useState({ busy: null, summary: null, error: null, checked: false });
  const updates = allowed.find((entry) => entry.id === entity)?.updates || false;

  const choose = (next) => { setEntity(next); setState({ busy: null, summary: null, error: null, checked: false }); };
  const toggleUpsert = (on) => {
    setUpsert(on);
    setOpId(newOpId()); // another request than the file's import in the other mode
    setState({ busy: null, summary: null, error: null, checked: false });
  };
  const pick = (event) => {
    setFile(event.target.files[0] || null);
    setOpId(newOpId()); // one import of this file: a retry replays it
    setState({ busy: null, summary: null, error: null, checked: false });
  };
  const send = async (dryRun) => {
    const progress = (fraction) => setState((s) => ({ ...s,
      busy: fraction < 1 ? t('import.uploading', { pct: Math.round(fraction * 100) }) : t('import.checking') }));
    setState({ busy: t('import.uploading', { pct: 0 }), summary: null, error: null, checked: false });
    try {
      const query = new URLSearchParams();
      if (dryRun) query.set('dry_run', 'true');
      if (updates && upsert) query.set('mode', 'upsert');
      const url = `/api/v1/imports/${entity}${query.size ? `?${query}` : ''}`;
      const { data } = await sendFile(url, file, { opId: dryRun ? newOpId() : opId, onProgress: progress });
      setState({ busy: null, summary: data, error: null, checked: dryRun && !data.problem_count });
    } catch (error) {
      const summary = error.body?.problems ? error.body : null;
      setState({ busy: null, summary, error: summary ? null : messageFor(error), checked: false });
    }
  };

  return html`<section class="stack card" aria-labelledby="import-title">
      <h2 id="import-title">${t('import.run')}</h2>
      <label class="field"><span>${t('import.entity')}</span>
        <select id="import-entity" value=${entity} onChange=${(e) => choose(e.target.value)}>
          ${allowed.map((entry) => html`<option value=${entry.id}>${t(`import.entity.${entry.id}`)}</option>`)}
        </select></label>
      <div class="row">
        <a class="button" id="import-template-csv" href=${`/api/v1/imports/${entity}/template?format=csv`} download>${t('import.template_csv')}</a>
        <a class="button" id="import-template-xlsx" href=${`/api/v1/imports/${entity}/template?format=xlsx`} download>${t('import.template_xlsx')}</a>
      </div>
      <label class="field"><span>${t('import.file')}</span>
        <input id="import-file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange=${pick} /></label>
      <p class="muted">${t('import.formats')}</p>
      ${updates ? html`<label class="check"><input type="checkbox" id="import-upsert" checked=${upsert}
        onChange=${(e) => toggleUpsert(e.target.checked)} /><span>${t('import.update_existing')}</span></label>` : null}
      <div class="row">
        <button type="button" id="import-check" disabled=${!file || state.busy} onClick=${() => send(true)}>${t('import.check')}</button>
        <button type="button" id="import-run" class="primary" disabled=${!state.checked || state.busy} onClick=${() => send(false)}>${t('import.run')}</button>
      </div>
      ${state.busy ? html`<p id="import-progress" role="status">${state.busy}</p>` : null}
      ${state.error ? html`<div id="import-error" class="notice notice-bad" role="alert">${state.error}</div>` : null}
      <${Summary} summary=${state.summary} />
    </section>
    <section class="stack card" aria-labelledby="export-title">
      <h2 id="export-title">${t('import.exports')}</h2>
      ${EXPORTS.filter((entry) => session.can(entry.permission)).map((entry) => html`<div class="row">
        <span class="export-name">${t(`import.export.${entry.id}`)}</span>
        <a class="button" id=${`export-${entry.id}-csv`} href=${`/api/v1/exports/${entry.id}?format=csv`} download>CSV</a>
        <a class="button" id=${`export-${entry.id}-xlsx`} href=${`/api/v1/exports/${entry.id}?format=xlsx`} download>XLSX</a>
      </div>`)}
    </section>`;
}

/** The back office's import and export section. */
export default function ImportSection() {
  return html`<div class="row office-head"><h1 tabindex="-1">${t('office.import')}</h1></div>
    <div class="stack"><${ImportScreen} /></div>`;
}
