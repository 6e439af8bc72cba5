import { assertAgency, listAgencyRequests, readInbox, showAgencyRequest } from '../../shared/app/agency.ts';
import { agencyClaim, httpHandler, json, parseWith } from '../../shared/http/middleware.ts';
import { InboxQuery, ListQuery } from './schema.ts';

/** GET /v1/agencies/{agencyId}/inbox, …/requests and …/requests/{id}. */
export const handler = httpHandler({}, async (event) => {
  const agencyId = event.pathParameters?.agencyId ?? '';
  assertAgency(agencyId, agencyClaim(event));
  const query = event.queryStringParameters ?? {};
  const requestId = event.pathParameters?.id;
  if (requestId !== undefined) return json(200, await showAgencyRequest(agencyId, requestId));
  if (event.resource.endsWith('/inbox')) {
    const { max, waitSeconds } = parseWith(InboxQuery, query);
    return json(200, await readInbox(agencyId, max, waitSeconds));
  }
  const { overdue, ...list } = parseWith(ListQuery, query, '(query)');
  return json(
    200,
    await listAgencyRequests(agencyId, {
      ...list,
      ...(overdue !== undefined && { overdue: overdue === 'true' }),
    }),
  );
});
