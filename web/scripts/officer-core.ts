import { html } from '../lib/html.ts';
import { api, base, render, t } from './core.ts';

/**
 * The officer's sign-in, kept for the tab's life (sessionStorage): an ID token from Cognito in AWS,
 * or from the local stand-in issuer on `npm start`. Sent as a bearer token; never in a cookie,
 * so the console's writes need no CSRF token.
 */
export interface Officer {
  readonly token: string;
  readonly agencyId: string;
  readonly name: string;
  /** Seconds since the epoch. */
  readonly exp: number;
}
const KEY = 'oss-officer';

export function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Record<
    string,
    unknown
  >;
}

export function keepOfficer(token: string): Officer {
  const claims = claimsOf(token);
  const officer: Officer = {
    token,
    agencyId: String(claims['custom:agency_id'] ?? claims.agency_id ?? ''),
    name: String(claims.name ?? claims.email ?? claims['cognito:username'] ?? ''),
    exp: Number(claims.exp ?? 0),
  };
  sessionStorage.setItem(KEY, JSON.stringify(officer));
  return officer;
}

export function currentOfficer(): Officer | undefined {
  try {
    const o = JSON.parse(sessionStorage.getItem(KEY) ?? '') as Officer;
    return o.exp * 1000 > Date.now() ? o : undefined;
  } catch {
    return undefined;
  }
}

/** The signed-in officer, or a trip to the sign-in page (and back here after). */
export function requireOfficer(): Officer | undefined {
  const officer = currentOfficer();
  const slot = document.querySelector('[data-session-slot]');
  if (!officer) {
    location.assign(`${base}/officer/?returnTo=${encodeURIComponent(location.pathname + location.search)}`);
    return undefined;
  }
  if (slot) {
    render(
      slot,
      html`<span class="oss-header__link">${t('officer.signedInAs', { officer: officer.name, agency: officer.agencyId })}</span> <button type="button" class="oss-header__button" data-officer-sign-out>${t('officer.signOut')}</button>`,
    );
    slot.querySelector('[data-officer-sign-out]')?.addEventListener('click', () => {
      sessionStorage.removeItem(KEY);
      location.assign(`${base}/officer/`);
    });
  }
  return officer;
}

/** The API as the officer. */
export const officerApi = <T = unknown>(officer: Officer, method: string, path: string, body?: unknown) =>
  api<T>(method, path, { bearer: officer.token, ...(body !== undefined && { body }) });

/** The province an agency serves, from its id (district-2001 → 20, pao-20 → 20, local bodies by their code's district). */
export function provinceOf(agencyId: string): string | undefined {
  const m = /^(?:damrongdhama|pao)-(\d{2})$/.exec(agencyId) ?? /^district-(\d{2})\d{2}$/.exec(agencyId);
  return m?.[1];
}
