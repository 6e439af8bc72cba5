import { basePath, type Lang, translator } from '../../i18n/index.ts';
import { type Html, html } from '../../lib/html.ts';

export interface Assets {
  readonly css: string;
  /** Service names by code in both languages (small JSON), for pages that list requests. */
  readonly serviceNames: string;
  /** Script URL by entry name, for this page's language. */
  readonly scripts: Readonly<Record<string, string>>;
}

export interface PageOptions {
  readonly lang: Lang;
  readonly title: string;
  /** The page's path without the language prefix, e.g. `/stats/`. */
  readonly path: string;
  readonly body: Html;
  /** The browser script this page runs (an entry in web/scripts), if any. */
  readonly script?: string;
  readonly assets: Assets;
  /** Officer console pages get the console's navigation. */
  readonly officer?: boolean;
}

/**
 * The page shell (GOV.UK Frontend's template: skip link, header, width container, footer),
 * with Sarabun for Thai and the other language one link away.
 */
export function layout(page: PageOptions): string {
  const t = translator(page.lang);
  const base = basePath(page.lang);
  const other: Lang = page.lang === 'th' ? 'en' : 'th';
  const script = page.script ? page.assets.scripts[page.script] : undefined;
  if (page.script && !script) throw new Error(`no script built for ${page.script}`);
  const nav = page.officer
    ? [
        [`${base}/officer/inbox/`, t('officer.nav.inbox')],
        [`${base}/officer/counter/`, t('officer.nav.counter')],
        [`${base}/officer/dashboard/`, t('officer.nav.dashboard')],
      ]
    : [
        [`${base}/`, t('nav.services')],
        [`${base}/requests/`, t('nav.myRequests')],
        [`${base}/stats/`, t('nav.stats')],
      ];
  const current = `${base}${page.path}`;
  return `<!doctype html>${html`<html lang="${page.lang}" class="govuk-template">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${page.title} – ${page.officer ? t('officer.title') : t('site.name')}</title>
<link rel="stylesheet" href="${page.assets.css}">
<meta name="oss-service-names" content="${page.assets.serviceNames}">
${script ? html`<script type="module" src="${script}"></script>` : ''}
</head>
<body class="govuk-template__body">
<a href="#main-content" class="govuk-skip-link">${t('nav.skip')}</a>
<header class="oss-header" role="banner">
  <div class="govuk-width-container oss-header__container">
    <a href="${base}${page.officer ? '/officer/inbox/' : '/'}" class="oss-header__name">${page.officer ? t('officer.title') : t('site.name')}</a>
    <nav aria-label="${t('nav.menu')}" class="oss-header__nav">
      <ul class="oss-header__list">
        ${nav.map(([href, label]) => html`<li><a class="oss-header__link" href="${href}"${href === current ? html` aria-current="page"` : ''}>${label}</a></li>`)}
        <li data-session-slot></li>
        <li><a class="oss-header__link" href="${basePath(other)}${page.path}" hreflang="${other}" lang="${other}">${t('nav.otherLanguage')}</a></li>
      </ul>
    </nav>
  </div>
</header>
<div class="govuk-width-container">
<main class="govuk-main-wrapper" id="main-content" tabindex="-1">
${page.body}
</main>
</div>
<footer class="govuk-footer" role="contentinfo">
  <div class="govuk-width-container">
    <ul class="govuk-footer__inline-list">
      <li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="${base}/accessibility/">${t('footer.accessibility')}</a></li>
      <li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="${base}/privacy/">${t('footer.privacy')}</a></li>
      <li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="/openapi.json">${t('footer.openApi')}</a></li>
      ${page.officer ? '' : html`<li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="${base}/officer/">${t('nav.officer')}</a></li>`}
    </ul>
    <p class="govuk-body-s">${t('footer.licence')}</p>
  </div>
</footer>
</body>
</html>`}\n`;
}
