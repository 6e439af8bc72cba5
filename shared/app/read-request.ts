import './agency-names.ts';
import { getRequest } from '../adapters/requests-table.ts';
import { notFound } from '../domain/errors.ts';
import { tokenMatches } from '../domain/secure-tokens.ts';
import { toCitizenView } from '../domain/views.ts';
import type { CitizenRequestView, RequestItem } from '../schemas/request.ts';
import type { CitizenCredential } from './session-check.ts';

const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The credential opens this request: its access token, or the session of the citizen it was filed under. */
const opens = (credential: CitizenCredential, item: RequestItem) =>
  'accessToken' in credential
    ? tokenMatches(credential.accessToken, item.tokenHash)
    : item.citizenHash !== undefined && item.citizenHash === credential.signedIn.session.citizenIdHash;

/**
 * Loads a request for its citizen. An unknown id, a wrong token and someone else's request give
 * the same 404, so the API never reveals that an id exists.
 */
export async function loadOwnRequest(requestId: string, credential: CitizenCredential): Promise<RequestItem> {
  if (!REQUEST_ID.test(requestId)) throw notFound('No such request.');
  const item = await getRequest(requestId);
  if (!item || !opens(credential, item)) throw notFound('No such request.');
  return item;
}

export async function readOwnRequest(
  requestId: string,
  credential: CitizenCredential,
): Promise<CitizenRequestView> {
  return toCitizenView(await loadOwnRequest(requestId, credential));
}
