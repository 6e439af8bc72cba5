import { onFirstUse } from './first-use.ts';

/**
 * Thai public holidays (วันหยุดราชการ) that stop the SLA clock, `YYYY-MM-DD` in Asia/Bangkok, for
 * the current and next year.
 *
 * Source: the rules of the npm package `date-holidays` 3.37.0 (country TH, type "public"),
 * extracted 2026-11-22. Known gaps, to be filled from the Cabinet's annual announcement
 * (ประกาศสำนักนายกรัฐมนตรี เรื่อง วันหยุดราชการประจำปี) when it is published:
 * - 2027's Buddhist lunar holidays (Makha Bucha, Visakha Bucha, Asalha Bucha, Buddhist Lent):
 *   the source has no lunar dates for 2027;
 * - special holidays the Cabinet declares for one year only (none are listed: add them to
 *   `SPECIAL_HOLIDAYS` with the announcement that declares them).
 *
 * Substitution days (วันหยุดชดเชย) are derived, not listed: a public holiday that falls on a
 * Saturday or Sunday is made up on the next working day that is not itself a holiday, the rule the
 * Cabinet's annual announcement of official holidays applies (so Saturday 5 December 2026 gives
 * Monday 7 December 2026; a Songkran weekend gives two weekdays).
 */
export interface Holiday {
  readonly date: string;
  readonly nameTh: string;
  readonly nameEn: string;
}

const PUBLIC_HOLIDAYS: readonly Holiday[] = [
  { date: '2026-01-01', nameTh: 'วันขึ้นปีใหม่', nameEn: "New Year's Day" },
  { date: '2026-03-03', nameTh: 'วันมาฆบูชา', nameEn: 'Makha Bucha' },
  { date: '2026-04-06', nameTh: 'วันจักรี', nameEn: 'Chakri Memorial Day' },
  { date: '2026-04-13', nameTh: 'วันสงกรานต์', nameEn: 'Songkran Festival' },
  { date: '2026-04-14', nameTh: 'วันสงกรานต์', nameEn: 'Songkran Festival' },
  { date: '2026-04-15', nameTh: 'วันสงกรานต์', nameEn: 'Songkran Festival' },
  { date: '2026-05-04', nameTh: 'วันฉัตรมงคล', nameEn: 'Coronation Day' },
  { date: '2026-05-31', nameTh: 'วันวิสาขบูชา', nameEn: 'Vesak Day' },
  {
    date: '2026-06-03',
    nameTh: 'วันเฉลิมพระชนมพรรษาสมเด็จพระนางเจ้าสุทิดา พัชรสุธาพิมลลักษณ พระบรมราชินี',
    nameEn: "Queen Suthida's Birthday",
  },
  { date: '2026-07-28', nameTh: 'วันเฉลิมพระชนมพรรษาพระบาทสมเด็จพระวชิรเกล้าเจ้าอยู่หัว', nameEn: "King's Birthday" },
  { date: '2026-07-29', nameTh: 'วันอาสาฬหบูชา', nameEn: 'Asalha Puja' },
  { date: '2026-07-30', nameTh: 'วันเข้าพรรษา', nameEn: 'Buddhist Lent' },
  {
    date: '2026-08-12',
    nameTh: 'วันเฉลิมพระชนมพรรษาสมเด็จพระนางเจ้าสิริกิติ์ พระบรมราชินีนาถ พระบรมราชชนนีพันปีหลวง',
    nameEn: "The Queen Mother's Birthday",
  },
  {
    date: '2026-10-13',
    nameTh: 'วันคล้ายวันสวรรคตพระบาทสมเด็จพระบรมชนกาธิเบศร มหาภูมิพลอดุลยเดชมหาราช บรมนาถบพิตร',
    nameEn: 'King Bhumibol Adulyadej Memorial Day',
  },
  { date: '2026-10-23', nameTh: 'วันปิยมหาราช', nameEn: 'King Chulalongkorn Day' },
  {
    date: '2026-12-05',
    nameTh: 'วันคล้ายวันพระบรมราชสมภพ พระบาทสมเด็จพระบรมชนกาธิเบศร มหาภูมิพลอดุลยเดชมหาราช บรมนาถบพิตร',
    nameEn: "King Bhumibol Adulyadej's Birthday",
  },
  { date: '2026-12-10', nameTh: 'วันรัฐธรรมนูญ', nameEn: 'Constitution Day' },
  { date: '2026-12-31', nameTh: 'วันสิ้นปี', nameEn: "New Year's Eve" },
  { date: '2027-01-01', nameTh: 'วันขึ้นปีใหม่', nameEn: "New Year's Day" },
  { date: '2027-04-06', nameTh: 'วันจักรี', nameEn: 'Chakri Memorial Day' },
  { date: '2027-04-13', nameTh: 'วันสงกรานต์', nameEn: 'Songkran Festival' },
  { date: '2027-04-14', nameTh: 'วันสงกรานต์', nameEn: 'Songkran Festival' },
  { date: '2027-04-15', nameTh: 'วันสงกรานต์', nameEn: 'Songkran Festival' },
  { date: '2027-05-04', nameTh: 'วันฉัตรมงคล', nameEn: 'Coronation Day' },
  {
    date: '2027-06-03',
    nameTh: 'วันเฉลิมพระชนมพรรษาสมเด็จพระนางเจ้าสุทิดา พัชรสุธาพิมลลักษณ พระบรมราชินี',
    nameEn: "Queen Suthida's Birthday",
  },
  { date: '2027-07-28', nameTh: 'วันเฉลิมพระชนมพรรษาพระบาทสมเด็จพระวชิรเกล้าเจ้าอยู่หัว', nameEn: "King's Birthday" },
  {
    date: '2027-08-12',
    nameTh: 'วันเฉลิมพระชนมพรรษาสมเด็จพระนางเจ้าสิริกิติ์ พระบรมราชินีนาถ พระบรมราชชนนีพันปีหลวง',
    nameEn: "The Queen Mother's Birthday",
  },
  {
    date: '2027-10-13',
    nameTh: 'วันคล้ายวันสวรรคตพระบาทสมเด็จพระบรมชนกาธิเบศร มหาภูมิพลอดุลยเดชมหาราช บรมนาถบพิตร',
    nameEn: 'King Bhumibol Adulyadej Memorial Day',
  },
  { date: '2027-10-23', nameTh: 'วันปิยมหาราช', nameEn: 'King Chulalongkorn Day' },
  {
    date: '2027-12-05',
    nameTh: 'วันคล้ายวันพระบรมราชสมภพ พระบาทสมเด็จพระบรมชนกาธิเบศร มหาภูมิพลอดุลยเดชมหาราช บรมนาถบพิตร',
    nameEn: "King Bhumibol Adulyadej's Birthday",
  },
  { date: '2027-12-10', nameTh: 'วันรัฐธรรมนูญ', nameEn: 'Constitution Day' },
  { date: '2027-12-31', nameTh: 'วันสิ้นปี', nameEn: "New Year's Eve" },
];

