// Suppliers and customers (one shape, two lists): the list, new, edit, deactivate, and the
// partner's open orders (purchase orders of a supplier, sales orders of a customer).
import { html, useEffect, useState } from '/vendor/htm-preact.js';
import { t } from '../i18n.js';
import { navigate } from '../nav.js';
import * as session from '../session.js';
import { messageFor } from '../ui.js';
import { allItems, listPage, one, send } from './data.js';
import { Field, Form, useValues } from './form.js';
import { yesNoAny } from './products.js';
import { Table } from './table.js';
import { formatDate } from '../dates.js';

/** What differs between suppliers and customers. */
export const KINDS = {
  suppliers: { base: '/api/v1/suppliers', write: 'purchasing.write', orders: '/api/v1/purchase-orders',
    by: 'supplier_id', orderSection: 'purchase-orders',
    open: ['draft', 'pending_approval', 'approved', 'partly_received'] },
  customers: { base: '/api/v1/customers', write: 'sales.write', orders: '/api/v1/sales-orders',
    by: 'customer_id', orderSection: null, open: ['draft', 'confirmed', 'picking', 'picked'] },
};
const FIELDS = ['code', 'name', 'email', 'phone'];

function PartnerList({ kind }) {
  const spec = KINDS[kind];
  const columns = [
    { key: 'code', label: t('partner.code') },
    { key: 'name', label: t('partner.name') },
    { key: 'email', label: t('partner.email') },
    { key: 'phone', label: t('partner.phone') },
    { key: 'active', label: t('office.status'), render: (p) => (p.active ? t('office.active') : t('office.inactive')) },
  ];
  const filters = [{ name: 'active', label: t('office.status'), options: yesNoAny(t('office.active'), t('office.inactive')) }];
  return html`<div class="row office-head"><h1 tabindex="-1">${t(`office.${kind}`)}</h1>
      ${session.can(spec.write) ? html`<a class="button primary" id="new-partner" href=${`#/office/${kind}/new`}>${t(`partner.new_${kind}`)}</a>` : null}</div>
    <${Table} id="partner-table" columns=${columns} filters=${filters} initial=${{ active: 'true' }}
      searchLabel=${t('partner.search')} href=${(p) => `#/office/${kind}/${p.id}`}
      load=${(params) => listPage(spec.base, params)} />`;
}

/** The partner's orders not yet finished, newest first. */
function OpenOrders({ kind, partner }) {
  const spec = KINDS[kind];
  const [orders, setOrders] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    allItems(spec.orders, { [spec.by]: partner.id }, 1000)
      .then((items) => setOrders(items.filter((o) => spec.open.includes(o.status)).reverse()))
      .catch(setError);
  }, [partner.id]);
  return html`<section class="card open-orders"><h2>${t('partner.open_orders')}</h2>
    ${error ? html`<p class="field-error">${messageFor(error)}</p>` : null}
    ${orders && !orders.length ? html`<p class="muted">${t('partner.no_open_orders')}</p>` : null}
    ${orders?.length ? html`<ul class="list">${orders.map((o) => html`<li key=${o.id} data-order-id=${o.id}>
      ${spec.orderSection ? html`<a href=${`#/office/${spec.orderSection}/${o.id}`}>${o.number}</a>` : html`<strong>${o.number}</strong>`}
      <span class="chip chip-info">${t(`status.${o.status}`)}</span>
      ${o.expected_date ? html` <span class="muted small">${formatDate(o.expected_date)}</span>` : null}</li>`)}</ul>` : null}
  </section>`;
}

function PartnerForm({ kind, partner }) {
  const spec = KINDS[kind];
  const list = `#/office/${kind}`;
  const [values, set] = useValues(partner ? { ...partner } : {});
  const save = async () => {
    const body = {};
    for (const key of FIELDS) {
      const text = String(values[key] ?? '').trim();
      if (text || partner) body[key] = text;
    }
    if (partner) await send('PATCH', `${spec.base}/${partner.id}`, body);
    else await send('POST', spec.base, body);
    navigate(list);
  };
  const toggle = async () => {
    await send('PATCH', `${spec.base}/${partner.id}`, { active: !partner.active });
    navigate(list);
  };
  return html`<${Form} id="partner-form" onSubmit=${save} onClose=${() => navigate(list)}
    actions=${partner && session.can(spec.write) ? html`<span class="spacer"></span><button type="button"
      class=${partner.active ? 'danger deactivate' : 'activate'} onClick=${toggle}>
      ${partner.active ? t('office.deactivate') : t('office.activate')}</button>` : null}>
    <div class="grid">
      <${Field} name="code" label=${t('partner.code')} value=${values.code} set=${set} required autocomplete="off" />
      <${Field} name="name" label=${t('partner.name')} value=${values.name} set=${set} required />
      <${Field} name="email" type="email" label=${t('partner.email')} value=${values.email} set=${set} />
      <${Field} name="phone" type="tel" label=${t('partner.phone')} value=${values.phone} set=${set} />
    </div>
  </${Form}>`;
}

function PartnerPage({ kind, id }) {
  const [partner, setPartner] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    if (id !== 'new') one(`${KINDS[kind].base}/${id}`).then(setPartner).catch(setError);
  }, [id]);
  return html`<h1 tabindex="-1">${id === 'new' ? t(`partner.new_${kind}`) : partner?.name || ''}</h1>
    ${error ? html`<div class="notice notice-bad" role="alert">${messageFor(error)}</div>` : null}
    ${id === 'new' || partner ? html`<${PartnerForm} key=${id} kind=${kind} partner=${partner} />` : null}
    ${partner ? html`<${OpenOrders} kind=${kind} partner=${partner} />` : null}`;
}

/** The section component for one kind ("suppliers" or "customers"). */
export function partnerSection(kind) {
  return function Partners({ id }) {
    return id ? html`<${PartnerPage} kind=${kind} id=${id} />` : html`<${PartnerList} kind=${kind} />`;
  };
}
