import type { Lang } from '../i18n/index.ts';

const ZONE = 'Asia/Bangkok';
/** Thai pages show Buddhist-era dates (th-TH's default calendar); English pages the Christian era. */
const locale = (lang: Lang) => (lang === 'th' ? 'th-TH-u-ca-buddhist' : 'en-GB');

export function formatDate(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'long', timeZone: ZONE }).format(new Date(iso));
}

export function formatDateTime(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(locale(lang), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: ZONE,
  }).format(new Date(iso));
}

export function formatBaht(amount: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'th' ? 'th-TH' : 'en-GB', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(amount);
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}
