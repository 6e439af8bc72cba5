import { actOnRequest, assertAgency, documentLink } from '../../shared/app/agency.ts';
import { agencyClaim, httpHandler, json, parseWith } from '../../shared/http/middleware.ts';
import { AgencyActionBody } from '../../shared/schemas/agency-actions.ts';

/**
 * POST /v1/agencies/{agencyId}/requests/{id}/actions and
 * GET /v1/agencies/{agencyId}/requests/{id}/documents/{documentId}.
 */
export const handler = httpHandler({ jsonBody: true, maxBodyBytes: 16 * 1024 }, async (event) => {
  const { agencyId = '', id = '', documentId } = event.pathParameters ?? {};
  assertAgency(agencyId, agencyClaim(event));
  if (documentId !== undefined) return json(200, await documentLink(agencyId, id, documentId));
  const body = parseWith(AgencyActionBody, event.body);
  return json(200, await actOnRequest(agencyId, id, body));
});
