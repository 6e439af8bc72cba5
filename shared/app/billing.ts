import * as z from 'zod/mini';
import { claimBillRef } from '../adapters/payments-table.ts';
import { type NewBill, newBill } from '../domain/bills.ts';
import { AppError } from '../domain/errors.ts';
import { filingFee } from '../domain/fees.ts';
import { routeRequest } from '../domain/routing.ts';
import { toBangkokIso } from '../domain/time.ts';
import { ENV } from '../env.ts';
import type { Service } from '../schemas/catalogue.ts';
import { schema } from '../schemas/define.ts';
import type { Bill } from '../schemas/payments.ts';
import type { DetailValue } from '../schemas/request.ts';
import { agencyRegistry } from './reference.ts';

const Biller = /* @__PURE__ */ schema(() =>
  z.object({ billerId: z.string().check(z.regex(/^\d{15}$/)), bankId: z.string() }),
);
const Billers = /* @__PURE__ */ schema(() => z.catchall(z.object({ default: Biller }), Biller));
export type Biller = z.infer<typeof Biller>;

let billers: z.infer<typeof Billers> | undefined;

/**
 * Who collects for an agency and through which bank: its own biller id where configured, else
 * the deployment's default collection account (configuration: `infra/config.ts`, `payments`).
 */
export function billerFor(agencyId: string): Biller {
  if (!billers) {
    const raw = process.env[ENV.billers];
    if (!raw) {
      throw new AppError(
        503,
        'PAYMENTS_NOT_CONFIGURED',
        'Fees cannot be collected yet: this deployment has no collection account configured.',
      );
    }
    billers = Billers.parse(JSON.parse(raw));
  }
  return billers[agencyId] ?? billers.default;
}

/** How often a clashing random reference is drawn again before giving up (36^11 makes one clash rare). */
const REF_ATTEMPTS = 5;

/** A new bill with a bank reference claimed for this request (unique across OSS). */
export async function issueBill(input: Omit<NewBill, 'billerId' | 'ref1'>, now: Date): Promise<Bill> {
  const { billerId } = billerFor(input.agencyId);
  for (let attempt = 0; attempt < REF_ATTEMPTS; attempt++) {
    const bill = newBill({ ...input, billerId }, now);
    if (await claimBillRef(bill.ref1, input.requestId, toBangkokIso(now))) return bill;
  }
  throw new Error('could not draw an unused bill reference');
}

/** Where a request will be routed: the agency that collects its filing fee. */
export function collectingAgency(
  service: Service,
  area: { provinceCode: string; districtCode?: string; subdistrictCode?: string },
): string {
  return routeRequest(
    {
      agencyType: service.agencyType,
      provinceCode: area.provinceCode,
      ...(area.districtCode && { districtCode: area.districtCode }),
      ...(area.subdistrictCode && { subdistrictCode: area.subdistrictCode }),
    },
    agencyRegistry,
  ).agencyId;
}

/** The bill for a service's fee due at filing, or undefined when nothing is due then. */
export async function issueFilingBill(
  service: Service,
  request: {
    requestId: string;
    provinceCode: string;
    districtCode?: string;
    subdistrictCode?: string;
    details: Readonly<Record<string, DetailValue>>;
  },
  now: Date,
): Promise<Bill | undefined> {
  const quote = filingFee(service, request.details);
  if (!quote) return undefined;
  return issueBill(
    {
      kind: 'filing',
      agencyId: collectingAgency(service, request),
      amountSatang: quote.amountSatang,
      requestId: request.requestId,
      reason: `${service.nameTh} / ${service.nameEn}`,
      lines: [...quote.lines],
    },
    now,
  );
}
