import type { BillView } from '../../../shared/schemas/payments.ts';
import type { Lang, Translate } from '../../i18n/index.ts';
import { formatBaht, formatDateTime } from '../../lib/format.ts';
import { type Html, html, raw } from '../../lib/html.ts';
import { summaryList } from '../summary-list/summary-list.ts';

/**
 * One bill: while open, the Thai QR (the API's own SVG), the amount in figures and words, the
 * references and the expiry, and a live "waiting for the bank" line; once paid, the receipt.
 */
export function payment(bill: BillView, lang: Lang, t: Translate): Html {
  const amount = html`${formatBaht(bill.amountThb, lang)} ${t('common.baht')}${lang === 'th' ? html` <span class="govuk-hint oss-inline">(${bill.amountTextTh})</span>` : ''}`;
  if (bill.status === 'PAID' && bill.receipt) {
    return html`<section class="oss-receipt" aria-labelledby="receipt-${bill.billId}">
<h3 class="govuk-heading-m" id="receipt-${bill.billId}">${t('request.receipt')}</h3>
${summaryList([
  { key: t('request.receiptNo'), value: bill.receipt.receiptNo },
  {
    key: t('request.amount'),
    value: html`${formatBaht(bill.receipt.amountThb, lang)} ${t('common.baht')} (${bill.receipt.amountTextTh})`,
  },
  { key: t('request.paidAt'), value: formatDateTime(bill.receipt.paidAt, lang) },
  { key: t('request.ref1'), value: bill.ref1 },
])}
</section>`;
  }
  if (bill.status === 'EXPIRED') {
    return html`<div class="govuk-inset-text">${t('request.billExpired')}</div>
<button type="button" class="govuk-button govuk-button--secondary" data-reissue="${bill.billId}">${t('request.reissue')}</button>`;
  }
  if (bill.status !== 'ISSUED') return html``;
  return html`<section class="oss-payment" aria-labelledby="pay-${bill.billId}">
<h3 class="govuk-heading-m" id="pay-${bill.billId}">${t('request.pay')}</h3>
<p class="govuk-body">${t('request.payHint')}</p>
<div class="oss-payment__qr" role="img" aria-label="Thai QR ${bill.ref1}">${bill.qrSvg ? raw(bill.qrSvg) : ''}</div>
${summaryList([
  { key: t('request.amount'), value: amount },
  { key: t('request.expires'), value: formatDateTime(bill.expiresAt, lang) },
  { key: t('request.ref1'), value: bill.ref1 },
  { key: t('request.ref2'), value: bill.ref2 },
])}
<p class="govuk-body oss-waiting" role="status" aria-live="polite"><span class="oss-spinner" aria-hidden="true"></span>${t('request.waiting')}</p>
</section>`;
}
