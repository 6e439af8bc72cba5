/**
 * The headers every page carries, locally and behind CloudFront (whose response headers policy is
 * built from the same values): a CSP with no inline script or style, no framing, no referrer
 * beyond the origin, HSTS where it means something (HTTPS).
 */
export interface SecurityHeaderOptions {
  /** Origins scripts may call besides this one: the documents bucket (presigned uploads), Cognito. */
  readonly connectSrc: readonly string[];
  readonly hsts: boolean;
}

export function contentSecurityPolicy(connectSrc: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${["'self'", ...connectSrc].join(' ')}`,
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join('; ');
}

export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(options.connectSrc),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(self)',
    ...(options.hsts && { 'strict-transport-security': 'max-age=63072000; includeSubDomains; preload' }),
  };
}

/** Hashed assets never change under their name; pages must be revalidated every time. */
export const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
export const CACHE_REVALIDATE = 'no-cache';
