import { readOwnRequest } from '../../shared/app/read-request.ts';
import { bearerToken, httpHandler, json } from '../../shared/http/middleware.ts';

/** GET /v1/requests/{id} — the citizen's view of their own request. */
export const handler = httpHandler({}, async (event) => {
  const token = bearerToken(event);
  return json(200, await readOwnRequest(event.pathParameters?.id ?? '', token));
});
