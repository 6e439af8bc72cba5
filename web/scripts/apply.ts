import type { Service, ServiceField } from '../../shared/schemas/catalogue.ts';
import { errorMessage, errorSummary, type FieldError } from '../components/error-summary/error-summary.ts';
import {
  apiValue,
  displayValue,
  type FieldValue,
  fieldId,
  formField,
  readField,
} from '../components/form-field/form-field.ts';
import { type SummaryRow, summaryList } from '../components/summary-list/summary-list.ts';
import { type Html, html } from '../lib/html.ts';
import {
  ApiError,
  api,
  app,
  base,
  errorBanner,
  fieldText,
  focusErrors,
  focusHeading,
  issueText,
  lang,
  mountSession,
  query,
  render,
  requireSignIn,
  t,
} from './core.ts';

/**
 * Filing, one question per page (GOV.UK's pattern), generated from the service's catalogue entry:
 * where, then each field, then contact details, then check your answers. Answers live in
 * sessionStorage until the request is filed; the step is in the URL, so Back works.
 */
interface Place {
  readonly code: string;
  readonly nameTh: string;
  readonly nameEn: string;
  /** Provinces: whether this deployment accepts requests for it yet. */
  readonly served?: boolean;
}
interface Answers {
  provinceCode?: string;
  districtCode?: string;
  details: Record<string, FieldValue>;
  phone?: string;
  email?: string;
  /** One key per filing: a retried or double-clicked submit files once. */
  idempotencyKey: string;
  /** Problems the API found, by step, shown on that step's page. */
  problems?: Record<string, Record<string, string>>;
}
type Step =
  | { id: string; kind: 'province' | 'district' | 'contact' | 'check' }
  | { id: string; kind: 'field'; field: ServiceField };

const code = query.get('service') ?? '';
const storeKey = `oss-apply:${code}`;
const placeName = (p: Place) => (lang === 'th' ? p.nameTh : p.nameEn);

function load(): Answers {
  try {
    const saved = JSON.parse(sessionStorage.getItem(storeKey) ?? '') as Answers;
    if (saved && typeof saved === 'object' && saved.idempotencyKey) return saved;
  } catch {
    // nothing saved yet
  }
  return { details: {}, idempotencyKey: crypto.randomUUID() };
}
const save = (a: Answers) => sessionStorage.setItem(storeKey, JSON.stringify(a));

function stepsOf(service: Service): Step[] {
  return [
    { id: 'province', kind: 'province' },
    ...(service.requiresDistrict ? [{ id: 'district', kind: 'district' } as Step] : []),
    ...service.fields.map((field) => ({ id: `field-${field.code}`, kind: 'field', field }) as Step),
    { id: 'contact', kind: 'contact' },
    { id: 'check', kind: 'check' },
  ];
}

/** A step's URL; `fromCheck` when the citizen came to change an answer, to go back to the check page after. */
const stepUrl = (id: string, fromCheck = false) =>
  `${base}/apply/?service=${encodeURIComponent(code)}&step=${id}${fromCheck ? '&from=check' : ''}`;

function go(id: string, replace = false, fromCheck = false) {
  const url = stepUrl(id, fromCheck);
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  void show();
}

let service: Service | undefined;
let provinces: Place[] = [];
const districtCache = new Map<string, Place[]>();
const subdistrictCache = new Map<string, Place[]>();

async function districtsOf(provinceCode: string): Promise<Place[]> {
  if (!districtCache.has(provinceCode)) {
    const r = await api<{ items: Place[] }>('GET', `/v1/provinces/${provinceCode}/districts`);
    districtCache.set(provinceCode, r.items);
  }
  return districtCache.get(provinceCode) ?? [];
}
async function subdistrictsOf(districtCode: string): Promise<Place[]> {
  if (!subdistrictCache.has(districtCode)) {
    const r = await api<{ items: Place[] }>('GET', `/v1/districts/${districtCode}/subdistricts`);
    subdistrictCache.set(districtCode, r.items);
  }
  return subdistrictCache.get(districtCode) ?? [];
}

function selectQuestion(
  id: string,
  heading: string,
  places: readonly Place[],
  value: string | undefined,
  error?: string,
): Html {
  return html`<div class="govuk-form-group${error ? ' govuk-form-group--error' : ''}">
<h1 class="govuk-label-wrapper"><label class="govuk-label govuk-label--l" for="${id}">${heading}</label></h1>
${errorMessage(id, error, `${t('common.errorSummary')}:`)}
<select class="govuk-select${error ? ' govuk-select--error' : ''}" id="${id}" name="${id}"${error ? html` aria-describedby="${id}-error"` : ''}>
<option value="">${t('apply.choose')}</option>
${places.map((p) => html`<option value="${p.code}"${p.code === value ? ' selected' : ''}>${placeName(p)}</option>`)}
</select>
</div>`;
}

