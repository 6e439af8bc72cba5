import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';

/**
 * A local stand-in for ThaiD (DOPA's OpenID provider), so `npm start` and the tests can sign in
 * without a phone. It speaks what the OSS relying party needs of ThaiD: its paths (with their
 * trailing slashes), the authorization-code flow with `state`, `nonce` and PKCE (S256), ES256 ID
 * tokens with `pid`, names and `ial`, a token response that carries `expire_in` as a Unix time and
 * no refresh token, single-use codes. Test personas sign in at once with `login_hint=<13-digit id>`;
 * without one, it shows the personas to pick from.
 *
 * Not a real OP: one client, personas instead of accounts, and a test hook (`POST /test/tamper`)
 * that makes the next ID token bad in a chosen way, so the tests can prove the relying party
 * refuses each.
 */
export interface ThaidPersona {
  readonly pid: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly ial: number;
}

export const THAID_PERSONAS: readonly ThaidPersona[] = [
  { pid: '1101700230708', givenName: 'สมชาย', familyName: 'ใจดี', ial: 2.3 },
  { pid: '3100600012348', givenName: 'สมหญิง', familyName: 'รักไทย', ial: 2.3 },
  { pid: '1209900011119', givenName: 'มานี', familyName: 'มีนา', ial: 1.2 },
].filter((p) => validPid(p.pid));

function validPid(pid: string): boolean {
  if (!/^\d{13}$/.test(pid)) return false;
  const sum = [...pid.slice(0, 12)].reduce((s, d, i) => s + Number(d) * (13 - i), 0);
  return (11 - (sum % 11)) % 10 === Number(pid[12]);
}

export type TamperMode = 'bad-signature' | 'wrong-audience' | 'expired' | 'alg-none' | 'wrong-nonce';

export interface ThaidClient {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
}

export interface ThaidStandIn {
  readonly issuer: string;
  register(client: ThaidClient): void;
  stop(): Promise<void>;
}

const AUTH_PATH = '/api/v2/oauth2/auth/';
const TOKEN_PATH = '/api/v2/oauth2/token/';
const JWKS_PATH = '/api/v2/oauth2/jwks/';

interface Grant {
  readonly persona: ThaidPersona;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly nonce?: string;
  readonly challenge: string;
  readonly expires: number;
}

async function loadKey(dataDir: string) {
  const file = path.join(dataDir, 'thaid-es256.json');
  if (!existsSync(file)) {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    writeFileSync(
      file,
      JSON.stringify({ privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) }),
    );
  }
  const { privateJwk, publicJwk } = JSON.parse(readFileSync(file, 'utf8')) as {
    privateJwk: JWK;
    publicJwk: JWK;
  };
  return {
    privateKey: await importJWK(privateJwk, 'ES256'),
    publicJwk: { ...publicJwk, kid: 'thaid-local', alg: 'ES256', use: 'sig' },
  };
}

