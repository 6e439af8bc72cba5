import type { Service } from '../../shared/schemas/catalogue.ts';
import { displayValue } from '../components/form-field/form-field.ts';
import { statusTag } from '../components/status-tag/status-tag.ts';
import { type SummaryRow, summaryList } from '../components/summary-list/summary-list.ts';
import { timeline } from '../components/timeline/timeline.ts';
import { formatBaht, formatDate } from '../lib/format.ts';
import { type Html, html } from '../lib/html.ts';
import {
  ApiError,
  actorLabel,
  api,
  app,
  base,
  errorBanner,
  focusErrors,
  issueText,
  lang,
  query,
  render,
  statusLabel,
  successBanner,
  t,
} from './core.ts';
import { type Officer, officerApi, requireOfficer } from './officer-core.ts';

/**
 * One case for the officer: the citizen (ID masked), the filing, documents (opened through
 * short-lived links), bills, the timeline, and the actions its status allows, each with a note.
 */
interface CaseView {
  requestId: string;
  serviceCode: string;
  status: string;
  agencyId?: string;
  applicant: { citizenId: string; firstName: string; lastName: string; phone?: string; email?: string };
  details?: Record<string, unknown>;
  description?: string;
  documents: { documentId: string; type: string; status: string; contentType: string }[];
  bills?: { billId: string; amountThb: number; status: string; ref1: string }[];
  history: { at: string; status: string; actor: string; note?: string; noteTh?: string }[];
  createdAt: string;
  dueAt: string;
  overdue?: boolean;
  channel?: string;
  readOnly?: boolean;
}
const ACTIONS: Record<string, readonly string[]> = {
  ROUTED: ['accept', 'forward', 'reject'],
  IN_PROGRESS: ['request-info', 'bill', 'complete', 'forward', 'reject'],
  NEEDS_INFO: ['resume', 'reject'],
  AWAITING_PAYMENT: ['reject'],
};

/** The case's id; anything that is not one opens nothing (and never reaches a path). */
const given = (query.get('id') ?? '').trim().toLowerCase();
const id = /^[0-9a-f-]{36}$/.test(given) ? given : '00000000-0000-0000-0000-000000000000';
let notice: Html | undefined;

function actionForm(c: CaseView, service: Service | undefined): Html {
  const actions = c.readOnly ? [] : (ACTIONS[c.status] ?? []);
  if (c.readOnly) return html`<div class="govuk-inset-text">${t('officer.readOnly')}</div>`;
  if (actions.length === 0) return html``;
  const billable = service?.fee.model === 'assessed' || service?.fee.model === 'formula';
  return html`<form novalidate data-action-form>
<div class="govuk-form-group"><fieldset class="govuk-fieldset">
<legend class="govuk-fieldset__legend govuk-fieldset__legend--m"><h2 class="govuk-fieldset__heading">${t('officer.action')}</h2></legend>
<div class="govuk-radios govuk-radios--small">
${actions
  .filter((a) => a !== 'bill' || billable)
  .map(
    (a, i) =>
      html`<div class="govuk-radios__item"><input class="govuk-radios__input" id="${i === 0 ? 'action' : `action-${a}`}" name="action" type="radio" value="${a}"><label class="govuk-label govuk-radios__label" for="${i === 0 ? 'action' : `action-${a}`}">${t(`officer.act.${a}` as Parameters<typeof t>[0])}</label></div>`,
  )}
</div></fieldset></div>
<div class="govuk-form-group"><label class="govuk-label" for="note">${t('officer.note')}</label>
<div class="govuk-hint" id="note-hint">${t('officer.noteHint')}</div>
<textarea class="govuk-textarea" id="note" name="note" rows="3" aria-describedby="note-hint"></textarea></div>
<div class="govuk-form-group"><div class="govuk-checkboxes govuk-checkboxes--small"><div class="govuk-checkboxes__item">
<input class="govuk-checkboxes__input" id="publish" name="publish" type="checkbox" value="yes" aria-describedby="publish-hint">
<label class="govuk-label govuk-checkboxes__label" for="publish">${t('officer.publish')}</label>
<div class="govuk-hint govuk-checkboxes__hint" id="publish-hint">${t('officer.publishHint')}</div></div></div></div>
${actions.includes('forward') ? html`<div class="govuk-form-group"><label class="govuk-label" for="toAgencyId">${t('officer.toAgency')}</label><input class="govuk-input govuk-input--width-20" id="toAgencyId" name="toAgencyId" spellcheck="false"></div>` : ''}
${actions.includes('bill') && billable ? html`<div class="govuk-form-group"><label class="govuk-label" for="amountThb">${t('officer.amount')}</label><input class="govuk-input govuk-input--width-10" id="amountThb" name="amountThb" inputmode="decimal"></div>` : ''}
<button type="submit" class="govuk-button">${t('officer.do')}</button>
</form>`;
}

