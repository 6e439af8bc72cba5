import { allServices } from '../../shared/data/services.ts';
import type { Service } from '../../shared/schemas/catalogue.ts';
import { type Assets, layout } from '../components/layout/layout.ts';
import { summaryList } from '../components/summary-list/summary-list.ts';
import { basePath, type Lang, translator } from '../i18n/index.ts';
import { formatBaht, formatBytes } from '../lib/format.ts';
import { type Html, html } from '../lib/html.ts';

export interface BuiltPage {
  /** Where the page is written under web/dist. */
  readonly file: string;
  readonly html: string;
}

const GROUPS = ['damrongdhama', 'pao', 'district', 'local'] as const;

/**
 * Every page of the site in one language. Pages that show a citizen's or an agency's data are
 * shells: their script fills them from the API. Service pages come from the catalogue, so a new
 * service needs no new page.
 */
export function pages(lang: Lang, assets: Assets): BuiltPage[] {
  const t = translator(lang);
  const base = basePath(lang);
  const name = (s: Service) => (lang === 'th' ? s.nameTh : s.nameEn);
  const prefix = lang === 'en' ? 'en/' : '';
  const page = (
    file: string,
    path: string,
    title: string,
    body: Html,
    script = 'session',
    officer = false,
  ) => ({
    file: `${prefix}${file}`,
    html: layout({ lang, title, path, body, script, assets, officer }),
  });
  const shell = (title: string, attrs: Html = html``) =>
    html`<div id="app" data-app ${attrs} aria-live="polite"><h1 class="govuk-heading-l">${title}</h1><p class="govuk-body">${t('common.loading')}</p></div>`;

  const feeText = (s: Service) =>
    s.fee.model === 'none'
      ? t('service.feeNone')
      : s.fee.model === 'fixed'
        ? `${formatBaht(s.fee.amountThb ?? s.feeThb, lang)} ${t('common.baht')}`
        : s.fee.model === 'assessed'
          ? `${t('service.feeAssessed')}${s.fee.formula ? ` (${s.fee.formula})` : ''}`
          : (s.fee.formula ?? t('service.feeAssessed'));

  const home = html`<h1 class="govuk-heading-xl">${t('home.title')}</h1>
<p class="govuk-body-l">${t('home.lead')}</p>
<div class="govuk-form-group">
  <label class="govuk-label govuk-label--m" for="finder">${t('home.finderLabel')}</label>
  <div id="finder-hint" class="govuk-hint">${t('home.finderHint')}</div>
  <input class="govuk-input govuk-!-width-two-thirds" id="finder" type="search" aria-describedby="finder-hint" autocomplete="off" data-finder>
</div>
<p class="govuk-body" role="status" aria-live="polite" data-finder-status></p>
${GROUPS.map((g) => {
  const inGroup = allServices().filter((s) => s.agencyType === g);
  if (inGroup.length === 0) return '';
  return html`<section data-finder-group>
<h2 class="govuk-heading-m">${t(`home.group.${g}`)}</h2>
<ul class="oss-service-list">
${inGroup.map(
  (
    s,
  ) => html`<li class="oss-service-list__item" data-finder-item data-search="${`${s.nameTh} ${s.nameEn} ${s.code}`.toLowerCase()}">
<a class="govuk-link govuk-heading-s" href="${base}/services/${s.code}/">${name(s)}</a>
<p class="govuk-body-s">${lang === 'th' ? s.descriptionTh : s.descriptionEn}</p>
</li>`,
)}
</ul>
</section>`;
})}`;

  const servicePages = allServices().map((s) =>
    page(
      `services/${s.code}/index.html`,
      `/services/${s.code}/`,
      name(s),
      html`<a href="${base}/" class="govuk-back-link">${t('common.back')}</a>
<h1 class="govuk-heading-xl">${name(s)}</h1>
<p class="govuk-body-l">${lang === 'th' ? s.descriptionTh : s.descriptionEn}</p>
${summaryList([
  { key: t('service.whoHandles'), value: t(`home.group.${s.agencyType}`) },
  { key: t('service.deadline'), value: t(s.slaDays === 1 ? 'common.day' : 'common.days', { n: s.slaDays }) },
  { key: t('service.fee'), value: feeText(s) },
  {
    key: t('service.documents'),
    value:
      s.requiredDocuments.length === 0
        ? t('service.noDocuments')
        : html`<ul class="govuk-list govuk-list--bullet">${s.requiredDocuments.map(
            (d) =>
              html`<li>${lang === 'th' ? d.nameTh : d.nameEn} <span class="govuk-hint oss-inline">(${d.contentTypes.map((c) => c.split('/')[1]?.toUpperCase()).join(', ')}, ≤ ${formatBytes(d.maxBytes)})${d.optional ? ` ${t('service.optionalDocument')}` : ''}</span></li>`,
          )}</ul>`,
  },
])}
<p class="govuk-body">${t('service.signInFirst')}</p>
<a href="${base}/apply/?service=${s.code}" role="button" draggable="false" class="govuk-button govuk-button--start" data-module="govuk-button">${t('service.start')}
<svg class="govuk-button__start-icon" xmlns="http://www.w3.org/2000/svg" width="17.5" height="19" viewBox="0 0 33 40" aria-hidden="true" focusable="false"><path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z"/></svg></a>
<details class="govuk-details"><summary class="govuk-details__summary"><span class="govuk-details__summary-text">${t('service.source')}</span></summary><div class="govuk-details__text">${s.source}</div></details>`,
    ),
  );

  const staticPage = (
    file: string,
    path: string,
    titleKey: 'page.accessibility.title' | 'page.privacy.title',
    bodyKeys: Parameters<typeof t>[0][],
  ) =>
    page(
      file,
      path,
      t(titleKey),
      html`<h1 class="govuk-heading-xl">${t(titleKey)}</h1>${bodyKeys.map((k) => html`<p class="govuk-body">${t(k)}</p>`)}`,
    );

  return [
    page('index.html', '/', t('home.title'), home, 'finder'),
    ...servicePages,
    page(
      'sign-in/index.html',
      '/sign-in/',
      t('signIn.title'),
      html`<h1 class="govuk-heading-xl">${t('signIn.title')}</h1>
<p class="govuk-body-l">${t('signIn.lead')}</p>
<h2 class="govuk-heading-m">${t('signIn.privacyTitle')}</h2>
<ul class="govuk-list govuk-list--bullet"><li>${t('signIn.privacy1')}</li><li>${t('signIn.privacy2')}</li><li>${t('signIn.privacy3')}</li></ul>
<p class="govuk-body"><a class="govuk-link" href="${base}/privacy/">${t('footer.privacy')}</a></p>
<a class="govuk-button" data-thaid-login href="/v1/auth/thaid/login?returnTo=${encodeURIComponent(`${base}/requests/`)}">${t('signIn.button')}</a>`,
    ),
    page(
      'apply/index.html',
      '/apply/',
      t('apply.title', { service: '' }),
      shell(t('common.loading')),
      'apply',
    ),
    page('requests/index.html', '/requests/', t('requests.title'), shell(t('requests.title')), 'requests'),
    page(
      'requests/view/index.html',
      '/requests/view/',
      t('request.title', { ref: '' }),
      shell(t('request.timeline')),
      'request',
    ),
    page(
      'stats/index.html',
      '/stats/',
      t('stats.title'),
      html`<h1 class="govuk-heading-xl">${t('stats.title')}</h1><p class="govuk-body-l">${t('stats.lead')}</p><div id="app" data-app aria-live="polite"><p class="govuk-body">${t('common.loading')}</p></div>`,
      'stats',
    ),
    staticPage('accessibility/index.html', '/accessibility/', 'page.accessibility.title', [
      'page.accessibility.body1',
      'page.accessibility.body2',
      'page.accessibility.body3',
      'page.accessibility.contact',
    ]),
    staticPage('privacy/index.html', '/privacy/', 'page.privacy.title', [
      'page.privacy.body1',
      'page.privacy.body2',
      'page.privacy.body3',
    ]),
    page(
      '404.html',
      '/',
      t('page.notFound.title'),
      html`<h1 class="govuk-heading-xl">${t('page.notFound.title')}</h1><p class="govuk-body">${t('page.notFound.body')}</p><p class="govuk-body"><a class="govuk-link" href="${base}/">${t('page.home')}</a></p>`,
    ),
    page(
      'error/index.html',
      '/error/',
      t('page.error.title'),
      html`<h1 class="govuk-heading-xl">${t('page.error.title')}</h1><p class="govuk-body">${t('page.error.body')}</p><p class="govuk-body"><a class="govuk-link" href="${base}/">${t('page.home')}</a></p>`,
    ),
    page(
      'officer/index.html',
      '/officer/',
      t('officer.signInTitle'),
      shell(t('officer.signInTitle')),
      'officer-sign-in',
      true,
    ),
    page(
      'officer/inbox/index.html',
      '/officer/inbox/',
      t('officer.inbox.title'),
      shell(t('officer.inbox.title')),
      'officer-inbox',
      true,
    ),
    page(
      'officer/case/index.html',
      '/officer/case/',
      t('officer.details'),
      shell(t('officer.details')),
      'officer-case',
      true,
    ),
    page(
      'officer/counter/index.html',
      '/officer/counter/',
      t('officer.counter.title'),
      shell(t('officer.counter.title')),
      'officer-counter',
      true,
    ),
    page(
      'officer/dashboard/index.html',
      '/officer/dashboard/',
      t('officer.dashboard.title'),
      shell(t('officer.dashboard.title')),
      'officer-dashboard',
      true,
    ),
  ];
}
