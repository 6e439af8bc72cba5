/**
 * A Thai phone number as people write it — `(038) 123 456`, `081-234-5678`, `+66 81 234 5678`,
 * `02.123.4567` — as the digits the validators expect (`038123456`, `0812345678`). Anything that
 * does not come out as a Thai number is returned as given, so the validator says what is wrong.
 */
export function normaliseThaiPhone(written: string): string {
  const compact = written.trim().replace(/[\s().-]/g, '');
  const national = compact.startsWith('+66')
    ? `0${compact.slice(3)}`
    : compact.startsWith('66') && compact.length === 11
      ? `0${compact.slice(2)}`
      : compact;
  return /^0\d{8,9}$/.test(national) ? national : written;
}

/** A date-time without a zone (`2026-12-01T09:00`, as a datetime-local field posts it) is Bangkok time. */
export function withBangkokZone(value: string): string {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2}(\.\d{1,3})?)?$/.exec(value.trim());
  return m ? `${m[1]}${m[2] ?? ':00'}+07:00` : value;
}
