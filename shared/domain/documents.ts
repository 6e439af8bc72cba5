import type { ContentType, Service } from '../schemas/catalogue.ts';
import type { DocumentRecord, RequestItem, RequestStatus } from '../schemas/request.ts';
import { DOCUMENT_PREFIXES } from '../schemas/table.ts';
import { AppError, type Issue, validationFailed } from './errors.ts';

/** A citizen may add documents while the request waits for them or the agency asked for more. */
export const DOCUMENT_UPLOAD_STATUSES: ReadonlySet<RequestStatus> = new Set([
  'AWAITING_DOCUMENTS',
  'NEEDS_INFO',
]);

/** How long a presigned upload stays usable. */
export const UPLOAD_EXPIRES_SECONDS = 600;

export interface DocumentUploadRequest {
  readonly type: string;
  readonly contentType: string;
  readonly sizeBytes: number;
}

export const documentKey = (requestId: string, documentId: string) =>
  `${DOCUMENT_PREFIXES.uploads}${requestId}/${documentId}`;

export const quarantineKey = (key: string) => `${DOCUMENT_PREFIXES.quarantine}${key}`;

/** `requests/<requestId>/<documentId>` → its parts, or undefined for any other key. */
export function parseDocumentKey(key: string): { requestId: string; documentId: string } | undefined {
  const m = /^requests\/([0-9a-f-]{36})\/([0-9a-f-]{36})$/.exec(key);
  return m?.[1] && m[2] ? { requestId: m[1], documentId: m[2] } : undefined;
}

/**
 * Checks a declared upload against the service's document list: known type, allowed content
 * type, size within the limit, and a request that is accepting documents.
 */
export function checkDocumentUpload(item: RequestItem, service: Service, upload: DocumentUploadRequest) {
  if (!DOCUMENT_UPLOAD_STATUSES.has(item.status)) {
    throw new AppError(
      409,
      'INVALID_TRANSITION',
      `Documents cannot be added to a request that is ${item.status}.`,
    );
  }
  const spec = service.requiredDocuments.find((d) => d.type === upload.type);
  const issues: Issue[] = [];
  if (!spec) {
    const known = service.requiredDocuments.map((d) => d.type);
    issues.push({
      path: 'type',
      message: known.length
        ? `unknown document type "${upload.type}"; this service takes: ${known.join(', ')}`
        : 'this service takes no documents',
    });
    throw validationFailed(issues);
  }
  if (!(spec.contentTypes as readonly string[]).includes(upload.contentType)) {
    issues.push({ path: 'contentType', message: `must be one of: ${spec.contentTypes.join(', ')}` });
  }
  if (upload.sizeBytes > spec.maxBytes) {
    issues.push({ path: 'sizeBytes', message: `must be at most ${spec.maxBytes} bytes for ${spec.nameEn}` });
  }
  if (issues.length > 0) throw validationFailed(issues);
  return spec;
}

/** Adds a pending document, replacing an earlier pending or rejected one of the same type. */
export function withPendingDocument(
  documents: readonly DocumentRecord[],
  doc: DocumentRecord,
): DocumentRecord[] {
  return [...documents.filter((d) => d.type !== doc.type || d.status === 'VERIFIED'), doc];
}

const MAGIC: ReadonlyArray<{ contentType: ContentType; bytes: readonly number[] }> = [
  { contentType: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { contentType: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { contentType: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
];

/** The content type the first bytes of a file prove, or undefined when none matches. */
export function sniffContentType(head: Uint8Array): ContentType | undefined {
  return MAGIC.find((m) => m.bytes.every((b, i) => head[i] === b))?.contentType;
}

export type Verdict = { status: 'VERIFIED' } | { status: 'REJECTED'; reason: string };

/** Judges an uploaded object against its pending document record. */
export function judgeUpload(
  doc: DocumentRecord,
  maxBytes: number,
  object: { sizeBytes: number; head: Uint8Array },
): Verdict {
  if (object.sizeBytes > maxBytes) {
    return { status: 'REJECTED', reason: `file is ${object.sizeBytes} bytes; the limit is ${maxBytes}` };
  }
  if (object.sizeBytes === 0) return { status: 'REJECTED', reason: 'file is empty' };
  const actual = sniffContentType(object.head);
  if (actual !== doc.contentType) {
    return {
      status: 'REJECTED',
      reason: `content is ${actual ?? 'not a PDF, JPEG or PNG'} but was declared as ${doc.contentType}`,
    };
  }
  return { status: 'VERIFIED' };
}

/** True when every document type the service requires has a verified file. */
export function allRequiredVerified(service: Service, documents: readonly DocumentRecord[]): boolean {
  return service.requiredDocuments.every((spec) =>
    documents.some((d) => d.type === spec.type && d.status === 'VERIFIED'),
  );
}
