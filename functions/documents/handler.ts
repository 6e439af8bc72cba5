import { startDocumentUpload } from '../../shared/app/documents.ts';
import { citizenCredentialOf } from '../../shared/app/session-check.ts';
import { httpHandler, json, parseWith } from '../../shared/http/middleware.ts';
import { StartUploadBody } from '../../shared/schemas/citizen-actions.ts';

/** POST /v1/requests/{id}/documents — a presigned POST for one supporting document. */
export const handler = httpHandler({ jsonBody: true, maxBodyBytes: 4096 }, async (event) => {
  const token = await citizenCredentialOf(event.headers, true);
  const body = parseWith(StartUploadBody, event.body);
  return json(201, await startDocumentUpload(event.pathParameters?.id ?? '', token, body));
});
