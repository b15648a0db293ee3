// A back-office form: Enter submits, Esc closes, fields in reading (= tab) order, and the
// server's error shown next to the field it names (the error's `field`, nested names such as
// `lines.2.qty_ordered` too) in the user's language; an error naming no field on the form is
// shown above the buttons. Fields read their error from the form through FormError.
import { createContext, html, useContext, useEffect, useRef, useState } from '/vendor/htm-preact.js';
import { t } from '../i18n.js';
import { messageFor } from '../ui.js';

const FormError = createContext(null);

/** Form values in state: [values, set(name, value), replace(all)]. */
export function useValues(initial) {
  const [values, setValues] = useState(initial);
  return [values, (name, value) => setValues((v) => ({ ...v, [name]: value })), setValues];
}

/** The server's error for `name` (when it names that field), in the user's language. */
export function FieldError({ name }) {
  const error = useContext(FormError);
  if (!error || error.field !== name) return null;
  return html`<p class="field-error" role="alert" id=${`error-${name}`} data-error-for=${name}>
    ${messageFor(error)}</p>`;
}

function control({ name, type, value, set, options, ...rest }, invalid) {
  const common = { id: `field-${name}`, name, 'aria-invalid': invalid ? 'true' : undefined,
    'aria-describedby': invalid ? `error-${name}` : undefined, ...rest };
  if (type === 'select') {
    return html`<select ...${common} value=${value ?? ''} onChange=${(e) => set(name, e.target.value)}>
      ${options.map(([v, label]) => html`<option value=${v}>${label}</option>`)}</select>`;
  }
  if (type === 'checkbox') {
    return html`<input type="checkbox" ...${common} checked=${Boolean(value)}
      onChange=${(e) => set(name, e.target.checked)} />`;
  }
  if (type === 'textarea') {
    return html`<textarea ...${common} value=${value ?? ''} onInput=${(e) => set(name, e.target.value)} />`;
  }
  return html`<input type=${type || 'text'} ...${common} value=${value ?? ''}
    onInput=${(e) => set(name, e.target.value)} />`;
}

/**
 * One labelled field with its error: {name, label, type (text, number, select, checkbox,
 * textarea, date), value, set(name, value), options for a select, any other input attribute}.
 */
export function Field(props) {
  const error = useContext(FormError);
  const { label, hint, ...rest } = props;
  const invalid = error?.field === rest.name;
  if (rest.type === 'checkbox') {
    return html`<div class="field"><label class="check">${control(rest, invalid)}<span>${label}</span></label>
      <${FieldError} name=${rest.name} /></div>`;
  }
  return html`<div class="field">
    <label for=${`field-${rest.name}`}><span>${label}</span></label>
    ${control(rest, invalid)}
    ${hint ? html`<span class="muted small">${hint}</span>` : null}
    <${FieldError} name=${rest.name} />
  </div>`;
}

/**
 * The form. `onSubmit()` is async; what it throws (an ApiError) is shown at its field.
 * `onClose` (Esc, and the Cancel button) leaves without saving. `error` shows an error from
 * outside (e.g. a load that failed).
 */
export function Form({ id, title, onSubmit, onClose, submitLabel, children, actions, error: outside }) {
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [general, setGeneral] = useState(false);
  const ref = useRef(null);
  const shown = error || outside || null;

  useEffect(() => {
    ref.current?.querySelector('input:not([type=hidden]), select, textarea')?.focus();
  }, []);
  useEffect(() => { // an error whose field is not on the form is shown above the buttons
    if (!shown) return setGeneral(false);
    // Fields read the error through a context, which Preact updates in a later pass: look
    // for the field's error once that has drawn.
    const later = setTimeout(() => {
      const placed = shown.field && ref.current?.querySelector(`[data-error-for="${CSS.escape(shown.field)}"]`);
      setGeneral(!placed);
      if (placed) ref.current.querySelector(`[name="${CSS.escape(shown.field)}"]`)?.focus();
    });
    return () => clearTimeout(later);
  }, [shown]);

  const submit = async (event) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const keys = (event) => {
    if (event.key === 'Escape' && onClose) {
      event.preventDefault();
      onClose();
    }
  };
  return html`<form class="office-form card" id=${id} ref=${ref} onSubmit=${submit} onKeyDown=${keys} novalidate>
    ${title ? html`<h2>${title}</h2>` : null}
    <${FormError.Provider} value=${shown}>${children}</${FormError.Provider}>
    ${general ? html`<div class="notice notice-bad form-error" role="alert">${messageFor(shown)}</div>` : null}
    <div class="row form-actions">
      <button type="submit" class="primary" disabled=${busy} aria-busy=${busy ? 'true' : undefined}>${submitLabel || t('office.save')}</button>
      ${onClose ? html`<button type="button" class="form-cancel" onClick=${onClose}>${t('office.cancel')}</button>` : null}
      ${actions}
    </div>
  </form>`;
}
