import * as z from 'zod/mini';
import type { $ZodType } from 'zod/v4/core';
import { AgencyActionBody, RevealBody } from './schemas/agency-actions.ts';

import { CancelBody, RatingBody, ReplyBody, StartUploadBody } from './schemas/citizen-actions.ts';
import {
  DistrictList,
  DocumentUploadResponse,
  ErrorResponse,
  HealthResponse,
  ProvinceList,
  PublishedService,
  RatingResponse,
  ServiceList,
  StatsResponse,
  SubdistrictList,
} from './schemas/http.ts';
import { AgencyMessage } from './schemas/messages.ts';
import { BankCallbackBody, BillView } from './schemas/payments.ts';
import { AgencyListItem, AgencyRequestView, CitizenRequestView } from './schemas/request.ts';
import { SubmitRequestBody, SubmitRequestResponse } from './schemas/submission.ts';

/**
 * The OpenAPI 3.1 document of the native API, generated from the same zod schemas the handlers
 * parse with and the views they return (never written by hand). Served at GET /openapi.json.
 */
const components: Record<string, $ZodType> = {
  Error: ErrorResponse,
  Health: HealthResponse,
  ProvinceList,
  DistrictList,
  SubdistrictList,
  ServiceList,
  Service: PublishedService,
  SubmitRequest: SubmitRequestBody,
  SubmitRequestResponse,
  CitizenRequestView,
  AgencyRequestView,
  StartUpload: StartUploadBody,
  DocumentUpload: DocumentUploadResponse,
  Cancel: CancelBody,
  Rating: RatingBody,
  Reply: ReplyBody,
  PublishedService,
  RatingResponse,
  AgencyAction: AgencyActionBody,
  Inbox: z.object({
    items: z.array(
      z.object({
        receiptHandle: z.string(),
        kind: AgencyMessage.shape.kind,
        request: AgencyRequestView,
      }),
    ),
  }),
  AgencyRequestList: z.object({ items: z.array(AgencyListItem), next: z.optional(z.string()) }),
  Reveal: RevealBody,
  Revealed: z.object({
    requestId: z.string(),
    citizenId: z.string(),
    revealedAt: z.string(),
    revealedTo: z.string(),
  }),
  DocumentLink: z.object({ documentId: z.string(), url: z.string(), expiresAt: z.string() }),
  Stats: StatsResponse,
  Bill: BillView,
  BankCallback: BankCallbackBody,
  PaymentOutcome: z.object({
    result: z.enum(['APPLIED', 'FLAGGED']),
    transactionRef: z.string(),
    reason: z.optional(z.string()),
    receiptNo: z.optional(z.string()),
  }),
  AgencyBills: z.object({ items: z.array(z.record(z.string(), z.unknown())) }),
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string, description: string) => ({
  description,
  content: { 'application/json': { schema: ref(name) } },
});
const errors = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((c) => [
      String(c),
      json('Error', 'Error: {error: {code, message, messageTh, issues?}} (docs/http-api.md, Errors)'),
    ]),
  );
const body = (name: string) => ({ required: true, content: { 'application/json': { schema: ref(name) } } });
const pathParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });
/** The request's access token, or a ThaiD session cookie (writes also send X-CSRF-Token). */
const bearer = [{ citizenToken: [] }, { citizenSession: [] }];
const agency = [{ agencyJwt: [] }];

