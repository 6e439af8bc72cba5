import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateIssuer, signAgencyToken } from '../../infra/local/agency-tokens.ts';
import { THAID_PERSONAS } from '../../infra/local/thaid.ts';
import { eventually, http, type LocalStack, startTestStack } from '../support/local-stack.ts';

/** Issue #13: ThaiD sign-in through the local stand-in, with plain redirects and a cookie jar. */
let stack: LocalStack;
let dispose: () => void;
let dataDir: string;

beforeAll(async () => {
  ({ stack, dispose, dataDir } = await startTestStack());
});
afterAll(async () => {
  await stack?.stop();
  dispose?.();
});

const [somchai, somying] = THAID_PERSONAS;

/** A tiny browser: follows redirects by hand and keeps cookies per host. */
class Browser {
  readonly jar = new Map<string, string>();
  async get(url: string, maxHops = 5): Promise<{ status: number; url: string; text: string }> {
    let current = url;
    for (let hop = 0; hop <= maxHops; hop++) {
      const res = await fetch(current, { redirect: 'manual', headers: this.cookieHeader() });
      this.keep(res);
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        current = new URL(location, current).toString();
        if (!current.startsWith('http://127.0.0.1')) return { status: res.status, url: current, text: '' };
        continue;
      }
      return { status: res.status, url: current, text: await res.text() };
    }
    throw new Error('too many redirects');
  }
  cookieHeader(): Record<string, string> {
    return this.jar.size ? { cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ') } : {};
  }
  keep(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, ...rest] = (pair ?? '').split('=');
      const value = rest.join('=');
      if (/Max-Age=0/.test(c)) this.jar.delete(name ?? '');
      else this.jar.set(name ?? '', value);
    }
  }
  csrf(): string {
    return decodeURIComponent(this.jar.get('oss_csrf') ?? '');
  }
}

async function signIn(pid: string, returnTo = '/my-requests') {
  const b = new Browser();
  const done = await b.get(
    `${stack.url}/v1/auth/thaid/login?returnTo=${encodeURIComponent(returnTo)}&login_hint=${pid}`,
  );
  return { b, done };
}

const tamper = (mode: string) =>
  fetch(`${stack.thaid.issuer}/test/tamper`, { method: 'POST', body: JSON.stringify({ mode }) });

describe('ThaiD sign-in', () => {
  it('signs a persona in, files without typing a citizen ID, and lists only their own requests', async () => {
    const { b, done } = await signIn(somchai?.pid ?? '');
    // Back at the page the sign-in started from, with a session and a CSRF cookie.
    expect(new URL(done.url).pathname).toBe('/my-requests');
    expect(b.jar.has('oss_session')).toBe(true);
    const who = await http(stack.url, 'GET', '/v1/me', { headers: b.cookieHeader() });
    expect(who.json).toEqual({
      citizen: { maskedCitizenId: 'x-xxxx-xxxx0-70-8', firstName: 'สมชาย', lastName: 'ใจดี', ial: 2.3 },
    });
    const filed = await http(stack.url, 'POST', '/v1/requests', {
      headers: { ...b.cookieHeader(), 'x-csrf-token': b.csrf() },
      body: {
        serviceCode: 'complaint',
        provinceCode: '20',
        applicant: {},
        details: { category: 'road', subject: 'ยื่นด้วย ThaiD' },
      },
    });
    expect(filed.status).toBe(201);
    // The ID ThaiD vouched for is kept sealed: the assigned centre can reveal it, with a reason.
    const centre = {
      authorization: `Bearer ${await signAgencyToken(await loadOrCreateIssuer(dataDir), 'damrongdhama-20')}`,
    };
    const revealed = await eventually(async () => {
      const r = await http(
        stack.url,
        'POST',
        `/v1/agencies/damrongdhama-20/requests/${filed.json.requestId}/reveal`,
        {
          headers: centre,
          body: { reason: 'ติดต่อกลับผู้ร้องเรียน' },
        },
      );
      return r.status === 200 ? r : undefined;
    });
    expect(revealed.json.citizenId).toBe(somchai?.pid);
    const mine = await http(stack.url, 'GET', '/v1/me/requests', { headers: b.cookieHeader() });
    expect(mine.json.items.map((i: { requestId: string }) => i.requestId)).toContain(filed.json.requestId);

    // Another persona sees none of them.
    const other = await signIn(somying?.pid ?? '');
    const theirs = await http(stack.url, 'GET', '/v1/me/requests', { headers: other.b.cookieHeader() });
    expect(theirs.json.items.map((i: { requestId: string }) => i.requestId)).not.toContain(
      filed.json.requestId,
    );

    // Their session cookie reads nothing of someone else's request: the same 404 as an unknown id.
    const peek = await http(stack.url, 'GET', `/v1/requests/${filed.json.requestId}`, {
      headers: other.b.cookieHeader(),
    });
    expect(peek.status).toBe(404);

    // A typed citizen ID that differs from ThaiD's is refused.
    const spoof = await http(stack.url, 'POST', '/v1/requests', {
      headers: { ...b.cookieHeader(), 'x-csrf-token': b.csrf() },
      body: {
        serviceCode: 'complaint',
        provinceCode: '20',
        applicant: { citizenId: somying?.pid },
        details: { category: 'road', subject: 'ปลอมตัว' },
      },
    });
    expect(spoof.status).toBe(400);
    expect(spoof.json.error.issues[0].path).toBe('applicant.citizenId');

    // A cursor is only ever one this API gave out, for this citizen.
    for (const cursor of [
      'bnVsbA',
      Buffer.from(JSON.stringify({ citizenHash: 'x' })).toString('base64url'),
    ]) {
      const bad = await http(stack.url, 'GET', `/v1/me/requests?cursor=${cursor}`, {
        headers: b.cookieHeader(),
      });
      expect(bad.status).toBe(400);
      expect(bad.json.error.issues[0].path).toBe('cursor');
    }

    // Logout revokes the session for good.
    const out = await http(stack.url, 'POST', '/v1/auth/logout', {
      headers: { ...b.cookieHeader(), 'x-csrf-token': b.csrf() },
    });
    expect(out.status).toBe(200);
    expect((await http(stack.url, 'GET', '/v1/me', { headers: b.cookieHeader() })).status).toBe(401);
  });
});

