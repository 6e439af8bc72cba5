import type { Service } from '../schemas/catalogue.ts';
import type { BillLine, LandBuildingAssessment } from '../schemas/payments.ts';
import type { DetailValue } from '../schemas/request.ts';
import { divideRounded, formatBaht, satangFromBaht } from './money.ts';

/** An amount to bill, with the lines that add up to it (what the receipt shows). */
export interface FeeQuote {
  readonly amountSatang: number;
  readonly lines: readonly BillLine[];
}

/** Whether the service's fee is known when it is filed, and so paid before the agency gets it (DESIGN.md §5). */
export function feeDueAtFiling(service: Service): boolean {
  const { fee } = service;
  if (fee.model === 'fixed') return (fee.amountThb ?? 0) > 0;
  return fee.model === 'formula' && fee.calc?.kind === 'rateOfField';
}

/** Whether the agency bills this service while working on it (the action `bill`). */
export function billedByAgency(service: Service): boolean {
  return service.fee.model === 'assessed' || (service.fee.model === 'formula' && !feeDueAtFiling(service));
}

const pct = (basisPoints: number) => `${(basisPoints / 100).toFixed(2)} %`;

/**
 * The fee due at filing, computed from the filing's details, or undefined when nothing is due then
 * (no fee, billed later by the agency, or a zero amount such as a month with no room revenue).
 */
export function filingFee(
  service: Service,
  details: Readonly<Record<string, DetailValue>>,
): FeeQuote | undefined {
  if (!feeDueAtFiling(service)) return undefined;
  const { fee } = service;
  if (fee.model === 'fixed') {
    const amountSatang = satangFromBaht(fee.amountThb ?? 0) ?? 0;
    return {
      amountSatang,
      lines: [{ labelTh: `ค่าธรรมเนียม${service.nameTh}`, labelEn: `Fee: ${service.nameEn}`, amountSatang }],
    };
  }
  const calc = fee.calc;
  if (calc?.kind !== 'rateOfField') return undefined;
  const raw = details[calc.field];
  const base = typeof raw === 'number' || typeof raw === 'string' ? satangFromBaht(raw) : undefined;
  if (base === undefined) return undefined; // the form engine already refused a malformed amount
  const amountSatang = Number(divideRounded(BigInt(base) * BigInt(calc.basisPoints), 10_000n));
  if (amountSatang === 0) return undefined;
  const label = service.fields.find((f) => f.code === calc.field);
  return {
    amountSatang,
    lines: [
      {
        labelTh: `${pct(calc.basisPoints)} ของ${label?.labelTh ?? calc.field} ${formatBaht(base)} บาท`,
        labelEn: `${pct(calc.basisPoints)} of ${label?.labelEn ?? calc.field} ${formatBaht(base)} THB`,
        amountSatang,
      },
    ],
  };
}

type Band = readonly [upToThb: number, basisPoints: number];
const INF = Number.POSITIVE_INFINITY;

/**
 * Land and Building Tax rates by use, as progressive bands of the appraised value (each slice of
 * the value at its own rate): พระราชกฤษฎีกากำหนดอัตราภาษีที่ดินและสิ่งปลูกสร้าง พ.ศ. 2562, under
 * the Land and Building Tax Act B.E. 2562, sections 37–38. PROVISIONAL: local bodies may set rates
 * up to the Act's ceilings by ordinance; confirm against the body's announcement before billing.
 */
export const LAND_BUILDING_TAX_BANDS: Readonly<Record<LandBuildingAssessment['use'], readonly Band[]>> = {
  agricultural: [
    [75e6, 1],
    [100e6, 3],
    [500e6, 5],
    [1000e6, 7],
    [INF, 10],
  ],
  residential: [
    [50e6, 2],
    [75e6, 3],
    [100e6, 5],
    [INF, 10],
  ],
  other: [
    [50e6, 30],
    [200e6, 40],
    [1000e6, 50],
    [5000e6, 60],
    [INF, 70],
  ],
  // Vacant land is taxed at the `other` rates, plus 0.3 % for every three consecutive years left vacant (section 37).
  vacant: [
    [50e6, 30],
    [200e6, 40],
    [1000e6, 50],
    [5000e6, 60],
    [INF, 70],
  ],
};

/** Section 37: the vacant-land surcharge per three years, and the ceiling of any rate. */
const VACANT_STEP_BP = 30;
const RATE_CEILING_BP = 300;
/** Sections 40–41 (provisional): a main residence with its land is exempt up to 50 M THB; the building alone up to 10 M. */
const MAIN_RESIDENCE_EXEMPTION_THB = { 'land-and-building': 50e6, 'building-only': 10e6 } as const;

const USE_TH = { agricultural: 'เกษตรกรรม', residential: 'ที่อยู่อาศัย', other: 'อื่น ๆ', vacant: 'ทิ้งไว้ว่างเปล่า' };

/** The tax on an assessment: one line per band the value reaches, each rounded to the satang. */
export function landBuildingTax(a: LandBuildingAssessment): FeeQuote {
  const value = satangFromBaht(a.appraisedValueThb);
  if (value === undefined) throw new RangeError('appraised value must have at most two decimals');
  const exemptSatang =
    a.use === 'residential' && a.mainResidence ? MAIN_RESIDENCE_EXEMPTION_THB[a.mainResidence] * 100 : 0;
  const surcharge = a.use === 'vacant' ? Math.floor((a.vacantYears ?? 0) / 3) * VACANT_STEP_BP : 0;
  const lines: BillLine[] = [];
  let lower = 0;
  for (const [upTo, bp] of LAND_BUILDING_TAX_BANDS[a.use]) {
    const upper = Number.isFinite(upTo) ? upTo * 100 : INF;
    const from = Math.max(lower, exemptSatang);
    const to = Math.min(upper, value);
    if (to > from) {
      const rate = Math.min(bp + surcharge, RATE_CEILING_BP);
      const amountSatang = Number(divideRounded(BigInt(to - from) * BigInt(rate), 10_000n));
      lines.push({
        labelTh: `${USE_TH[a.use]} มูลค่าส่วน ${formatBaht(from)}–${formatBaht(to)} บาท อัตรา ${pct(rate)}`,
        labelEn: `${a.use}, value ${formatBaht(from)}–${formatBaht(to)} THB at ${pct(rate)}`,
        amountSatang,
      });
    }
    lower = upper;
    if (lower >= value) break;
  }
  if (exemptSatang > 0) {
    lines.unshift({
      labelTh: `ยกเว้นบ้านหลังหลัก ${formatBaht(Math.min(exemptSatang, value))} บาท`,
      labelEn: `main residence exemption ${formatBaht(Math.min(exemptSatang, value))} THB`,
      amountSatang: 0,
    });
  }
  return { amountSatang: lines.reduce((sum, l) => sum + l.amountSatang, 0), lines };
}
