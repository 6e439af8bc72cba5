import { bahttext } from 'bahttext';
import { billPayment } from 'promptparse/generate';
import { billPayment as readBillPayment } from 'promptparse/validate';
import QRCode from 'qrcode/lib/core/qrcode.js';
import svgTag from 'qrcode/lib/renderer/svg-tag.js';
import type { Bill } from '../schemas/payments.ts';
import { bahtFromSatang } from './money.ts';

/**
 * What a bill is shown with: its Thai QR payload and code, and its amount in Thai words. Kept
 * apart from bills.ts and loaded only when a bill is first shown (see `billView`): qrcode builds
 * its tables as it loads, a few milliseconds of every cold start of the nine functions that can
 * show a bill, while most of their requests never do. In a function bundle it is not even read at
 * a cold start: it is a file of its own beside the bundle (infra/bundling.ts, SIDE_FILES).
 */

/** The EMVCo Thai QR tag-30 bill payment payload (CRC-16/CCITT-FALSE in tag 63), built by promptparse. */
export function qrPayloadOf(bill: Pick<Bill, 'billerId' | 'amountSatang' | 'ref1' | 'ref2'>): string {
  const amount = bahtFromSatang(bill.amountSatang);
  const payload = billPayment({ billerId: bill.billerId, amount, ref1: bill.ref1, ref2: bill.ref2 });
  // Read back with the same library's validator (CRC included): a payload a banking app would
  // refuse or misread is an error here, never a QR shown to a citizen.
  const read = readBillPayment(payload);
  if (
    read?.billerId !== bill.billerId ||
    read.ref1 !== bill.ref1 ||
    read.ref2 !== bill.ref2 ||
    read.amount !== amount
  ) {
    throw new Error(`Thai QR payload for bill ${bill.ref1} does not read back as built`);
  }
  return payload;
}

/** The payload as an SVG QR code (error correction M, a four-module quiet zone as the standard asks). */
export const qrSvgOf = (payload: string): string =>
  svgTag.render(QRCode.create(payload, { errorCorrectionLevel: 'M' }), { margin: 4 });

/** The amount in Thai words as printed on receipts: หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบสตางค์. */
export const bahtTextTh = (satang: number): string => bahttext((satang / 100).toFixed(2));
