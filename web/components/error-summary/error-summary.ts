import { type Html, html } from '../../lib/html.ts';

export interface FieldError {
  /** The id of the input the message is about; the summary links to it. */
  readonly id: string;
  readonly message: string;
}

/** GOV.UK's error summary: a titled list whose links move focus to each field in error. */
export function errorSummary(title: string, errors: readonly FieldError[]): Html {
  if (errors.length === 0) return html``;
  return html`<div class="govuk-error-summary" data-error-summary tabindex="-1">
  <div role="alert">
    <h2 class="govuk-error-summary__title">${title}</h2>
    <div class="govuk-error-summary__body">
      <ul class="govuk-list govuk-error-summary__list">
        ${errors.map((e) => html`<li><a href="#${e.id}">${e.message}</a></li>`)}
      </ul>
    </div>
  </div>
</div>`;
}

/** The message under a field's label, GOV.UK style, with a visually hidden "Error:" prefix. */
export function errorMessage(id: string, message: string | undefined, prefix: string): Html {
  if (!message) return html``;
  return html`<p id="${id}-error" class="govuk-error-message"><span class="govuk-visually-hidden">${prefix}</span> ${message}</p>`;
}
