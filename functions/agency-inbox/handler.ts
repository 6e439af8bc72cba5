import { assertAgency, listAgencyRequests, readInbox } from '../../shared/app/agency.ts';
import { agencyClaim, httpHandler, json, parseWith } from '../../shared/http/middleware.ts';
import { InboxQuery, ListQuery } from './schema.ts';

/** GET /v1/agencies/{agencyId}/inbox and GET /v1/agencies/{agencyId}/requests. */
export const handler = httpHandler({}, async (event) => {
  const agencyId = event.pathParameters?.agencyId ?? '';
  assertAgency(agencyId, agencyClaim(event));
  const query = event.queryStringParameters ?? {};
  if (event.resource.endsWith('/inbox')) {
    const { max, waitSeconds } = parseWith(InboxQuery, query);
    return json(200, await readInbox(agencyId, max, waitSeconds));
  }
  const { status } = parseWith(ListQuery, query);
  return json(200, await listAgencyRequests(agencyId, status));
});
