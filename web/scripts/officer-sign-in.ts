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

interface CognitoAnswer {
  AuthenticationResult?: { IdToken?: string };
  ChallengeName?: string;
  Session?: string;
  message?: string;
}

/** One call to Cognito's user-pool API (JSON over HTTPS, no SDK in the page). */
async function cognito(region: string, action: string, input: unknown): Promise<CognitoAnswer> {
  const res = await fetch(`https://cognito-idp.${region}.amazonaws.com/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${action}`,
    },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as CognitoAnswer;
  if (!res.ok) throw new Error(body.message ?? t('common.tryAgain'));
  return body;
}

type Challenge = 'SOFTWARE_TOKEN_MFA' | 'NEW_PASSWORD_REQUIRED';

/**
 * Username and password, then whatever Cognito asks next: the authenticator code (the pool requires
 * TOTP MFA) or, on first sign-in, a new password. `ask` shows the question and returns the answer.
 */
async function signInCognito(
  config: { region: string; clientId: string },
  username: string,
  password: string,
  ask: (challenge: Challenge) => Promise<string>,
): Promise<string> {
  let answer = await cognito(config.region, 'InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: config.clientId,
    AuthParameters: { USERNAME: username, PASSWORD: password },
  });
  for (let round = 0; round < 3 && !answer.AuthenticationResult?.IdToken; round++) {
    const challenge = answer.ChallengeName;
    if (challenge !== 'SOFTWARE_TOKEN_MFA' && challenge !== 'NEW_PASSWORD_REQUIRED') {
      // MFA_SETUP: the authenticator app is enrolled once, with the agency's administrator.
      throw new Error(
        `Cognito asks for ${challenge ?? 'an unknown step'}: ask your administrator to finish setting up your account.`,
      );
    }
    const response = await ask(challenge);
    answer = await cognito(config.region, 'RespondToAuthChallenge', {
      ClientId: config.clientId,
      ChallengeName: challenge,
      Session: answer.Session,
      ChallengeResponses:
        challenge === 'SOFTWARE_TOKEN_MFA'
          ? { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: response }
          : { USERNAME: username, NEW_PASSWORD: response },
    });
  }
  const token = answer.AuthenticationResult?.IdToken;
  if (!token) throw new Error(t('common.tryAgain'));
  return token;
}

/** Asks one more thing on the page (the authenticator code, a new password) and waits for it. */
function askOnPage(challenge: Challenge): Promise<string> {
  const mfa = challenge === 'SOFTWARE_TOKEN_MFA';
  render(
    app(),
    html`<h1 class="govuk-heading-l">${t('officer.signInTitle')}</h1>
<form novalidate data-challenge class="govuk-!-width-two-thirds">
<div class="govuk-form-group"><label class="govuk-label" for="challenge">${mfa ? t('officer.mfaCode') : t('officer.newPassword')}</label>
<input class="govuk-input" id="challenge" name="challenge" type="${mfa ? 'text' : 'password'}" autocomplete="${mfa ? 'one-time-code' : 'new-password'}"></div>
<button type="submit" class="govuk-button">${t('common.continue')}</button>
</form>`,
  );
  return new Promise((resolve) => {
    app()
      .querySelector<HTMLFormElement>('[data-challenge]')
      ?.addEventListener('submit', (event) => {
        event.preventDefault();
        resolve(String(new FormData(event.currentTarget as HTMLFormElement).get('challenge') ?? '').trim());
      });
  });
}

async function start() {
  let config: SiteConfig;
  try {
    config = (await (await fetch('/config.json')).json()) as SiteConfig;
  } catch {
    render(
      app(),
      html`<h1 class="govuk-heading-l">${t('page.error.title')}</h1><p class="govuk-body">${t('common.tryAgain')}</p>`,
    );
    return;
  }
  const local = config.officerSignIn.kind === 'local';
  const show = (problem?: string) => {
    render(
      app(),
      html`<h1 class="govuk-heading-l">${t('officer.signInTitle')}</h1>
${problem ? errorSummary(t('common.errorSummary'), [{ id: 'user', message: problem }]) : ''}
<form novalidate data-sign-in class="govuk-!-width-two-thirds">
<div class="govuk-form-group"><label class="govuk-label" for="user">${local ? t('officer.agencyId') : t('officer.username')}</label>
${local ? html`<div class="govuk-hint" id="user-hint">${t('officer.agencyIdHint')}</div>` : ''}
<input class="govuk-input" id="user" name="user" autocomplete="username" spellcheck="false"${local ? html` aria-describedby="user-hint"` : ''}></div>
<div class="govuk-form-group"><label class="govuk-label" for="secret">${local ? t('officer.officerName') : t('officer.password')}</label>
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
          show(t('common.required', { label: local ? t('officer.agencyId') : t('officer.username') }));
          return;
        }
        const signIn =
          config.officerSignIn.kind === 'cognito'
            ? signInCognito(config.officerSignIn, user, secret, askOnPage)
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
