import { cancelOwnRequest, rateOwnRequest, replyToRequest } from '../../shared/app/citizen-actions.ts';
import { reissueOwnBill } from '../../shared/app/payments.ts';
import { citizenCredentialOf } from '../../shared/app/session-check.ts';
import { httpHandler, json, parseWith } from '../../shared/http/middleware.ts';
import { CancelBody, RatingBody, ReplyBody } from '../../shared/schemas/citizen-actions.ts';

/**
 * POST /v1/requests/{id}/cancel, …/rating, …/reply and …/bills/{billId}/reissue (a new bill for an
 * expired one), by the access token's holder or the signed-in citizen (with the CSRF header).
 */
export const handler = httpHandler(
  { jsonBody: true, allowEmptyBody: true, maxBodyBytes: 8 * 1024 },
  async (event) => {
    const token = await citizenCredentialOf(event.headers, true);
    const id = event.pathParameters?.id ?? '';
    if (event.resource.endsWith('/reissue')) {
      return json(201, await reissueOwnBill(id, token, event.pathParameters?.billId ?? ''));
    }
    if (event.resource.endsWith('/reply')) {
      return json(200, await replyToRequest(id, token, parseWith(ReplyBody, event.body).message));
    }
    if (event.resource.endsWith('/rating')) {
      return json(201, await rateOwnRequest(id, token, parseWith(RatingBody, event.body)));
    }
    const { reason } = parseWith(CancelBody, event.body);
    return json(200, await cancelOwnRequest(id, token, reason));
  },
);