function view(c: CaseView, service: Service | undefined): Html {
  const detailRows: SummaryRow[] = Object.entries(c.details ?? {}).map(([code, value]) => {
    const field = service?.fields.find((f) => f.code === code);
    const shown = Array.isArray(value) ? value.map(String) : String(value);
    return {
      key: field ? (lang === 'th' ? field.labelTh : field.labelEn) : code,
      value: field ? displayValue(field, shown, lang) : String(shown),
    };
  });
  return html`${notice ?? ''}
<a href="${base}/officer/inbox/" class="govuk-back-link">${t('common.back')}</a>
<span class="govuk-caption-l">${t('common.reference')} <span class="oss-mono">${c.requestId}</span></span>
<h1 class="govuk-heading-l">${service ? (lang === 'th' ? service.nameTh : service.nameEn) : c.serviceCode}</h1>
${summaryList([
  {
    key: t('common.status'),
    value: html`${statusTag(c.status, statusLabel(c.status))}${c.overdue ? html` ${statusTag('REJECTED', t('request.overdue'))}` : ''}`,
  },
  { key: t('officer.applicant'), value: `${c.applicant.firstName} ${c.applicant.lastName}` },
  { key: t('officer.citizenId'), value: html`<span class="oss-mono">${c.applicant.citizenId}</span>` },
  ...(c.applicant.phone ? [{ key: t('apply.phone'), value: c.applicant.phone }] : []),
  ...(c.applicant.email ? [{ key: t('apply.email'), value: c.applicant.email }] : []),
  { key: t('common.filedOn'), value: formatDate(c.createdAt, lang) },
  { key: t('common.dueDate'), value: formatDate(c.dueAt, lang) },
])}
${detailRows.length ? html`<h2 class="govuk-heading-m">${t('officer.details')}</h2>${summaryList(detailRows)}` : ''}
${c.description ? html`<p class="govuk-body">${c.description}</p>` : ''}
${
  c.documents.length
    ? html`<h2 class="govuk-heading-m">${t('request.documents')}</h2><ul class="govuk-list">${c.documents.map(
        (d) => {
          const spec = service?.requiredDocuments.find((s) => s.type === d.type);
          return html`<li>${spec ? (lang === 'th' ? spec.nameTh : spec.nameEn) : d.type} ${statusTag(d.status === 'VERIFIED' ? 'COMPLETED' : d.status === 'REJECTED' ? 'REJECTED' : 'SUBMITTED', t(`request.doc.${d.status}` as Parameters<typeof t>[0]))}
${d.status === 'VERIFIED' ? html` <button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-open-document="${d.documentId}">${t('officer.view')}</button>` : ''}</li>`;
        },
      )}</ul>`
    : ''
}
${
  c.bills?.length
    ? html`<h2 class="govuk-heading-m">${t('service.fee')}</h2>${summaryList(
        c.bills.map((b) => ({
          key: b.ref1,
          value: `${formatBaht(b.amountThb, lang)} ${t('common.baht')} · ${t(`bill.${b.status}` as Parameters<typeof t>[0])}`,
        })),
      )}`
    : ''
}
${actionForm(c, service)}
<h2 class="govuk-heading-m">${t('request.timeline')}</h2>
${timeline(c.history, lang, { status: statusLabel, actor: actorLabel })}`;
}

async function show(officer: Officer, service?: Service) {
  let c: CaseView;
  try {
    c = await officerApi<CaseView>(
      officer,
      'GET',
      `/v1/agencies/${officer.agencyId}/requests/${encodeURIComponent(id)}`,
    );
  } catch (error) {
    render(
      app(),
      html`<a href="${base}/officer/inbox/" class="govuk-back-link">${t('common.back')}</a><h1 class="govuk-heading-l">${(error as ApiError).message}</h1>`,
    );
    return;
  }
  const svc = service ?? (await api<Service>('GET', `/v1/services/${c.serviceCode}`).catch(() => undefined));
  render(app(), view(c, svc));
  if (notice) focusErrors();
  notice = undefined;
  for (const button of app().querySelectorAll<HTMLButtonElement>('[data-open-document]')) {
    button.addEventListener('click', () => {
      void officerApi<{ url: string }>(
        officer,
        'GET',
        `/v1/agencies/${officer.agencyId}/requests/${id}/documents/${encodeURIComponent(button.dataset.openDocument ?? '')}`,
      ).then(
        (link) => window.open(link.url, '_blank', 'noopener'),
        (error: unknown) => {
          notice = errorBanner((error as Error).message);
          void show(officer, svc);
        },
      );
    });
  }
  app()
    .querySelector<HTMLFormElement>('[data-action-form]')
    ?.addEventListener('submit', (event) => {
      event.preventDefault();
      const data = new FormData(event.currentTarget as HTMLFormElement);
      const action = String(data.get('action') ?? '');
      if (!action) {
        notice = errorBanner(t('common.chooseOne', { label: t('officer.actionLabel') }));
        void show(officer, svc);
        return;
      }
      const note = String(data.get('note') ?? '').trim();
      const toAgencyId = String(data.get('toAgencyId') ?? '').trim();
      const amount = String(data.get('amountThb') ?? '').trim();
      const body = {
        action,
        ...(note && { note }),
        ...(note && data.get('publish') === 'yes' && { publish: true }),
        ...(action === 'forward' && toAgencyId && { toAgencyId }),
        ...(action === 'bill' && amount && { amountThb: Number(amount) }),
      };
      officerApi<{ status: string }>(
        officer,
        'POST',
        `/v1/agencies/${officer.agencyId}/requests/${id}/actions`,
        body,
      ).then(
        (r) => {
          notice = successBanner(t('officer.done', { status: statusLabel(r.status) }));
          void show(officer, svc);
        },
        (error: unknown) => {
          notice = errorBanner(
            error instanceof ApiError && error.issues.length
              ? error.issues.map(issueText).join(' · ')
              : (error as Error).message,
          );
          void show(officer, svc);
        },
      );
    });
}

const officer = requireOfficer();
if (officer) void show(officer);
