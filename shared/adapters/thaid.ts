import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import type * as Oidc from 'openid-client';
import { ENV, requireEnv } from '../env.ts';
import { secretsClient } from './secrets.ts';

/** The relying party's registration with ThaiD (DOPA), kept in Secrets Manager. */
export interface ThaidSettings {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
}

let settings: Promise<ThaidSettings> | undefined;
let config: Promise<Oidc.Configuration> | undefined;

/**
 * The OIDC client (openid-client, with its oauth4webapi, and jose: about half of this
 * function's bundle), loaded when a sign-in starts or finishes rather than at every cold start:
 * most requests here (me, my requests, sign-out) never need it.
 */
export const thaidClient = () => import('./thaid-client.ts');

export function thaidSettings(): Promise<ThaidSettings> {
  settings ??= secretsClient
    .send(new GetSecretValueCommand({ SecretId: requireEnv(ENV.thaidSecretId) }))
    .then((r) => JSON.parse(r.SecretString ?? '{}') as ThaidSettings)
    .catch((error: unknown) => {
      settings = undefined;
      throw error;
    });
  return settings;
}

/**
 * ThaiD's configuration, discovered once per execution environment: the maintained OIDC client
 * (openid-client) does discovery, PKCE, the code exchange and every ID-token check (ES256
 * signature against the JWKS, issuer, audience, expiry, nonce; `alg: none` is refused).
 */
export function thaidConfig(): Promise<Oidc.Configuration> {
  config ??= Promise.all([thaidSettings(), thaidClient()])
    .then(([s, oidc]) =>
      oidc.discovery(
        new URL(s.issuer),
        s.clientId,
        { id_token_signed_response_alg: 'ES256' },
        oidc.ClientSecretBasic(s.clientSecret),
        {
          timeout: 5,
          // Verify the ID token's signature against ThaiD's JWKS too (openid-client skips it for
          // tokens fetched over TLS unless asked), and allow plain HTTP only for a local issuer.
          execute: [
            oidc.enableNonRepudiationChecks,
            ...(/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(s.issuer)
              ? [oidc.allowInsecureRequests]
              : []),
          ],
        },
      ),
    )
    .catch((error: unknown) => {
      config = undefined;
      throw error;
    });
  return config;
}
