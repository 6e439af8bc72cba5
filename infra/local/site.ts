import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { CACHE_IMMUTABLE, CACHE_REVALIDATE, securityHeaders } from '../../web/security-headers.ts';
import { type LocalIssuer, signAgencyToken } from './agency-tokens.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
};

/**
 * The web front door on `npm start`'s port, as CloudFront serves it in AWS: the built site
 * (web/dist) for every path the API does not own, with the same security and cache headers;
 * `/config.json` tells the console to use the local officer sign-in, which
 * `POST /local/officer-sign-in` provides (the stand-in for Cognito's user pool).
 */
export function siteServer(opts: { dir: string; uploadOrigin: string; issuer: LocalIssuer }) {
  const headers = securityHeaders({ connectSrc: [opts.uploadOrigin], hsts: false });
  const send = (res: ServerResponse, status: number, type: string, body: Buffer | string, cache: string) => {
    res.writeHead(status, { ...headers, 'content-type': type, 'cache-control': cache });
    res.end(body);
  };
  const notFound = async (res: ServerResponse, pathname: string) => {
    const page = pathname.startsWith('/en/') ? 'en/404.html' : '404.html';
    const body = await readFile(path.join(opts.dir, page)).catch(() => 'Not found');
    send(res, 404, TYPES['.html'] ?? '', body, CACHE_REVALIDATE);
  };

  return {
    /** Answers the request if it is the site's; false leaves it to the API's 404/405. */
    async handle(
      method: string,
      pathname: string,
      body: Buffer,
      res: ServerResponse,
      host = '',
    ): Promise<boolean> {
      if (method === 'POST' && pathname === '/local/officer-sign-in') {
        // Passwordless tokens: only for pages of this machine (a rebinding site names another host).
        if (!/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host)) {
          send(
            res,
            403,
            TYPES['.json'] ?? '',
            JSON.stringify({
              error: {
                code: 'FORBIDDEN',
                message: 'Local sign-in is for this machine only.',
                messageTh: 'การเข้าสู่ระบบแบบทดสอบใช้ได้จากเครื่องนี้เท่านั้น',
              },
            }),
            'no-store',
          );
          return true;
        }
        let input: { agencyId?: unknown; officer?: unknown } = {};
        try {
          input = JSON.parse(body.toString('utf8'));
        } catch {
          input = {};
        }
        const agencyId = String(input.agencyId ?? '');
        const officer = String(input.officer ?? '').slice(0, 100);
        if (!/^[a-z][a-z0-9-]{2,63}$/.test(agencyId) || !officer.trim()) {
          send(
            res,
            400,
            TYPES['.json'] ?? '',
            JSON.stringify({
              error: {
                code: 'VALIDATION_FAILED',
                message: 'Give an agency id (such as damrongdhama-20) and your name.',
                messageTh: 'กรุณากรอกรหัสหน่วยงาน (เช่น damrongdhama-20) และชื่อของคุณ',
                issues: [{ path: 'agencyId', message: 'must be an agency id such as damrongdhama-20' }],
              },
            }),
            'no-store',
          );
          return true;
        }
        const token = await signAgencyToken(opts.issuer, agencyId, {
          groups: ['counter'],
          name: officer.trim(),
        });
        send(res, 200, TYPES['.json'] ?? '', JSON.stringify({ token }), 'no-store');
        return true;
      }
      if (method !== 'GET' && method !== 'HEAD') return false;
      if (pathname.startsWith('/v1/') || pathname.startsWith('/open311/')) return false;
      if (pathname === '/config.json') {
        send(
          res,
          200,
          TYPES['.json'] ?? '',
          JSON.stringify({ officerSignIn: { kind: 'local' } }),
          CACHE_REVALIDATE,
        );
        return true;
      }
      const safe = path.posix.normalize(pathname);
      if (safe.includes('..') || safe.includes('\0') || safe.split('/').some((s) => s.startsWith('.'))) {
        await notFound(res, pathname);
        return true;
      }
      let file = path.join(opts.dir, safe.endsWith('/') ? `${safe}index.html` : safe);
      let info = await stat(file).catch(() => undefined);
      if (info?.isDirectory()) {
        // /stats → /stats/ (as CloudFront's function does), so relative links and the page agree.
        res.writeHead(301, { ...headers, location: `${safe}/`, 'cache-control': CACHE_REVALIDATE });
        res.end();
        return true;
      }
      if (!info) {
        file = `${file}`;
        info = undefined;
        await notFound(res, pathname);
        return true;
      }
      const ext = path.extname(file);
      const cache = safe.startsWith('/assets/') ? CACHE_IMMUTABLE : CACHE_REVALIDATE;
      send(
        res,
        200,
        TYPES[ext] ?? 'application/octet-stream',
        method === 'HEAD' ? '' : await readFile(file),
        cache,
      );
      return true;
    },
  };
}
export type SiteServer = ReturnType<typeof siteServer>;
