import type { Service } from '../../shared/schemas/catalogue.ts';
import { errorSummary, type FieldError } from '../components/error-summary/error-summary.ts';
import { apiValue, fieldId, formField, readField } from '../components/form-field/form-field.ts';
import { summaryList } from '../components/summary-list/summary-list.ts';
import { formatDate } from '../lib/format.ts';
import { type Html, html } from '../lib/html.ts';
import {
  ApiError,
  api,
  app,
  fieldText,
  focusErrors,
  focusHeading,
  issueText,
  lang,
  render,
  t,
} from './core.ts';
import { type Officer, officerApi, provinceOf, requireOfficer } from './officer-core.ts';

/**
 * Counter filing for a walk-in citizen (DESIGN.md §9): the officer picks the service, types what
 * the citizen says (every field of the service on one page: officers know the form), files it as
 * the counter, and prints a receipt slip with the reference and the tracking code.
 */
interface Place {
  code: string;
  nameTh: string;
  nameEn: string;
  served?: boolean;
}
const input = (id: string, label: string, value = '', extra: Html = html``) =>
  html`<div class="govuk-form-group"><label class="govuk-label" for="${id}">${label}</label><input class="govuk-input" id="${id}" name="${id}" value="${value}" ${extra}></div>`;

function placeOf(path: string): string | undefined {
  const m = /^details\.([A-Za-z0-9]+)/.exec(path);
  if (m?.[1]) return fieldId(m[1]);
  return {
    'applicant.citizenId': 'citizenId',
    'applicant.firstName': 'firstName',
    'applicant.lastName': 'lastName',
    'applicant.phone': 'phone',
    provinceCode: 'provinceCode',
    districtCode: 'districtCode',
    serviceCode: 'serviceCode',
  }[path];
}

