import { base, mountSession, query, safeReturnTo } from './core.ts';

/** Pages with nothing of their own to load: the header's session slot, and the sign-in button's way back. */
void mountSession();
const login = document.querySelector<HTMLAnchorElement>('[data-thaid-login]');
if (login) {
  const returnTo = safeReturnTo(query.get('returnTo'), `${base}/requests/`);
  login.href = `/v1/auth/thaid/login?returnTo=${encodeURIComponent(returnTo)}`;
}
