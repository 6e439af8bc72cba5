import { errorSummary } from '../components/error-summary/error-summary.ts';
import { html } from '../lib/html.ts';
import { api, app, base, focusErrors, query, render, safeReturnTo, t } from './core.ts';
import { keepOfficer } from './officer-core.ts';

/**
 * Officer sign-in. `/config.json` says how: `local` (npm start's stand-in issuer: an agency id and
 * a name, no password) or `cognito` (the agency user pool: username and password, USER_PASSWORD_AUTH
 * straight to Cognito over TLS; the resulting ID token carries custom:agency_id).
 */
interface SiteConfig {
  officerSignIn: { kind: 'local' } | { kind: 'cognito'; region: string; clientId: string };
}

const returnTo = safeReturnTo(query.get('returnTo'), `${base}/officer/inbox/`);

async function signInLocal(agencyId: string, officer: string): Promise<string> {
  const r = await api<{ token: string }>('POST', '/local/officer-sign-in', { body: { agencyId, officer } });
  return r.token;
}

async function signInCognito(
  config: { region: string; clientId: string },
  username: string,
  password: string,
) {
  const res = await fetch(`https://cognito-idp.${config.region}.amazonaws.com/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth',
    },
    body: JSON.stringify({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: config.clientId,
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  });
  const body = (await res.json()) as { AuthenticationResult?: { IdToken?: string }; message?: string };
  if (!res.ok || !body.AuthenticationResult?.IdToken) throw new Error(body.message ?? t('common.tryAgain'));
  return body.AuthenticationResult.IdToken;
}

async function start() {
  const config = await fetch('/config.json')
    .then((r) => r.json() as Promise<SiteConfig>)
    .catch(() => ({ officerSignIn: { kind: 'local' } }) as SiteConfig);
  const local = config.officerSignIn.kind === 'local';
  const show = (problem?: string) => {
    render(
      app(),
      html`<h1 class="govuk-heading-l">${t('officer.signInTitle')}</h1>
${problem ? errorSummary(t('common.errorSummary'), [{ id: 'user', message: problem }]) : ''}
<form novalidate data-sign-in class="govuk-!-width-two-thirds">
<div class="govuk-form-group"><label class="govuk-label" for="user">${local ? t('officer.agencyId') : 'Username'}</label>
${local ? html`<div class="govuk-hint" id="user-hint">${t('officer.agencyIdHint')}</div>` : ''}
<input class="govuk-input" id="user" name="user" autocomplete="username" spellcheck="false"${local ? html` aria-describedby="user-hint"` : ''}></div>
<div class="govuk-form-group"><label class="govuk-label" for="secret">${local ? t('officer.officerName') : 'Password'}</label>
<input class="govuk-input" id="secret" name="secret" type="${local ? 'text' : 'password'}" autocomplete="${local ? 'name' : 'current-password'}"></div>
<button type="submit" class="govuk-button">${t('officer.signIn')}</button>
</form>`,
    );
    if (problem) focusErrors();
    app()
      .querySelector<HTMLFormElement>('[data-sign-in]')
      ?.addEventListener('submit', (event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget as HTMLFormElement);
        const user = String(data.get('user') ?? '').trim();
        const secret = String(data.get('secret') ?? '').trim();
        if (!user || !secret) {
          show(t('common.required', { label: local ? t('officer.agencyId') : 'Username' }));
          return;
        }
        const signIn =
          config.officerSignIn.kind === 'cognito'
            ? signInCognito(config.officerSignIn, user, secret)
            : signInLocal(user, secret);
        signIn.then(
          (token) => {
            keepOfficer(token);
            location.assign(returnTo);
          },
          (error: unknown) => show((error as Error).message),
        );
      });
  };
  show();
}
void start();
