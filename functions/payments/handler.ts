import { assertAgency } from '../../shared/app/agency.ts';
import { listAgencyBills, receiveBankCallback } from '../../shared/app/payments.ts';
import { agencyRegistry } from '../../shared/app/reference.ts';
import { AppError } from '../../shared/domain/errors.ts';
import { agencyClaim, httpHandler, json, parseWith } from '../../shared/http/middleware.ts';
import { AgencyBillsQuery } from '../../shared/schemas/payments.ts';

/**
 * POST /v1/payments/bank-callback (a bank's signed confirmation: the raw body is what was signed,
 * so it is not parsed before the signature is checked) and GET /v1/agencies/{agencyId}/bills.
 */
export const handler = httpHandler({ maxBodyBytes: 8 * 1024 }, async (event) => {
  if (event.httpMethod === 'GET') {
    const agencyId = event.pathParameters?.agencyId ?? '';
    assertAgency(agencyId, agencyClaim(event));
    const { state } = parseWith(AgencyBillsQuery, event.queryStringParameters ?? {}, '(query)');
    const provinceCode = agencyRegistry.agencyById(agencyId)?.provinceCode ?? '';
    return json(200, await listAgencyBills(agencyId, provinceCode, state));
  }
  if (typeof event.body !== 'string' || event.body === '') {
    throw new AppError(400, 'MALFORMED_JSON', 'The request body must be the signed JSON document.');
  }
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  return json(200, await receiveBankCallback(raw, event.headers));
});
