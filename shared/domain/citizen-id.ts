/**
 * Thai national identification number (เลขประจำตัวประชาชน): 13 digits, the last a check digit
 * computed as (11 − Σ dᵢ·(14−i) mod 11) mod 10 over the first 12 digits (i = 1..12).
 * Source: Department of Provincial Administration's published check-digit rule.
 */
export function isValidCitizenId(value: string): boolean {
  if (!/^\d{13}$/.test(value)) return false;
  // The first digit is the person category 1–8; 0 and 9 are not issued to individuals.
  if (value[0] === '0' || value[0] === '9') return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(value[i]) * (13 - i);
  return (11 - (sum % 11)) % 10 === Number(value[12]);
}

/** Accepts the usual printed forms (`1-2345-67890-12-1`, spaces) and returns 13 bare digits. */
export function normaliseCitizenId(value: string): string {
  return value.replace(/[\s-]/g, '');
}

/** Masked form safe to show back: only the last four digits, in the printed grouping. */
export function maskCitizenId(value: string): string {
  const d = normaliseCitizenId(value);
  return `x-xxxx-xxxx${d.slice(9, 10)}-${d.slice(10, 12)}-${d.slice(12)}`;
}
