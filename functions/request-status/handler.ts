import { readOwnRequest } from '../../shared/app/read-request.ts';
import { citizenCredentialOf } from '../../shared/app/session-check.ts';
import { httpHandler, json } from '../../shared/http/middleware.ts';

/** GET /v1/requests/{id} — the citizen's view of their own request (access token or ThaiD session). */
export const handler = httpHandler({}, async (event) => {
  const credential = await citizenCredentialOf(event.headers, false);
  return json(200, await readOwnRequest(event.pathParameters?.id ?? '', credential));
});