/** A `subdistrict` field becomes a list of the chosen district's subdistricts. */
async function asAsked(field: ServiceField, answers: Answers): Promise<ServiceField> {
  if (field.format !== 'subdistrict' || !answers.districtCode) return field;
  const subs = await subdistrictsOf(answers.districtCode).catch(() => []);
  if (subs.length === 0) return field;
  return {
    ...field,
    datatype: 'singlevaluelist',
    values: subs.map((s) => ({ key: s.code, nameTh: s.nameTh, nameEn: s.nameEn })),
  };
}

function frame(steps: Step[], step: Step, body: Html, errors: FieldError[]): Html {
  const index = steps.indexOf(step);
  const back = index > 0 ? stepUrl(steps[index - 1]?.id ?? '') : `${base}/services/${code}/`;
  return html`<a href="${back}" class="govuk-back-link" data-back>${t('common.back')}</a>
<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
${errorSummary(t('common.errorSummary'), errors)}
<span class="govuk-caption-l">${service ? (lang === 'th' ? service.nameTh : service.nameEn) : ''} · ${t('apply.step', { n: index + 1, total: steps.length })}</span>
${body}
</div></div>`;
}

async function show(): Promise<void> {
  if (!service) return;
  const root = app();
  const steps = stepsOf(service);
  const answers = load();
  const current = new URLSearchParams(location.search).get('step');
  const step = steps.find((s) => s.id === current) ?? steps[0];
  if (!step) return;
  const problems = answers.problems?.[step.id] ?? {};
  const errors: FieldError[] = Object.entries(problems).map(([id, message]) => ({ id, message }));

  if (step.kind === 'check') {
    await renderCheck(root, steps, step, answers);
    return;
  }
  let question: Html;
  if (step.kind === 'province') {
    question = selectQuestion(
      'provinceCode',
      t('apply.province'),
      provinces,
      answers.provinceCode,
      problems.provinceCode,
    );
  } else if (step.kind === 'district') {
    if (!answers.provinceCode) {
      go('province', true);
      return;
    }
    const districts = await districtsOf(answers.provinceCode);
    question = selectQuestion(
      'districtCode',
      t('apply.district'),
      districts,
      answers.districtCode,
      problems.districtCode,
    );
  } else if (step.kind === 'contact') {
    question = html`<fieldset class="govuk-fieldset" aria-describedby="contact-hint">
<legend class="govuk-fieldset__legend govuk-fieldset__legend--l"><h1 class="govuk-fieldset__heading">${t('apply.contact')}</h1></legend>
<div id="contact-hint" class="govuk-hint">${t('apply.contactHint')}</div>
<div class="govuk-form-group${problems.phone ? ' govuk-form-group--error' : ''}">
<label class="govuk-label" for="phone">${t('apply.phone')} <span class="oss-optional">${t('common.optional')}</span></label>
${errorMessage('phone', problems.phone, `${t('common.errorSummary')}:`)}
<input class="govuk-input govuk-input--width-20" id="phone" name="phone" type="tel" autocomplete="tel" value="${answers.phone ?? ''}">
</div>
<div class="govuk-form-group${problems.email ? ' govuk-form-group--error' : ''}">
<label class="govuk-label" for="email">${t('apply.email')} <span class="oss-optional">${t('common.optional')}</span></label>
${errorMessage('email', problems.email, `${t('common.errorSummary')}:`)}
<input class="govuk-input" id="email" name="email" type="email" autocomplete="email" spellcheck="false" value="${answers.email ?? ''}">
</div>
</fieldset>`;
  } else if (step.kind === 'field') {
    const field = await asAsked(step.field, answers);
    question = formField(field, lang, answers.details[field.code], fieldText, {
      error: problems[fieldId(field.code)],
      asPage: true,
    });
  } else {
    return;
  }
  render(
    root,
    frame(
      steps,
      step,
      html`<form novalidate data-step-form>${question}<button type="submit" class="govuk-button" data-module="govuk-button">${t('common.continue')}</button></form>`,
      errors,
    ),
  );
  if (errors.length) focusErrors();
  else focusHeading();
  root.querySelector<HTMLFormElement>('[data-step-form]')?.addEventListener('submit', (event) => {
    event.preventDefault();
    void next(event.currentTarget as HTMLFormElement, steps, step, answers);
  });
}

