import { AGENCY_LIST_ORDER } from '../../shared/domain/lifecycle.ts';
import { statusTag } from '../components/status-tag/status-tag.ts';
import { formatDate } from '../lib/format.ts';
import { html } from '../lib/html.ts';
import { type ApiError, app, base, lang, query, render, serviceName, statusLabel, t } from './core.ts';
import { type Officer, officerApi, requireOfficer } from './officer-core.ts';

/**
 * The agency's requests: open work first, filtered by status, service and overdue, a search by
 * reference, paging, and a CSV export of everything the filters select.
 */
interface Item {
  requestId: string;
  serviceCode: string;
  status: string;
  createdAt: string;
  dueAt: string;
  overdue?: boolean;
}
/** The statuses an agency's list can be filtered by, in the API's own order. */
const STATUSES = AGENCY_LIST_ORDER;

function listPath(officer: Officer, cursor?: string) {
  const p = new URLSearchParams();
  for (const k of ['status', 'serviceCode', 'overdue']) {
    const v = query.get(k);
    if (v) p.set(k, v);
  }
  if (cursor) p.set('cursor', cursor);
  return `/v1/agencies/${officer.agencyId}/requests${p.size ? `?${p}` : ''}`;
}

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** Every page the filters select, as CSV (with a BOM, so spreadsheet programs read the Thai). */
async function exportCsv(officer: Officer) {
  const lines = [
    ['requestId', 'serviceCode', 'service', 'status', 'createdAt', 'dueAt', 'overdue'].join(','),
  ];
  let cursor: string | undefined;
  for (let page = 0; page < 200; page++) {
    const r = await officerApi<{ items: Item[]; next?: string }>(officer, 'GET', listPath(officer, cursor));
    for (const i of r.items) {
      lines.push(
        [
          i.requestId,
          i.serviceCode,
          await serviceName(i.serviceCode),
          i.status,
          i.createdAt,
          i.dueAt,
          i.overdue ? 'yes' : 'no',
        ]
          .map(csvCell)
          .join(','),
      );
    }
    cursor = r.next;
    if (!cursor) break;
  }
  const blob = new Blob([`\uFEFF${lines.join('\r\n')}\r\n`], { type: 'text/csv;charset=utf-8' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `requests-${officer.agencyId}-${new Date().toISOString().slice(0, 10)}.csv`;
  document.body.append(a);
  a.click();
  a.remove();
  return lines.length - 1;
}

async function start() {
  const officer = requireOfficer();
  if (!officer) return;
  const services = await officerApi<{ items: { code: string; nameTh: string; nameEn: string }[] }>(
    officer,
    'GET',
    '/v1/services',
  );
  let list: { items: Item[]; next?: string };
  try {
    list = await officerApi(officer, 'GET', listPath(officer, query.get('cursor') ?? undefined));
  } catch (error) {
    render(
      app(),
      html`<h1 class="govuk-heading-l">${t('officer.inbox.title')}</h1><p class="govuk-body">${(error as ApiError).message}</p>`,
    );
    return;
  }
  const names = await Promise.all(list.items.map((i) => serviceName(i.serviceCode)));
  const nextUrl = list.next
    ? `?${new URLSearchParams({ ...Object.fromEntries(query), cursor: list.next })}`
    : undefined;
  render(
    app(),
    html`<h1 class="govuk-heading-l">${t('officer.inbox.title')} <span class="govuk-caption-m">${officer.agencyId}</span></h1>
<form method="get" action="${base}/officer/case/" class="oss-actions">
<div class="govuk-form-group"><label class="govuk-label" for="ref">${t('officer.searchRef')}</label>
<input class="govuk-input govuk-input--width-30 oss-mono" id="ref" name="id" spellcheck="false" pattern="[0-9a-fA-F-]{36}"></div>
<button type="submit" class="govuk-button govuk-button--secondary">${t('common.search')}</button>
</form>
<details class="govuk-details"${query.size ? ' open' : ''}><summary class="govuk-details__summary"><span class="govuk-details__summary-text">${t('officer.filters')}</span></summary>
<div class="govuk-details__text"><form method="get" action="">
<div class="govuk-form-group"><label class="govuk-label" for="status">${t('officer.filter.status')}</label>
<select class="govuk-select" id="status" name="status"><option value="">${t('officer.filter.any')}</option>${STATUSES.map((s) => html`<option value="${s}"${query.get('status') === s ? ' selected' : ''}>${statusLabel(s)}</option>`)}</select></div>
<div class="govuk-form-group"><label class="govuk-label" for="serviceCode">${t('officer.filter.service')}</label>
<select class="govuk-select" id="serviceCode" name="serviceCode"><option value="">${t('officer.filter.any')}</option>${services.items.map((s) => html`<option value="${s.code}"${query.get('serviceCode') === s.code ? ' selected' : ''}>${lang === 'th' ? s.nameTh : s.nameEn}</option>`)}</select></div>
<div class="govuk-form-group"><div class="govuk-checkboxes govuk-checkboxes--small"><div class="govuk-checkboxes__item">
<input class="govuk-checkboxes__input" id="overdue" name="overdue" type="checkbox" value="true"${query.get('overdue') === 'true' ? ' checked' : ''}>
<label class="govuk-label govuk-checkboxes__label" for="overdue">${t('officer.filter.overdue')}</label></div></div></div>
<button type="submit" class="govuk-button govuk-button--secondary">${t('officer.filter.apply')}</button>
</form></div></details>
${
  list.items.length === 0
    ? html`<p class="govuk-body">${t('officer.empty')}</p>`
    : html`<div class="oss-table-wrap"><table class="govuk-table" data-requests>
<thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">${t('common.reference')}</th><th scope="col" class="govuk-table__header">${t('common.service')}</th><th scope="col" class="govuk-table__header">${t('common.status')}</th><th scope="col" class="govuk-table__header">${t('common.dueDate')}</th></tr></thead>
<tbody class="govuk-table__body">${list.items.map(
        (i, n) =>
          html`<tr class="govuk-table__row"><td class="govuk-table__cell"><a class="govuk-link oss-mono" href="${base}/officer/case/?id=${i.requestId}">${i.requestId}</a></td><td class="govuk-table__cell">${names[n]}</td><td class="govuk-table__cell">${statusTag(i.status, statusLabel(i.status))}${i.overdue ? html` ${statusTag('REJECTED', t('request.overdue'))}` : ''}</td><td class="govuk-table__cell">${formatDate(i.dueAt, lang)}</td></tr>`,
      )}</tbody></table></div>`
}
<div class="oss-actions">
${nextUrl ? html`<a class="govuk-link" href="${nextUrl}">${t('requests.more')}</a>` : ''}
<button type="button" class="govuk-button govuk-button--secondary" data-export>${t('officer.export')}</button>
<span class="govuk-body-s" role="status" aria-live="polite" data-export-status></span>
</div>`,
  );
  app()
    .querySelector('[data-export]')
    ?.addEventListener('click', () => {
      const status = app().querySelector('[data-export-status]');
      void exportCsv(officer).then(
        (n) => {
          if (status) status.textContent = `CSV: ${n}`;
        },
        (error: unknown) => {
          if (status) status.textContent = (error as Error).message;
        },
      );
    });
}
void start();