export function openApiDocument(serverUrl = '/') {
  const schemas = Object.fromEntries(
    Object.entries(components).map(([name, schema]) => {
      const { $schema: _drop, ...s } = z.toJSONSchema(schema, {
        io: 'output',
        unrepresentable: 'any',
      }) as Record<string, unknown>;
      return [name, s];
    }),
  );
  // Request bodies are described as clients send them (before transforms).
  for (const name of ['SubmitRequest', 'StartUpload', 'Cancel', 'Rating', 'Reply', 'AgencyAction']) {
    const { $schema: _drop, ...s } = z.toJSONSchema(components[name] as $ZodType, {
      io: 'input',
      unrepresentable: 'any',
    }) as Record<string, unknown>;
    schemas[name] = s;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'One Stop Service (OSS) API — ศูนย์บริการแบบเบ็ดเสร็จ',
      version: '1.0.0',
      description:
        'File a request for a public service once; it reaches the agency legally responsible, on time, on the record.',
    },
    servers: [{ url: serverUrl }],
    components: {
      schemas,
      securitySchemes: {
        citizenToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'The accessToken returned when the request was filed',
        },
        citizenSession: {
          type: 'apiKey',
          in: 'cookie',
          name: 'oss_session',
          description:
            'A ThaiD session (GET /v1/auth/thaid/login); writes also echo the oss_csrf cookie in X-CSRF-Token',
        },
        agencyJwt: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'Agency staff ID token with custom:agency_id',
        },
      },
    },
    paths: {
      '/health': { get: { summary: 'Liveness', responses: { 200: json('Health', 'OK') } } },
      '/v1/provinces': {
        get: { summary: 'The 77 provinces', responses: { 200: json('ProvinceList', 'Provinces') } },
      },
      '/v1/provinces/{code}/districts': {
        get: {
          summary: "A province's districts",
          parameters: [pathParam('code')],
          responses: { 200: json('DistrictList', 'Districts'), ...errors(404) },
        },
      },
      '/v1/districts/{code}/subdistricts': {
        get: {
          summary: "A district's subdistricts, with postcodes",
          parameters: [pathParam('code')],
          responses: { 200: json('SubdistrictList', 'Subdistricts'), ...errors(404) },
        },
      },
      '/v1/services': {
        get: { summary: 'The service catalogue', responses: { 200: json('ServiceList', 'Services') } },
      },
      '/v1/services/{code}': {
        get: {
          summary: 'One service',
          parameters: [pathParam('code')],
          responses: { 200: json('Service', 'Service'), ...errors(404) },
        },
      },
      '/v1/requests': {
        post: {
          summary: 'File a request',
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              schema: { type: 'string', minLength: 8, maxLength: 128 },
            },
          ],
          requestBody: body('SubmitRequest'),
          responses: { 201: json('SubmitRequestResponse', 'Filed'), ...errors(400, 409, 413, 415) },
        },
      },
      '/v1/auth/thaid/login': {
        get: {
          summary: 'Sign in with ThaiD: 302 to ThaiD (returnTo must be a path on this site)',
          parameters: [
            { name: 'returnTo', in: 'query', schema: { type: 'string' } },
            { name: 'login_hint', in: 'query', schema: { type: 'string' } },
          ],
          responses: { 302: { description: 'To ThaiD' }, ...errors(400) },
        },
      },
      '/v1/auth/thaid/callback': {
        get: {
          summary: 'ThaiD returns here; sets the session and CSRF cookies and redirects to returnTo',
          responses: { 302: { description: 'Signed in' }, ...errors(400, 401) },
        },
      },
      '/v1/auth/logout': {
        post: {
          summary: 'Sign out (needs X-CSRF-Token)',
          responses: { 200: { description: 'Signed out' }, ...errors(401, 403) },
        },
      },
      '/v1/me': {
        get: {
          summary: 'The signed-in citizen',
          responses: { 200: { description: 'The citizen' }, ...errors(401) },
        },
      },
      '/v1/me/requests': {
        get: {
          summary: "The signed-in citizen's requests, newest first",
          parameters: [{ name: 'cursor', in: 'query', schema: { type: 'string' } }],
          responses: { 200: { description: 'A page of requests' }, ...errors(400, 401) },
        },
      },
      '/v1/counter/requests': {
        post: {
          summary: 'Counter staff file a request for a walk-in citizen (officer token in the counter group)',
          security: agency,
          requestBody: body('SubmitRequest'),
          responses: { 201: json('SubmitRequestResponse', 'Filed'), ...errors(400, 401, 403, 409, 413, 415) },
        },
      },
      '/v1/requests/{id}': {
        get: {
          summary: "The citizen's view of a request",
          security: bearer,
          parameters: [pathParam('id')],
          responses: { 200: json('CitizenRequestView', 'The request'), ...errors(401, 404) },
        },
      },
      '/v1/requests/{id}/documents': {
        post: {
          summary: 'A presigned POST for one supporting document',
          security: bearer,
          parameters: [pathParam('id')],
          requestBody: body('StartUpload'),
          responses: { 201: json('DocumentUpload', 'Upload slot'), ...errors(400, 401, 404, 409) },
        },
      },
      '/v1/requests/{id}/cancel': {
        post: {
          summary: 'Cancel before an agency accepts',
          security: bearer,
          parameters: [pathParam('id')],
          responses: { 200: json('CitizenRequestView', 'Cancelled'), ...errors(401, 404, 409) },
        },
      },
      '/v1/requests/{id}/reply': {
        post: {
          summary: "The citizen's answer to a request for information (while NEEDS_INFO)",
          security: bearer,
          parameters: [pathParam('id')],
          requestBody: body('Reply'),
          responses: { 200: json('CitizenRequestView', 'Recorded'), ...errors(400, 401, 403, 404, 409) },
        },
      },
      '/v1/requests/{id}/rating': {
        post: {
          summary: 'Rate a finished request (once)',
          security: bearer,
          parameters: [pathParam('id')],
          requestBody: body('Rating'),
          responses: { 201: json('RatingResponse', 'Rated'), ...errors(400, 401, 404, 409) },
        },
      },
      '/v1/requests/{id}/bills/{billId}/reissue': {
        post: {
          summary: 'A new bill for one that expired unpaid (same amount, new references and expiry)',
          security: bearer,
          parameters: [pathParam('id'), pathParam('billId')],
          responses: { 201: json('Bill', 'The new bill, with its Thai QR'), ...errors(401, 404, 409) },
        },
      },
      '/v1/payments/bank-callback': {
        post: {
          summary:
            "A bank confirms a payment: HMAC-SHA256 over '<X-Bank-Timestamp>.<raw body>' in X-Bank-Signature (v1=hex), ±5 min (docs/payments.md)",
          parameters: [
            { name: 'X-Bank-Id', in: 'header', required: true, schema: { type: 'string' } },
            { name: 'X-Bank-Timestamp', in: 'header', required: true, schema: { type: 'string' } },
            { name: 'X-Bank-Signature', in: 'header', required: true, schema: { type: 'string' } },
          ],
          requestBody: body('BankCallback'),
          responses: {
            200: json('PaymentOutcome', 'Applied, or flagged for review (acknowledged either way)'),
            ...errors(400, 401, 409, 413),
          },
        },
      },
      '/v1/agencies/{agencyId}/bills': {
        get: {
          summary: "The agency's unpaid bills, or the payments it must review (state=flagged)",
          security: agency,
          parameters: [
            pathParam('agencyId'),
            { name: 'state', in: 'query', schema: { type: 'string', enum: ['unpaid', 'flagged'] } },
          ],
          responses: { 200: json('AgencyBills', 'Bills or payments'), ...errors(400, 401, 403) },
        },
      },
      '/v1/stats': {
        get: {
          summary: 'Transparency statistics (national without provinceCode)',
          parameters: [
            {
              name: 'provinceCode',
              in: 'query',
              required: false,
              schema: { type: 'string', pattern: '^\\d{2}$' },
            },
          ],
          responses: { 200: json('Stats', 'Statistics'), ...errors(400, 404) },
        },
      },
      '/v1/agencies/{agencyId}/inbox': {
        get: {
          summary: "Long-poll the agency's queue",
          security: agency,
          parameters: [
            pathParam('agencyId'),
            { name: 'max', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 10 } },
            { name: 'waitSeconds', in: 'query', schema: { type: 'integer', minimum: 0, maximum: 20 } },
          ],
          responses: { 200: json('Inbox', 'Waiting requests'), ...errors(400, 401, 403) },
        },
      },
      '/v1/agencies/{agencyId}/requests': {
        get: {
          summary:
            "The agency's requests, newest change first within each status, open work before finished; `next` continues",
          security: agency,
          parameters: [
            pathParam('agencyId'),
            {
              name: 'status',
              in: 'query',
              schema: { type: 'string' },
              description: 'any case: routed, IN_PROGRESS…',
            },
            { name: 'serviceCode', in: 'query', schema: { type: 'string' } },
            { name: 'overdue', in: 'query', schema: { type: 'string', enum: ['true', 'false'] } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
            { name: 'cursor', in: 'query', schema: { type: 'string' } },
          ],
          responses: { 200: json('AgencyRequestList', 'Requests'), ...errors(400, 401, 403) },
        },
      },
      '/v1/agencies/{agencyId}/requests/{id}/reveal': {
        post: {
          summary:
            "The applicant's full citizen ID for the assigned agency, with a reason recorded in the history (audited)",
          security: agency,
          parameters: [pathParam('agencyId'), pathParam('id')],
          requestBody: body('Reveal'),
          responses: { 200: json('Revealed', 'The full citizen ID'), ...errors(400, 401, 403, 404, 409) },
        },
      },
      '/v1/agencies/{agencyId}/requests/{id}': {
        get: {
          summary: 'One request the agency holds, or handled before (then readOnly)',
          security: agency,
          parameters: [pathParam('agencyId'), pathParam('id')],
          responses: { 200: json('AgencyRequestView', 'The request'), ...errors(401, 403, 404) },
        },
      },
      '/v1/agencies/{agencyId}/requests/{id}/actions': {
        post: {
          summary: 'Accept, request-info, resume, bill, complete, reject, forward or acknowledge',
          security: agency,
          parameters: [pathParam('agencyId'), pathParam('id')],
          requestBody: body('AgencyAction'),
          responses: {
            200: json('AgencyRequestView', 'The request after the action'),
            ...errors(400, 401, 403, 404, 409),
          },
        },
      },
      '/v1/agencies/{agencyId}/requests/{id}/documents/{documentId}': {
        get: {
          summary: 'A short-lived link to a verified document',
          security: agency,
          parameters: [pathParam('agencyId'), pathParam('id'), pathParam('documentId')],
          responses: { 200: json('DocumentLink', 'Presigned GET'), ...errors(401, 403, 404, 409) },
        },
      },
    },
  };
}