/** A subdistrict answered for one district means nothing in another: ask again. */
function forgetSubdistricts(answers: Answers) {
  for (const f of service?.fields ?? []) if (f.format === 'subdistrict') delete answers.details[f.code];
}

async function next(form: HTMLFormElement, steps: Step[], step: Step, answers: Answers) {
  const problems: Record<string, string> = {};
  const data = new FormData(form);
  if (step.kind === 'province') {
    const v = String(data.get('provinceCode') ?? '');
    if (!v) problems.provinceCode = t('common.chooseOne', { label: t('common.province') });
    if (v !== answers.provinceCode) {
      answers.districtCode = undefined;
      forgetSubdistricts(answers);
    }
    answers.provinceCode = v || undefined;
  } else if (step.kind === 'district') {
    const v = String(data.get('districtCode') ?? '');
    if (!v) problems.districtCode = t('common.chooseOne', { label: t('common.district') });
    if (v !== answers.districtCode) forgetSubdistricts(answers);
    answers.districtCode = v || undefined;
  } else if (step.kind === 'contact') {
    answers.phone = String(data.get('phone') ?? '').trim() || undefined;
    answers.email = String(data.get('email') ?? '').trim() || undefined;
    if (answers.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(answers.email))
      problems.email = `${t('apply.email')}: ${t('apply.example', { example: 'name@example.com' })}`;
  } else if (step.kind === 'field') {
    const field = await asAsked(step.field, answers);
    const value = readField(form, field);
    answers.details[field.code] = value;
    const empty = value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
    const label = lang === 'th' ? field.labelTh : field.labelEn;
    if (field.required && empty) {
      problems[fieldId(field.code)] =
        field.values.length > 0 || field.datatype.endsWith('list')
          ? t('common.chooseOne', { label })
          : t('common.required', { label });
    } else if (
      !empty &&
      field.format === 'pattern' &&
      field.pattern &&
      typeof value === 'string' &&
      !new RegExp(`^(?:${field.pattern})$`).test(value)
    ) {
      problems[fieldId(field.code)] = `${label}: ${t('apply.example', { example: field.example ?? '' })}`;
    }
  }
  answers.problems = { ...answers.problems, [step.id]: problems };
  if (Object.keys(problems).length === 0) delete answers.problems[step.id];
  save(answers);
  if (Object.keys(problems).length > 0) {
    await show();
    return;
  }
  const index = steps.indexOf(step);
  // Answers changed: an old problem with the whole filing no longer stands.
  if (answers.problems?.check) delete answers.problems.check;
  save(answers);
  // Came to correct or change an answer: the next problem, else straight back to the check page.
  const fromCheck = new URLSearchParams(location.search).get('from') === 'check';
  const pending = steps.find((s) => s.id !== 'check' && answers.problems?.[s.id])?.id;
  if (fromCheck) go(pending ?? 'check', false, pending !== undefined);
  else go(pending ?? steps[index + 1]?.id ?? 'check');
}

async function renderCheck(root: HTMLElement, steps: Step[], step: Step, answers: Answers) {
  if (!service) return;
  const province = provinces.find((p) => p.code === answers.provinceCode);
  const district = answers.provinceCode
    ? (await districtsOf(answers.provinceCode)).find((d) => d.code === answers.districtCode)
    : undefined;
  const rows: SummaryRow[] = [
    {
      key: t('common.province'),
      value: province ? placeName(province) : '',
      change: { href: stepUrl('province', true), label: t('common.change') },
    },
    ...(service.requiresDistrict
      ? [
          {
            key: t('common.district'),
            value: district ? placeName(district) : '',
            change: { href: stepUrl('district', true), label: t('common.change') },
          },
        ]
      : []),
  ];
  for (const f of service.fields) {
    const field = await asAsked(f, answers);
    rows.push({
      key: lang === 'th' ? field.labelTh : field.labelEn,
      value: displayValue(field, answers.details[field.code], lang),
      change: { href: stepUrl(`field-${field.code}`, true), label: t('common.change') },
    });
  }
  rows.push({
    key: t('apply.phone'),
    value: answers.phone ?? '',
    change: { href: stepUrl('contact', true), label: t('common.change') },
  });
  rows.push({
    key: t('apply.email'),
    value: answers.email ?? '',
    change: { href: stepUrl('contact', true), label: t('common.change') },
  });
  const general = answers.problems?.check?.general;
  render(
    root,
    frame(
      steps,
      step,
      html`${general ? errorBanner(general) : ''}
<h1 class="govuk-heading-l">${t('apply.check')}</h1>
${summaryList(rows)}
<p class="govuk-body">${t('apply.declaration')}</p>
<form novalidate data-submit-form><button type="submit" class="govuk-button" data-module="govuk-button" data-prevent-double-click="true">${t('apply.submit')}</button></form>`,
      [],
    ),
  );
  if (general) focusErrors();
  else focusHeading();
  root.querySelector<HTMLFormElement>('[data-submit-form]')?.addEventListener('submit', (event) => {
    event.preventDefault();
    const button = (event.currentTarget as HTMLFormElement).querySelector('button');
    if (button) button.disabled = true;
    void submit(steps, answers).finally(() => {
      if (button) button.disabled = false;
    });
  });
}

