import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SynthesizedStack } from './template.ts';

/** One rule of a bucket's `CorsConfiguration` as CloudFormation writes it. */
export interface CorsRule {
  readonly AllowedMethods: readonly string[];
  readonly AllowedOrigins: readonly string[];
  readonly AllowedHeaders?: readonly string[];
  readonly MaxAge?: number;
}

/** The CORS rules the CDK app gives its buckets (the documents bucket: browsers POST uploads to it). */
export function corsRulesFrom(stacks: readonly SynthesizedStack[]): CorsRule[] {
  const rules: CorsRule[] = [];
  for (const stack of stacks) {
    for (const r of Object.values(stack.resources)) {
      if (r.Type !== 'AWS::S3::Bucket') continue;
      const cors = (r.Properties?.CorsConfiguration as { CorsRules?: CorsRule[] } | undefined)?.CorsRules;
      if (cors) rules.push(...cors);
    }
  }
  return rules;
}

const originAllowed = (rule: CorsRule, origin: string) =>
  rule.AllowedOrigins.some((o) => o === '*' || o === origin);

/**
 * S3's CORS in front of the S3 emulator (which has none): answers preflights and adds the
 * Access-Control headers the bucket's rules grant, and passes everything else through unchanged,
 * so a page's presigned POST behaves as it does against the real bucket.
 */
export async function startS3CorsFront(
  target: string,
  rules: readonly CorsRule[],
): Promise<{ url: string; server: Server }> {
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const origin = req.headers.origin;
    const method =
      req.method === 'OPTIONS'
        ? String(req.headers['access-control-request-method'] ?? '')
        : (req.method ?? '');
    const rule = origin
      ? rules.find((r) => originAllowed(r, origin) && r.AllowedMethods.includes(method))
      : undefined;
    const cors: Record<string, string> = rule
      ? {
          'access-control-allow-origin': rule.AllowedOrigins.includes('*') ? '*' : (origin ?? ''),
          'access-control-allow-methods': rule.AllowedMethods.join(', '),
          ...(rule.AllowedHeaders && { 'access-control-allow-headers': rule.AllowedHeaders.join(', ') }),
          ...(rule.MaxAge !== undefined && { 'access-control-max-age': String(rule.MaxAge) }),
          vary: 'Origin',
        }
      : {};
    if (req.method === 'OPTIONS' && origin) {
      res.writeHead(rule ? 200 : 403, cors);
      res.end();
      return;
    }
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, { ...up.headers, ...cors });
        up.pipe(res);
      },
    );
    forward.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
