import { type Html, html } from '../../lib/html.ts';

const COLOUR: Record<string, string> = {
  AWAITING_DOCUMENTS: 'yellow',
  AWAITING_PAYMENT: 'yellow',
  SUBMITTED: 'blue',
  ROUTED: 'blue',
  IN_PROGRESS: 'light-blue',
  NEEDS_INFO: 'orange',
  COMPLETED: 'green',
  REJECTED: 'red',
  CANCELLED: 'grey',
};

/** A request's status as a GOV.UK tag, in the page's language. */
export function statusTag(status: string, label: string): Html {
  return html`<strong class="govuk-tag govuk-tag--${COLOUR[status] ?? 'grey'}" data-status="${status}">${label}</strong>`;
}