export async function startThaidStandIn(dataDir: string, port = 0): Promise<ThaidStandIn> {
  const { privateKey, publicJwk } = await loadKey(dataDir);
  const stranger = (await generateKeyPair('ES256')).privateKey;
  const clients = new Map<string, ThaidClient>();
  const codes = new Map<string, Grant>();
  let tamper: TamperMode | undefined;
  let issuer = '';

  const send = (res: import('node:http').ServerResponse, status: number, body: unknown, headers = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
    res.end(JSON.stringify(body));
  };

  async function idToken(grant: Grant): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const mode = tamper;
    tamper = undefined;
    const claims = {
      pid: grant.persona.pid,
      given_name: grant.persona.givenName,
      family_name: grant.persona.familyName,
      name: `${grant.persona.givenName} ${grant.persona.familyName}`,
      ial: grant.persona.ial,
      ...(grant.nonce && { nonce: mode === 'wrong-nonce' ? 'not-the-nonce' : grant.nonce }),
    };
    const times = mode === 'expired' ? { iat: now - 7200, exp: now - 3600 } : { iat: now, exp: now + 600 };
    if (mode === 'alg-none') {
      const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, ...times, iss: issuer, aud: grant.clientId, sub: grant.persona.pid })}.`;
    }
    return new SignJWT({ ...claims, ...times })
      .setProtectedHeader({ alg: 'ES256', kid: 'thaid-local', typ: 'JWT' })
      .setIssuer(issuer)
      .setAudience(mode === 'wrong-audience' ? 'someone-else' : grant.clientId)
      .setSubject(grant.persona.pid)
      .sign(mode === 'bad-signature' ? stranger : privateKey);
  }

  const server: Server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', issuer);
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const body = Buffer.concat(chunks).toString('utf8');
      if (url.pathname === '/.well-known/openid-configuration') {
        return send(res, 200, {
          issuer,
          authorization_endpoint: `${issuer}${AUTH_PATH}`,
          token_endpoint: `${issuer}${TOKEN_PATH}`,
          jwks_uri: `${issuer}${JWKS_PATH}`,
          response_types_supported: ['code'],
          grant_types_supported: ['authorization_code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['ES256'],
          scopes_supported: ['openid', 'pid', 'given_name', 'family_name', 'name', 'ial'],
          code_challenge_methods_supported: ['S256'],
          token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        });
      }
      if (url.pathname === JWKS_PATH) return send(res, 200, { keys: [publicJwk] });
      if (url.pathname === '/test/tamper' && req.method === 'POST') {
        tamper = (JSON.parse(body || '{}') as { mode?: TamperMode }).mode;
        return send(res, 200, { tamper });
      }
      if (url.pathname === AUTH_PATH) {
        const q = url.searchParams;
        const client = clients.get(q.get('client_id') ?? '');
        if (!client || q.get('redirect_uri') !== client.redirectUri) {
          return send(res, 400, { error: 'invalid_client' });
        }
        if (
          q.get('response_type') !== 'code' ||
          q.get('code_challenge_method') !== 'S256' ||
          !q.get('code_challenge')
        ) {
          return send(res, 400, {
            error: 'invalid_request',
            error_description: 'code flow with PKCE S256 only',
          });
        }
        const persona = THAID_PERSONAS.find((p) => p.pid === q.get('login_hint'));
        if (!persona) {
          // ThaiD asks for the app on the phone; the stand-in lists its personas instead.
          const links = THAID_PERSONAS.map((p) => {
            const u = new URL(url);
            u.searchParams.set('login_hint', p.pid);
            return `<li><a href="${u.toString().replace(/&/g, '&amp;')}">${p.givenName} ${p.familyName} (${p.pid})</a></li>`;
          }).join('');
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          return res.end(
            `<!doctype html><html lang="th"><title>ThaiD (local)</title><h1>ThaiD — เข้าสู่ระบบ (จำลอง)</h1><ul>${links}</ul></html>`,
          );
        }
        const code = randomBytes(24).toString('base64url');
        codes.set(code, {
          persona,
          clientId: client.clientId,
          redirectUri: client.redirectUri,
          ...(q.get('nonce') && { nonce: q.get('nonce') ?? '' }),
          challenge: q.get('code_challenge') ?? '',
          expires: Date.now() + 60_000,
        });
        const back = new URL(client.redirectUri);
        back.searchParams.set('code', code);
        if (q.get('state')) back.searchParams.set('state', q.get('state') ?? '');
        res.writeHead(302, { location: back.toString() });
        return res.end();
      }
      if (url.pathname === TOKEN_PATH && req.method === 'POST') {
        const form = new URLSearchParams(body);
        const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
        const [id, secret] = basic
          ? Buffer.from(basic, 'base64').toString().split(':').map(decodeURIComponent)
          : [form.get('client_id') ?? '', form.get('client_secret') ?? ''];
        const client = clients.get(id ?? '');
        if (!client || client.clientSecret !== secret) return send(res, 401, { error: 'invalid_client' });
        const code = form.get('code') ?? '';
        const grant = codes.get(code);
        codes.delete(code); // single use: a replayed code is refused
        if (!grant || grant.expires < Date.now() || grant.clientId !== id)
          return send(res, 400, { error: 'invalid_grant' });
        if (form.get('redirect_uri') !== grant.redirectUri) return send(res, 400, { error: 'invalid_grant' });
        const verifier = form.get('code_verifier') ?? '';
        if (createHash('sha256').update(verifier).digest('base64url') !== grant.challenge) {
          return send(res, 400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
        }
        return send(res, 200, {
          access_token: randomBytes(24).toString('base64url'),
          token_type: 'Bearer',
          // ThaiD's quirk: the expiry as a Unix time under `expire_in`, and no refresh token.
          expire_in: Math.floor(Date.now() / 1000) + 3600,
          scope: 'openid pid given_name family_name',
          id_token: await idToken(grant),
        });
      }
      send(res, 404, { error: 'not_found' });
    } catch (error) {
      send(res, 500, { error: 'server_error', error_description: String(error) });
    }
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    register: (client) => clients.set(client.clientId, client),
    stop: () => new Promise((r) => server.close(() => r())),
  };
}
