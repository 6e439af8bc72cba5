/**
 * Money on the record is satang (1/100 baht) in integers. Amounts arrive as decimal baht (a JSON
 * number from a form, a string from a bank); they are taken only when they have at most two
 * decimals, so no amount is ever rounded silently.
 */
export function satangFromBaht(value: number | string): number | undefined {
  const text = typeof value === 'number' ? numberText(value) : value.trim();
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text ?? '');
  if (!m) return undefined;
  const satang = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(satang) ? satang : undefined;
}

/** A number's plain decimal text, or undefined for what a form should never send (NaN, exponents). */
function numberText(n: number): string | undefined {
  if (!Number.isFinite(n) || n < 0) return undefined;
  const text = String(n);
  return /e/i.test(text) ? undefined : text;
}

/** Satang to baht as a JSON number (exact to two decimals for any amount below 2^53 satang). */
export const bahtFromSatang = (satang: number): number => Number((satang / 100).toFixed(2));

/** `1,234.50` */
export const formatBaht = (satang: number): string =>
  (satang / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Round half up of `numerator / denominator` for non-negative BigInts. */
export const divideRounded = (numerator: bigint, denominator: bigint): bigint =>
  (numerator * 2n + denominator) / (denominator * 2n);
