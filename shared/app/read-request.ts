import './agency-names.ts';
import { getRequest } from '../adapters/requests-table.ts';
import { notFound } from '../domain/errors.ts';
import { tokenMatches } from '../domain/secure-tokens.ts';
import { toCitizenView } from '../domain/views.ts';
import type { CitizenRequestView, RequestItem } from '../schemas/request.ts';

const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Loads a request for the citizen holding its access token. An unknown id and a wrong token
 * give the same 404, so the API never reveals that an id exists.
 */
export async function loadOwnRequest(requestId: string, accessToken: string): Promise<RequestItem> {
  if (!REQUEST_ID.test(requestId)) throw notFound('No such request.');
  const item = await getRequest(requestId);
  if (!item || !tokenMatches(accessToken, item.tokenHash)) throw notFound('No such request.');
  return item;
}

export async function readOwnRequest(requestId: string, accessToken: string): Promise<CitizenRequestView> {
  return toCitizenView(await loadOwnRequest(requestId, accessToken));
}
