// The user's notification choices: which messages to get, and push on this device.
import { html, render as paint, useEffect, useState } from '/vendor/htm-preact.js';
import { get, request } from '../api.js';
import { t } from '../i18n.js';
import * as push from '../push.js';
import { messageFor, page } from '../ui.js';

const KINDS = ['low_stock', 'approvals'];

function Device() {
  const [state, setState] = useState(push.subscribed() && push.permission() === 'granted' ? 'on' : 'off');
  const [message, setMessage] = useState('');
  if (push.permission() === 'unsupported') return html`<p class="muted" id="push-unsupported">${t('push.unsupported')}</p>`;
  const turnOn = async () => {
    const result = await push.enable();
    setState(result.ok ? 'on' : 'off');
    setMessage(result.ok ? '' : push.failureText(result));
  };
  const turnOff = async () => {
    await push.disable();
    setState('off');
  };
  return html`<div class="stack" id="push-device">
    <p>${state === 'on' ? t('push.on_here') : t('push.off_here')}</p>
    ${message ? html`<span class="reason reason-bad" id="push-failed" role="alert">${message}</span>` : null}
    ${state === 'on'
    ? html`<button type="button" id="push-disable" onClick=${turnOff}>${t('push.disable')}</button>`
    : html`<button type="button" class="primary" id="push-enable" onClick=${turnOn}>${t('push.enable')}</button>`}
  </div>`;
}

function Choices() {
  const [choices, setChoices] = useState(null);
  const [error, setError] = useState('');
  useEffect(() => {
    get('/api/v1/push/choices').then(({ data }) => setChoices(data), (e) => setError(messageFor(e)));
  }, []);
  const change = async (kind, on) => {
    try {
      const { data } = await request('PUT', '/api/v1/push/choices', { body: { [kind]: on } });
      setChoices(data);
    } catch (e) {
      setError(messageFor(e));
    }
  };
  if (error) return html`<div class="notice notice-bad" role="alert">${error}</div>`;
  if (!choices) return null;
  return html`<fieldset class="stack card" id="push-choices"><legend>${t('push.what')}</legend>
    ${KINDS.filter((kind) => choices[kind].available).map((kind) => html`<label class="toggle" key=${kind}>
      <input type="checkbox" name=${kind} checked=${choices[kind].on}
        onChange=${(event) => change(kind, event.target.checked)} />
      <span>${t(`push.kind_${kind}`)}</span></label>`)}
  </fieldset>`;
}

/** Render the notification settings (#/notifications). */
export async function render(view) {
  const body = document.createElement('div');
  view.append(...page(t('tile.notifications'), body));
  paint(html`<div class="stack"><${Device} /><${Choices} /></div>`, body);
  return () => paint(null, body);
}
