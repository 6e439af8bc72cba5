/** Builds a valid 13-digit Thai citizen ID from 12 leading digits (test data only). */
export function withCheckDigit(first12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (13 - i);
  return `${first12}${(11 - (sum % 11)) % 10}`;
}

export const VALID_CITIZEN_ID = withCheckDigit('110170023070');

/** Same digits, last one changed: fails the check digit. */
export const BAD_CHECK_DIGIT_ID = `${VALID_CITIZEN_ID.slice(0, 12)}${(Number(VALID_CITIZEN_ID[12]) + 1) % 10}`;
