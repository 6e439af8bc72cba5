/**
 * A same-site path to come back to after signing in (never another site): the API's own rule —
 * a single leading slash and no whitespace or backslash anywhere (browsers drop tabs and newlines,
 * so `/\t/evil.example` would otherwise become `//evil.example`).
 */
export function safeReturnTo(value: string | null, fallback: string): string {
  return value && /^\/(?![/\\])[^\s\\]*$/.test(value) ? value : fallback;
}
