import dict from 'oss-dict';
import type { FieldText } from '../components/form-field/form-field.ts';
import { basePath, type Lang, type MessageKey } from '../i18n/index.ts';
import { type Html, html } from '../lib/html.ts';
import { safeReturnTo } from '../lib/return-to.ts';

export { safeReturnTo };

/** What every page script shares: the page's language, its dictionary, the API and rendering. */
export const lang: Lang = document.documentElement.lang === 'en' ? 'en' : 'th';
export const base = basePath(lang);
const messages: Record<MessageKey, string> = dict;

export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return messages[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

export const query = new URLSearchParams(location.search);

export function cookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

export interface ApiIssue {
  readonly path: string;
  readonly message: string;
  readonly messageTh?: string;
}

/** An API error in the project's shape, with the message in the page's language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: readonly ApiIssue[] = [],
  ) {
    super(message);
  }
}

export const issueText = (issue: ApiIssue) =>
  lang === 'th' ? (issue.messageTh ?? issue.message) : issue.message;

/**
 * Calls the API on the same origin. Writes carry the CSRF token (double submit) unless they
 * authenticate with a bearer token (the officer console).
 */
export async function api<T = unknown>(
  method: string,
  path: string,
  options: { body?: unknown; bearer?: string; headers?: Record<string, string> } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  else if (method !== 'GET') headers['x-csrf-token'] = cookie('oss_csrf') ?? '';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', t('common.tryAgain'));
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const error = (
      json as { error?: { code?: string; message?: string; messageTh?: string; issues?: ApiIssue[] } }
    )?.error;
    const message =
      (lang === 'th' ? (error?.messageTh ?? error?.message) : error?.message) ?? t('common.tryAgain');
    throw new ApiError(res.status, error?.code ?? 'HTTP_ERROR', message, error?.issues ?? []);
  }
  return json as T;
}

export const app = () => document.querySelector<HTMLElement>('[data-app]') as HTMLElement;

export function render(el: Element, content: Html): void {
  el.innerHTML = content.value;
}

/** Moves focus to the error summary (GOV.UK: announce the problem, then let links reach each field). */
export function focusErrors(): void {
  const summary = document.querySelector<HTMLElement>('[data-error-summary]');
  if (summary) summary.focus();
}

/** Puts the keyboard and screen reader at the top of freshly rendered content. */
export function focusHeading(): void {
  const h1 = document.querySelector<HTMLElement>('main h1');
  if (h1) {
    h1.tabIndex = -1;
    h1.focus();
  }
}

export function errorBanner(message: string): Html {
  return html`<div class="govuk-error-summary" data-error-summary tabindex="-1"><div role="alert"><h2 class="govuk-error-summary__title">${t('common.errorSummary')}</h2><div class="govuk-error-summary__body"><p class="govuk-body">${message}</p></div></div></div>`;
}

export function successBanner(message: string): Html {
  return html`<div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="success-title"><div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="success-title">${t('common.success')}</h2></div><div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading">${message}</p></div></div>`;
}

/** What a generated form field says around its input, in the page's language. */
export const fieldText: FieldText = {
  optional: t('common.optional'),
  example: (example) => t('apply.example', { example }),
  dateHint: t('apply.dateHint'),
  errorPrefix: `${t('common.errorSummary')}:`,
  choose: t('apply.choose'),
};

export const statusLabel = (status: string) => t(`status.${status}` as MessageKey);

export function actorLabel(actor: string): string {
  if (actor === 'citizen') return t('request.actor.citizen');
  if (actor.startsWith('agency:')) return `${t('request.actor.agency')} (${actor.slice(7)})`;
  return t('request.actor.system');
}

/** Service names by code, from the small file the build writes (the catalogue is not in any script). */
let serviceNames: Promise<Record<string, { th: string; en: string }>> | undefined;
export async function serviceName(code: string): Promise<string> {
  const url = document.querySelector<HTMLMetaElement>('meta[name="oss-service-names"]')?.content;
  serviceNames ??= url
    ? fetch(url).then((r) => r.json() as Promise<Record<string, { th: string; en: string }>>)
    : Promise.resolve({});
  const names = await serviceNames.catch(() => ({}) as Record<string, { th: string; en: string }>);
  return names[code]?.[lang] ?? code;
}

export interface Me {
  readonly citizen: { maskedCitizenId: string; firstName: string; lastName: string };
}

/** The signed-in citizen, or undefined; fills the header's sign-in / sign-out slot. */
export async function mountSession(): Promise<Me | undefined> {
  const slot = document.querySelector('[data-session-slot]');
  let me: Me | undefined;
  try {
    me = await api<Me>('GET', '/v1/me');
  } catch {
    me = undefined;
  }
  if (!slot) return me;
  if (me) {
    render(
      slot,
      html`<button type="button" class="oss-header__button" data-sign-out>${t('nav.signOut')}</button>`,
    );
    slot.querySelector('[data-sign-out]')?.addEventListener('click', async () => {
      await api('POST', '/v1/auth/logout').catch(() => undefined);
      location.assign(`${base}/`);
    });
  } else {
    const back = encodeURIComponent(location.pathname + location.search);
    render(
      slot,
      html`<a class="oss-header__link" href="${base}/sign-in/?returnTo=${back}">${t('nav.signIn')}</a>`,
    );
  }
  return me;
}

/** Sends a citizen who is not signed in to the sign-in page, to come back here after. */
export function requireSignIn(me: Me | undefined): me is Me {
  if (me) return true;
  location.assign(`${base}/sign-in/?returnTo=${encodeURIComponent(location.pathname + location.search)}`);
  return false;
}
