import type { ServiceField } from '../../../shared/schemas/catalogue.ts';
import type { Lang } from '../../i18n/index.ts';
import { type Html, html } from '../../lib/html.ts';
import { errorMessage } from '../error-summary/error-summary.ts';

export interface FieldText {
  readonly optional: string;
  readonly example: (example: string) => string;
  readonly dateHint: string;
  readonly errorPrefix: string;
  readonly choose: string;
}

export type FieldValue = string | readonly string[] | undefined;

/** The input's id for a field, so an error summary can link to it. */
export const fieldId = (code: string) => `field-${code}`;

const label = (field: ServiceField, lang: Lang) => (lang === 'th' ? field.labelTh : field.labelEn);

/**
 * One catalogue field as a form question: its datatype and format choose the control, so a new
 * service needs no new page. With `asPage` the label is the page's heading (one question per page).
 */
export function formField(
  field: ServiceField,
  lang: Lang,
  value: FieldValue,
  text: FieldText,
  options: { error?: string; asPage?: boolean } = {},
): Html {
  const id = fieldId(field.code);
  const name = field.code;
  const heading = label(field, lang);
  const hintParts = [
    field.example ? text.example(field.example) : '',
    field.format === 'date' || field.format === 'month' ? text.dateHint : '',
  ].filter(Boolean);
  const hint = hintParts.length
    ? html`<div id="${id}-hint" class="govuk-hint">${hintParts.join(' · ')}</div>`
    : '';
  const describedBy = [hintParts.length ? `${id}-hint` : '', options.error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  const groupClass = `govuk-form-group${options.error ? ' govuk-form-group--error' : ''}`;
  const err = errorMessage(id, options.error, text.errorPrefix);
  const optional = field.required ? '' : html` <span class="oss-optional">${text.optional}</span>`;
  const single = typeof value === 'string' ? value : '';

  if (field.datatype === 'singlevaluelist' || field.datatype === 'multivaluelist') {
    const multi = field.datatype === 'multivaluelist';
    const chosen = new Set(Array.isArray(value) ? value : single ? [single] : []);
    const kind = multi ? 'checkboxes' : 'radios';
    const legend = options.asPage
      ? html`<legend class="govuk-fieldset__legend govuk-fieldset__legend--l"><h1 class="govuk-fieldset__heading">${heading}${optional}</h1></legend>`
      : html`<legend class="govuk-fieldset__legend govuk-fieldset__legend--m">${heading}${optional}</legend>`;
    return html`<div class="${groupClass}">
<fieldset class="govuk-fieldset"${describedBy ? html` aria-describedby="${describedBy}"` : ''}>
${legend}${hint}${err}
<div class="govuk-${kind}" data-module="govuk-${kind}">
${field.values.map(
  (v, i) => html`<div class="govuk-${kind}__item">
<input class="govuk-${kind}__input" id="${i === 0 ? id : `${id}-${i}`}" name="${name}" type="${multi ? 'checkbox' : 'radio'}" value="${v.key}"${chosen.has(v.key) ? ' checked' : ''}>
<label class="govuk-label govuk-${kind}__label" for="${i === 0 ? id : `${id}-${i}`}">${lang === 'th' ? v.nameTh : v.nameEn}</label>
</div>`,
)}
</div>
</fieldset>
</div>`;
  }

  const labelHtml = options.asPage
    ? html`<h1 class="govuk-label-wrapper"><label class="govuk-label govuk-label--l" for="${id}">${heading}${optional}</label></h1>`
    : html`<label class="govuk-label govuk-label--s" for="${id}">${heading}${optional}</label>`;
  const common = html`id="${id}" name="${name}"${describedBy ? html` aria-describedby="${describedBy}"` : ''}${field.required ? ' required' : ''}`;
  const errorClass = options.error ? ' govuk-input--error' : '';
  let control: Html;
  if (field.datatype === 'text') {
    control = html`<textarea class="govuk-textarea${options.error ? ' govuk-textarea--error' : ''}" rows="5" ${common}${field.max ? html` maxlength="${field.max}"` : ''}>${single}</textarea>`;
  } else {
    const type =
      field.datatype === 'datetime'
        ? 'datetime-local'
        : field.format === 'date'
          ? 'date'
          : field.format === 'month'
            ? 'month'
            : field.format === 'email'
              ? 'email'
              : field.format === 'phone'
                ? 'tel'
                : 'text';
    const inputmode =
      field.datatype === 'number' || field.format === 'money' ? html` inputmode="decimal"` : '';
    const autocomplete =
      field.format === 'phone'
        ? ' autocomplete="tel"'
        : field.format === 'email'
          ? ' autocomplete="email"'
          : '';
    const width = field.datatype === 'number' || field.format === 'money' ? ' govuk-input--width-10' : '';
    control = html`<input class="govuk-input${width}${errorClass}" type="${type}" ${common}${inputmode}${autocomplete} value="${single}"${field.datatype === 'string' && field.max ? html` maxlength="${field.max}"` : ''}>`;
  }
  return html`<div class="${groupClass}">${labelHtml}${hint}${err}${control}</div>`;
}

/** The value a form holds for a field (checkboxes give every ticked value). */
export function readField(form: HTMLFormElement, field: ServiceField): FieldValue {
  const data = new FormData(form);
  if (field.datatype === 'multivaluelist') return data.getAll(field.code).map(String);
  const v = data.get(field.code);
  return v === null ? undefined : String(v).trim();
}

/** The value as the API takes it: numbers as numbers, lists as arrays, empty as absent. */
export function apiValue(field: ServiceField, value: FieldValue): unknown {
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return undefined;
  if (field.datatype === 'number' && typeof value === 'string' && field.format !== 'money') {
    const n = Number(value);
    return Number.isFinite(n) ? n : value;
  }
  if (field.datatype === 'datetime' && typeof value === 'string') {
    // datetime-local has no zone: the form is about Thailand, so Bangkok time.
    return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00+07:00` : value;
  }
  if (field.format === 'money' && typeof value === 'string') {
    const n = Number(value.replace(/,/g, ''));
    return Number.isFinite(n) ? n : value;
  }
  return value;
}

/** How a value reads back on the check-answers page. */
export function displayValue(field: ServiceField, value: FieldValue, lang: Lang): string {
  const values = Array.isArray(value) ? value : value ? [value] : [];
  return values
    .map((v) => {
      const known = field.values.find((x) => x.key === v);
      return known ? (lang === 'th' ? known.nameTh : known.nameEn) : v;
    })
    .join(', ');
}
