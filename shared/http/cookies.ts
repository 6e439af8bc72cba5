/** Cookies of a request (`cookie` header, already normalised to lower case by middy). */
export function readCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    const name = part.slice(0, i).trim();
    const value = part.slice(i + 1).trim();
    try {
      out[name] = decodeURIComponent(value);
    } catch {
      // A cookie that is not valid percent-encoding is ignored, never a 500.
    }
  }
  return out;
}

export interface CookieOptions {
  readonly maxAgeSeconds: number;
  readonly httpOnly?: boolean;
  readonly secure: boolean;
  readonly path?: string;
}

/** A `Set-Cookie` value: SameSite=Lax always; `Secure` outside localhost; max-age 0 clears it. */
export function setCookie(name: string, value: string, o: CookieOptions): string {
  return [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${o.path ?? '/'}`,
    `Max-Age=${o.maxAgeSeconds}`,
    'SameSite=Lax',
    ...(o.httpOnly === false ? [] : ['HttpOnly']),
    ...(o.secure ? ['Secure'] : []),
  ].join('; ');
}

/** Plain HTTP is only ever localhost: everywhere else cookies are `Secure`. */
export const isLocalHost = (host: string | undefined) =>
  /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(host ?? '');