/** One-year special holidays declared by the Cabinet, each with the announcement that declares it. */
const SPECIAL_HOLIDAYS: readonly (Holiday & { readonly source: string })[] = [];

const isWeekend = (date: string) => {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
};
/**
 * ISO dates sort as plain strings. Not `localeCompare`: its first call loads ICU's collation data,
 * about 20 ms of every function's cold start for a list of thirty dates.
 */
const byDate = (a: Holiday, b: Holiday) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

const nextDay = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The substitution days of a list of holidays: one working day for each holiday on a weekend. */
export function substitutionDays(list: readonly Holiday[]): Holiday[] {
  const taken = new Set(list.map((h) => h.date));
  const out: Holiday[] = [];
  for (const h of [...list].sort(byDate)) {
    if (!isWeekend(h.date)) continue;
    let day = nextDay(h.date);
    while (isWeekend(day) || taken.has(day)) day = nextDay(day);
    taken.add(day);
    out.push({ date: day, nameTh: `วันหยุดชดเชย${h.nameTh}`, nameEn: `Substitution day for ${h.nameEn}` });
  }
  return out;
}

/** Every holiday, substitution days included: worked out on first use, not as a function loads. */
export const allHolidays: () => readonly Holiday[] = onFirstUse(() =>
  [
    ...PUBLIC_HOLIDAYS,
    ...SPECIAL_HOLIDAYS,
    ...substitutionDays([...PUBLIC_HOLIDAYS, ...SPECIAL_HOLIDAYS]),
  ].sort(byDate),
);
