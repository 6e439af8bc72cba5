import type { Lang } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { type Html, html } from '../../lib/html.ts';

export interface TimelineEntry {
  readonly at: string;
  readonly status: string;
  readonly actor: string;
  readonly note?: string;
  readonly noteTh?: string;
}

/**
 * A request's history, newest first: when, who (citizen, system or an agency) and what was said.
 * Thai pages show the Thai note where there is one.
 */
export function timeline(
  entries: readonly TimelineEntry[],
  lang: Lang,
  labels: { status: (s: string) => string; actor: (a: string) => string },
): Html {
  return html`<ol class="oss-timeline" reversed>
${[...entries].reverse().map(
  (e) => html`<li class="oss-timeline__item">
<h3 class="govuk-heading-s oss-timeline__title">${labels.status(e.status)}</h3>
<p class="govuk-body-s oss-timeline__meta"><time datetime="${e.at}">${formatDateTime(e.at, lang)}</time> · ${labels.actor(e.actor)}</p>
${e.note ? html`<p class="govuk-body oss-timeline__note">${lang === 'th' ? (e.noteTh ?? e.note) : e.note}</p>` : ''}
</li>`,
)}
</ol>`;
}
