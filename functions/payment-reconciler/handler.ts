import middy from '@middy/core';
import { reconcileBills } from '../../shared/app/payments.ts';
import { ENV, requireEnv } from '../../shared/env.ts';
import { logger, observability } from '../../shared/observability.ts';

/**
 * Scheduled: asks the banks about bills unpaid shortly after issue or near expiry, so a lost
 * callback still pays its bill, and expires bills the bank never saw paid.
 * `{"everyBill": true}` inquires about every unpaid bill (operators, after a bank outage).
 */
export const handler = middy(async (event: { everyBill?: boolean } | undefined) => {
  const result = await reconcileBills(requireEnv(ENV.servedProvinces).split(','), new Date(), {
    everyBill: event?.everyBill === true,
  });
  logger.info('bills reconciled', { ...result });
  return result;
}).use(observability());
