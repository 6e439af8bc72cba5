import { type Html, html } from '../../lib/html.ts';

export interface SummaryRow {
  readonly key: string;
  readonly value: string | Html;
  /** A "Change" link back to the question. */
  readonly change?: { readonly href: string; readonly label: string };
}

/** GOV.UK's summary list: the check-answers page, a case's details, a receipt. */
export function summaryList(rows: readonly SummaryRow[]): Html {
  return html`<dl class="govuk-summary-list">
${rows.map(
  (r) => html`<div class="govuk-summary-list__row">
<dt class="govuk-summary-list__key">${r.key}</dt>
<dd class="govuk-summary-list__value">${r.value}</dd>
${
  r.change
    ? html`<dd class="govuk-summary-list__actions"><a class="govuk-link" href="${r.change.href}">${r.change.label}<span class="govuk-visually-hidden"> ${r.key}</span></a></dd>`
    : ''
}
</div>`,
)}
</dl>`;
}