describe('attacks on sign-in that must fail', () => {
  it('refuses an open redirect through returnTo', async () => {
    for (const bad of ['https://evil.example/', '//evil.example/x', '/\\evil.example']) {
      const r = await http(stack.url, 'GET', `/v1/auth/thaid/login?returnTo=${encodeURIComponent(bad)}`);
      expect(r.status, bad).toBe(400);
      expect(r.json.error.issues[0].path).toBe('returnTo');
    }
  });

  it('refuses a callback with a wrong or missing state, or without the sign-in cookie', async () => {
    const b = new Browser();
    const start = await fetch(`${stack.url}/v1/auth/thaid/login?login_hint=${somchai?.pid}`, {
      redirect: 'manual',
    });
    b.keep(start);
    const atThaid = await fetch(start.headers.get('location') ?? '', { redirect: 'manual' });
    const callback = new URL(atThaid.headers.get('location') ?? '');
    const wrong = new URL(callback);
    wrong.searchParams.set('state', 'forged');
    expect((await fetch(wrong, { headers: b.cookieHeader(), redirect: 'manual' })).status).toBe(400);
    const missing = new URL(callback);
    missing.searchParams.delete('state');
    expect((await fetch(missing, { headers: b.cookieHeader(), redirect: 'manual' })).status).toBe(400);
    expect((await fetch(callback, { redirect: 'manual' })).status).toBe(401);
    // The genuine callback still works once; replaying its code does not.
    expect((await fetch(callback, { headers: b.cookieHeader(), redirect: 'manual' })).status).toBe(302);
    const replay = await fetch(callback, { headers: b.cookieHeader(), redirect: 'manual' });
    expect(replay.status).toBe(401);
  });

  it.each(['bad-signature', 'wrong-audience', 'expired', 'alg-none', 'wrong-nonce'])(
    'refuses an ID token with %s, and makes no session',
    async (mode) => {
      await tamper(mode);
      const { b, done } = await signIn(somchai?.pid ?? '');
      expect(done.status).toBe(401);
      expect(b.jar.has('oss_session')).toBe(false);
    },
  );

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const { b } = await signIn(somchai?.pid ?? '');
    const body = {
      serviceCode: 'complaint',
      provinceCode: '20',
      applicant: {},
      details: { category: 'road', subject: 'x' },
    };
    const none = await http(stack.url, 'POST', '/v1/requests', { headers: b.cookieHeader(), body });
    expect(none.status).toBe(403);
    expect(none.json.error.code).toBe('CSRF_FAILED');
    const forged = await http(stack.url, 'POST', '/v1/requests', {
      headers: { ...b.cookieHeader(), 'x-csrf-token': 'forged' },
      body,
    });
    expect(forged.status).toBe(403);
    expect((await http(stack.url, 'POST', '/v1/auth/logout', { headers: b.cookieHeader() })).status).toBe(
      403,
    );
  });
});

