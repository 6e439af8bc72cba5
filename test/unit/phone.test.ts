import { describe, expect, it } from 'vitest';
import { normaliseThaiPhone, withBangkokZone } from '../../shared/domain/phone.ts';

/** Issue #17: what Open311 clients post, read the way a Thai officer would. */
describe('client tolerance', () => {
  it('reads Thai phone numbers as people write them', () => {
    expect(normaliseThaiPhone('(038) 123 456')).toBe('038123456');
    expect(normaliseThaiPhone('081-234-5678')).toBe('0812345678');
    expect(normaliseThaiPhone('+66 81 234 5678')).toBe('0812345678');
    expect(normaliseThaiPhone('02.123.4567')).toBe('021234567');
    // Not a Thai number: left as given, for the validator to name.
    expect(normaliseThaiPhone('call me')).toBe('call me');
    expect(normaliseThaiPhone('+1 415 555 0100')).toBe('+1 415 555 0100');
  });

  it('reads a date-time without a zone as Bangkok time, and leaves a zoned one alone', () => {
    expect(withBangkokZone('2026-12-01T09:00')).toBe('2026-12-01T09:00:00+07:00');
    expect(withBangkokZone('2026-12-01T09:00:30')).toBe('2026-12-01T09:00:30+07:00');
    expect(withBangkokZone('2026-12-01T09:00:00Z')).toBe('2026-12-01T09:00:00Z');
    expect(withBangkokZone('tomorrow')).toBe('tomorrow');
  });
});
