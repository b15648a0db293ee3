// The back office: a side navigation of its sections on a wide screen (a menu button on a
// phone) and the chosen section beside it, at #/office/<section>[/<id>]. The sections are
// listed in office/sections.js; each is a Preact component loaded when first opened.
import { html, render as paint, useState } from '/vendor/htm-preact.js';
import { t } from '../i18n.js';
import { navigate } from '../nav.js';
import { allowedSections, section as sectionOf } from '../office/sections.js';
import * as session from '../session.js';

function SideNav({ sections, current }) {
  const [open, setOpen] = useState(false);
  const here = t(`office.${current}`);
  return html`<nav class="office-nav" aria-label=${t('office.title')}>
    <button type="button" class="office-menu" aria-expanded=${String(open)} aria-controls="office-sections"
      onClick=${() => setOpen(!open)}>☰ ${here}</button>
    <ul id="office-sections" class=${open ? 'open' : ''}>
      ${sections.map((s) => html`<li key=${s.id}>
        <a href=${`#/office/${s.id}`} aria-current=${s.id === current ? 'page' : undefined}
          data-section=${s.id}>${t(`office.${s.id}`)}</a></li>`)}
    </ul>
  </nav>`;
}

/** Render #/office/<section>[/<id>]; returns its cleanup. */
export async function render(view, { params }) {
  const sections = allowedSections(session.can);
  const [wanted, id] = params;
  const chosen = sectionOf(wanted);
  if (!chosen || !session.can(chosen.permission)) {
    if (sections.length) navigate(`#/office/${sections[0].id}`);
    else navigate('#/');
    return null;
  }
  const { default: Section } = await import(`../office/${chosen.module.slice(2)}`);
  paint(html`<div class="office" data-section=${chosen.id}>
    <${SideNav} sections=${sections} current=${chosen.id} />
    <section class="office-main"><${Section} id=${id} section=${chosen} /></section>
  </div>`, view);
  return () => paint(null, view);
}