describe('a signed-in citizen works their own requests with the session (the web pages)', () => {
  it('reads, replies to a request for information and is refused on anyone else’s request', async () => {
    const { b } = await signIn(somchai?.pid ?? '');
    const write = { ...b.cookieHeader(), 'x-csrf-token': b.csrf() };
    const filed = await http(stack.url, 'POST', '/v1/requests', {
      headers: write,
      body: {
        serviceCode: 'complaint',
        provinceCode: '20',
        applicant: {},
        details: { category: 'road', subject: 'ถนนชำรุด' },
      },
    });
    expect(filed.status).toBe(201);
    const id = filed.json.requestId as string;
    const read = await http(stack.url, 'GET', `/v1/requests/${id}`, { headers: b.cookieHeader() });
    expect(read.status).toBe(200);
    expect(read.json.requestId).toBe(id);

    // Not waiting for information: a reply is refused and nothing is recorded.
    const early = await http(stack.url, 'POST', `/v1/requests/${id}/reply`, {
      headers: write,
      body: { message: 'x' },
    });
    expect(early.status).toBe(409);
    expect(early.json.error.code).toBe('INVALID_TRANSITION');

    const centre = {
      authorization: `Bearer ${await signAgencyToken(await loadOrCreateIssuer(dataDir), 'damrongdhama-20')}`,
    };
    const act = (action: string, note?: string) =>
      http(stack.url, 'POST', `/v1/agencies/damrongdhama-20/requests/${id}/actions`, {
        headers: centre,
        body: { action, ...(note && { note }) },
      });
    await eventually(async () => ((await act('accept')).status === 200 ? true : undefined));
    expect((await act('request-info', 'ขอทราบตำแหน่งที่ชัดเจน')).status).toBe(200);

    // A write without the CSRF header is refused, with the session alone.
    const forged = await http(stack.url, 'POST', `/v1/requests/${id}/reply`, {
      headers: b.cookieHeader(),
      body: { message: 'หน้าโรงเรียน' },
    });
    expect(forged.status).toBe(403);
    const empty = await http(stack.url, 'POST', `/v1/requests/${id}/reply`, {
      headers: write,
      body: { message: '' },
    });
    expect(empty.status).toBe(400);
    expect(empty.json.error.issues[0].path).toBe('message');

    const replied = await http(stack.url, 'POST', `/v1/requests/${id}/reply`, {
      headers: write,
      body: { message: 'หน้าโรงเรียนบ้านสวน' },
    });
    expect(replied.status).toBe(200);
    expect(replied.json.status).toBe('NEEDS_INFO');
    const last = replied.json.history.at(-1);
    expect(last).toMatchObject({ actor: 'citizen', noteTh: 'ผู้ยื่นตอบกลับ: หน้าโรงเรียนบ้านสวน' });
    // A few replies per request for information, not a flood that fills the record.
    for (let i = 2; i <= 5; i++) {
      const more = await http(stack.url, 'POST', `/v1/requests/${id}/reply`, {
        headers: write,
        body: { message: `เพิ่มเติม ${i}` },
      });
      expect(more.status).toBe(200);
    }
    const flood = await http(stack.url, 'POST', `/v1/requests/${id}/reply`, {
      headers: write,
      body: { message: 'อีก' },
    });
    expect(flood.status).toBe(409);
    expect(flood.json.error.code).toBe('TOO_MANY_REPLIES');

    // The reply reaches the agency's inbox, marked as a reply; resuming with its handle clears it.
    const inbox = await eventually(async () => {
      const r = await http(stack.url, 'GET', '/v1/agencies/damrongdhama-20/inbox?max=10&waitSeconds=1', {
        headers: centre,
      });
      return r.json.items.find(
        (i: { kind: string; request: { requestId: string } }) =>
          i.kind === 'reply' && i.request.requestId === id,
      );
    });
    const resumed = await http(stack.url, 'POST', `/v1/agencies/damrongdhama-20/requests/${id}/actions`, {
      headers: centre,
      body: { action: 'resume', receiptHandle: inbox.receiptHandle },
    });
    expect(resumed.status).toBe(200);
    expect(resumed.json.status).toBe('IN_PROGRESS');

    // Another citizen's session opens nothing: the same 404 as an unknown id.
    const other = await signIn(somying?.pid ?? '');
    const peek = await http(stack.url, 'GET', `/v1/requests/${id}`, { headers: other.b.cookieHeader() });
    expect(peek.status).toBe(404);
    const meddle = await http(stack.url, 'POST', `/v1/requests/${id}/cancel`, {
      headers: { ...other.b.cookieHeader(), 'x-csrf-token': other.b.csrf() },
      body: {},
    });
    expect(meddle.status).toBe(404);
  });
});
