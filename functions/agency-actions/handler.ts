import { actOnRequest, assertAgency, documentLink, revealCitizenId } from '../../shared/app/agency.ts';
import { agencyClaim, httpHandler, json, officerClaims, parseWith } from '../../shared/http/middleware.ts';
import { AgencyActionBody, RevealBody } from '../../shared/schemas/agency-actions.ts';

/**
 * POST /v1/agencies/{agencyId}/requests/{id}/actions, …/reveal (the full citizen ID, with a reason) and
 * GET /v1/agencies/{agencyId}/requests/{id}/documents/{documentId}.
 */
export const handler = httpHandler({ jsonBody: true, maxBodyBytes: 16 * 1024 }, async (event) => {
  const { agencyId = '', id = '', documentId } = event.pathParameters ?? {};
  assertAgency(agencyId, agencyClaim(event));
  if (documentId !== undefined) return json(200, await documentLink(agencyId, id, documentId));
  if (event.resource.endsWith('/reveal')) {
    const { reason } = parseWith(RevealBody, event.body);
    return json(200, await revealCitizenId(agencyId, id, officerClaims(event).username, reason));
  }
  const body = parseWith(AgencyActionBody, event.body);
  return json(200, await actOnRequest(agencyId, id, body));
});
