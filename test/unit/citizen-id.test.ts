import { describe, expect, it } from 'vitest';
import { isValidCitizenId, maskCitizenId, normaliseCitizenId } from '../../shared/domain/citizen-id.ts';
import { BAD_CHECK_DIGIT_ID, VALID_CITIZEN_ID, withCheckDigit } from '../support/citizen-ids.ts';

describe('Thai citizen ID', () => {
  it('accepts a number whose check digit matches', () => {
    // 1-1017-00230-70-? : Σ dᵢ·(13−i) = 13+12+0+10+63+0+0+12+15+0+21+0 = 146; (11 − 146 mod 11) mod 10 = 8
    expect(VALID_CITIZEN_ID).toBe('1101700230708');
    expect(isValidCitizenId('1101700230708')).toBe(true);
  });

  it('refuses a wrong check digit, wrong length, letters and category 0 or 9', () => {
    expect(isValidCitizenId(BAD_CHECK_DIGIT_ID)).toBe(false);
    expect(isValidCitizenId('110170023070')).toBe(false);
    expect(isValidCitizenId('11017002307090')).toBe(false);
    expect(isValidCitizenId('11017002307a9')).toBe(false);
    expect(isValidCitizenId(withCheckDigit('010170023070'))).toBe(false);
    expect(isValidCitizenId(withCheckDigit('910170023070'))).toBe(false);
  });

  it('catches a changed digit in every position whose weight is not 11', () => {
    // Position 3 has weight 11 ≡ 0 (mod 11): the published rule cannot see a change there.
    for (const i of [0, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11]) {
      const d = Number(VALID_CITIZEN_ID[i]);
      const changed = `${VALID_CITIZEN_ID.slice(0, i)}${(d + 1) % 10}${VALID_CITIZEN_ID.slice(i + 1)}`;
      if (changed[0] === '0' || changed[0] === '9') continue;
      expect(isValidCitizenId(changed), `position ${i}`).toBe(false);
    }
  });

  it('normalises printed forms and masks all but the last four digits', () => {
    expect(normaliseCitizenId('1-1017-00230-70-8')).toBe('1101700230708');
    expect(normaliseCitizenId('1 1017 00230 70 8')).toBe('1101700230708');
    const masked = maskCitizenId('1101700230708');
    expect(masked).toBe('x-xxxx-xxxx0-70-8');
    expect(masked.replace(/\D/g, '')).toBe('0708');
  });
});