async function form(
  officer: Officer,
  services: Service[],
  provinces: Place[],
  chosen?: Service,
  errors: FieldError[] = [],
  values?: FormData,
) {
  const province = String(values?.get('provinceCode') ?? provinceOf(officer.agencyId) ?? '');
  const districts =
    chosen?.requiresDistrict && province
      ? (await api<{ items: Place[] }>('GET', `/v1/provinces/${province}/districts`)).items
      : [];
  const v = (k: string) => String(values?.get(k) ?? '');
  render(
    app(),
    html`<h1 class="govuk-heading-l">${t('officer.counter.title')}</h1>
${errorSummary(t('common.errorSummary'), errors)}
<form novalidate data-counter-form>
<div class="govuk-form-group"><label class="govuk-label govuk-label--s" for="serviceCode">${t('common.service')}</label>
<select class="govuk-select" id="serviceCode" name="serviceCode" data-service><option value="">${t('apply.choose')}</option>${services.map((s) => html`<option value="${s.code}"${chosen?.code === s.code ? ' selected' : ''}>${lang === 'th' ? s.nameTh : s.nameEn}</option>`)}</select></div>
${
  chosen
    ? html`<div class="govuk-form-group"><label class="govuk-label govuk-label--s" for="provinceCode">${t('common.province')}</label>
<select class="govuk-select" id="provinceCode" name="provinceCode" data-province>${provinces.map((p) => html`<option value="${p.code}"${p.code === province ? ' selected' : ''}>${lang === 'th' ? p.nameTh : p.nameEn}</option>`)}</select></div>
${chosen.requiresDistrict ? html`<div class="govuk-form-group"><label class="govuk-label govuk-label--s" for="districtCode">${t('common.district')}</label><select class="govuk-select" id="districtCode" name="districtCode"><option value="">${t('apply.choose')}</option>${districts.map((d) => html`<option value="${d.code}"${v('districtCode') === d.code ? ' selected' : ''}>${lang === 'th' ? d.nameTh : d.nameEn}</option>`)}</select></div>` : ''}
${input('citizenId', t('officer.counter.citizenId'), v('citizenId'), html`inputmode="numeric" autocomplete="off" spellcheck="false"`)}
${input('firstName', t('officer.counter.firstName'), v('firstName'))}
${input('lastName', t('officer.counter.lastName'), v('lastName'))}
${input('phone', `${t('apply.phone')} ${t('common.optional')}`, v('phone'), html`type="tel"`)}
${chosen.fields.map((f) => formField(f, lang, f.datatype === 'multivaluelist' ? (values?.getAll(f.code).map(String) ?? []) : v(f.code), fieldText, { error: errors.find((e) => e.id === fieldId(f.code))?.message }))}
<button type="submit" class="govuk-button">${t('officer.counter.file')}</button>`
    : ''
}
</form>`,
  );
  if (errors.length) focusErrors();
  const f = app().querySelector<HTMLFormElement>('[data-counter-form]');
  f?.querySelector('[data-service]')?.addEventListener('change', (e) => {
    const code = (e.target as HTMLSelectElement).value;
    void form(
      officer,
      services,
      provinces,
      services.find((s) => s.code === code),
      [],
      new FormData(f),
    );
  });
  f?.querySelector('[data-province]')?.addEventListener(
    'change',
    () => void form(officer, services, provinces, chosen, [], new FormData(f)),
  );
  f?.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!chosen) return;
    const data = new FormData(f);
    const details: Record<string, unknown> = {};
    for (const field of chosen.fields) {
      const value = apiValue(field, readField(f, field));
      if (value !== undefined) details[field.code] = value;
    }
    const phone = String(data.get('phone') ?? '').trim();
    officerApi<{ requestId: string; accessToken: string; dueAt: string }>(
      officer,
      'POST',
      '/v1/counter/requests',
      {
        serviceCode: chosen.code,
        provinceCode: String(data.get('provinceCode') ?? ''),
        ...(data.get('districtCode') && { districtCode: String(data.get('districtCode')) }),
        applicant: {
          citizenId: String(data.get('citizenId') ?? '').replace(/[\s-]/g, ''),
          firstName: String(data.get('firstName') ?? '').trim(),
          lastName: String(data.get('lastName') ?? '').trim(),
          ...(phone && { phone }),
        },
        ...(Object.keys(details).length > 0 && { details }),
      },
    ).then(
      (created) => slip(chosen, created),
      (error: unknown) => {
        const problems: FieldError[] =
          error instanceof ApiError && error.issues.length
            ? error.issues.map((i) => ({ id: placeOf(i.path) ?? 'serviceCode', message: issueText(i) }))
            : [{ id: 'serviceCode', message: (error as Error).message }];
        void form(officer, services, provinces, chosen, problems, data);
      },
    );
  });
}

function slip(service: Service, created: { requestId: string; accessToken: string; dueAt: string }) {
  render(
    app(),
    html`<div class="oss-slip" data-slip>
<h1 class="govuk-heading-l">${t('officer.counter.slip')}</h1>
<p class="govuk-body">${lang === 'th' ? service.nameTh : service.nameEn}</p>
${summaryList([
  {
    key: t('common.reference'),
    value: html`<span class="oss-mono" data-reference>${created.requestId}</span>`,
  },
  {
    key: t('officer.counter.token'),
    value: html`<span class="oss-mono" data-token>${created.accessToken}</span>`,
  },
  { key: t('common.dueDate'), value: formatDate(created.dueAt, lang) },
])}
<p class="govuk-body-s">${t('officer.counter.slipHint')}</p>
</div>
<div class="oss-actions oss-no-print"><button type="button" class="govuk-button" data-print>${t('common.print')}</button>
<a class="govuk-link" href="">${t('officer.counter.title')}</a></div>`,
  );
  focusHeading();
  app()
    .querySelector('[data-print]')
    ?.addEventListener('click', () => window.print());
}

async function start() {
  const officer = requireOfficer();
  if (!officer) return;
  const [{ items }, provinces] = await Promise.all([
    api<{ items: Service[] }>('GET', '/v1/services'),
    api<{ items: Place[] }>('GET', '/v1/provinces'),
  ]);
  await form(
    officer,
    items,
    provinces.items.filter((p) => p.served !== false),
  );
}
void start();