/** Which step's page a problem the API found at `path` belongs on, and the input it is about. */
function placeOf(path: string): { step: string; input: string } | undefined {
  if (path === 'provinceCode') return { step: 'province', input: 'provinceCode' };
  if (path === 'districtCode') return { step: 'district', input: 'districtCode' };
  if (path === 'applicant.phone') return { step: 'contact', input: 'phone' };
  if (path === 'applicant.email') return { step: 'contact', input: 'email' };
  const m = /^details\.([A-Za-z0-9]+)/.exec(path);
  if (m?.[1] && service?.fields.some((f) => f.code === m[1]))
    return { step: `field-${m[1]}`, input: fieldId(m[1]) };
  return undefined;
}

async function submit(steps: Step[], answers: Answers) {
  if (!service) return;
  const details: Record<string, unknown> = {};
  for (const f of service.fields) {
    const v = apiValue(f, answers.details[f.code]);
    if (v !== undefined) details[f.code] = v;
  }
  try {
    const created = await api<{ requestId: string }>('POST', '/v1/requests', {
      headers: { 'idempotency-key': answers.idempotencyKey },
      body: {
        serviceCode: service.code,
        provinceCode: answers.provinceCode,
        ...(answers.districtCode && { districtCode: answers.districtCode }),
        applicant: {
          ...(answers.phone && { phone: answers.phone }),
          ...(answers.email && { email: answers.email }),
        },
        ...(Object.keys(details).length > 0 && { details }),
      },
    });
    sessionStorage.removeItem(storeKey);
    location.assign(`${base}/requests/view/?id=${created.requestId}&new=1`);
  } catch (error) {
    const problems: Record<string, Record<string, string>> = {};
    if (error instanceof ApiError && error.code === 'IDEMPOTENCY_KEY_REUSED') {
      // An earlier attempt with different answers was filed: these answers get a filing of their own.
      answers.idempotencyKey = crypto.randomUUID();
      problems.check = { general: error.message };
    } else if (error instanceof ApiError && error.status === 400 && error.issues.length > 0) {
      const general: string[] = [];
      for (const issue of error.issues) {
        const place = placeOf(issue.path);
        if (!place) {
          general.push(issueText(issue));
          continue;
        }
        problems[place.step] = { ...problems[place.step], [place.input]: issueText(issue) };
      }
      if (general.length) problems.check = { general: general.join(' · ') };
    } else {
      problems.check = { general: error instanceof Error ? error.message : t('common.tryAgain') };
    }
    answers.problems = problems;
    save(answers);
    const first = steps.find((s) => problems[s.id] && s.id !== 'check');
    go(first?.id ?? 'check', true, first !== undefined);
  }
}

async function start() {
  const me = await mountSession();
  if (!requireSignIn(me)) return;
  try {
    [service, { items: provinces }] = await Promise.all([
      api<Service>('GET', `/v1/services/${encodeURIComponent(code)}`),
      api<{ items: Place[] }>('GET', '/v1/provinces'),
    ]);
  } catch {
    render(
      app(),
      html`<h1 class="govuk-heading-l">${t('apply.unknownService')}</h1><p class="govuk-body"><a class="govuk-link" href="${base}/">${t('page.home')}</a></p>`,
    );
    return;
  }
  provinces = provinces.filter((p) => p.served !== false);
  document.title = `${t('apply.title', { service: lang === 'th' ? service.nameTh : service.nameEn })} – ${t('site.name')}`;
  window.addEventListener('popstate', () => void show());
  await show();
}

void start();
