import type { ContentType, Service } from '../schemas/catalogue.ts';
import type { DocumentRecord, RequestItem, RequestStatus } from '../schemas/request.ts';
import { DOCUMENT_PREFIXES } from '../schemas/table.ts';
import { AppError, type Issue, validationFailed } from './errors.ts';

/** A citizen may add documents while the request waits for them or the agency asked for more. */
export const DOCUMENT_UPLOAD_STATUSES: ReadonlySet<RequestStatus> = new Set([
  'AWAITING_DOCUMENTS',
  'NEEDS_INFO',
]);

/** Statuses after which no document of any kind is accepted. */
const FINISHED: ReadonlySet<RequestStatus> = new Set(['COMPLETED', 'REJECTED', 'CANCELLED']);

/**
 * Whether a request in `status` takes an upload of this document: required documents while the
 * request waits for them or the agency asked for more, optional ones until it is finished.
 */
export function acceptsUpload(
  status: RequestStatus,
  spec: { readonly optional?: boolean } | undefined,
): boolean {
  return DOCUMENT_UPLOAD_STATUSES.has(status) || (spec?.optional === true && !FINISHED.has(status));
}

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

/** Where the verifier keeps the bytes it verified; only it writes there, only agencies read it. */
export const verifiedKey = (requestId: string, documentId: string, sha256: string) =>
  `${DOCUMENT_PREFIXES.verified}${requestId}/${documentId}/${sha256.slice(0, 32)}`;

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
  const spec = service.requiredDocuments.find((d) => d.type === upload.type);
  if (!acceptsUpload(item.status, spec)) {
    throw new AppError(
      409,
      'INVALID_TRANSITION',
      `Documents cannot be added to a request that is ${item.status}.`,
    );
  }
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

/**
 * Adds a pending document, replacing an earlier pending or rejected one of the same type: a type
 * has at most one verified record and one other (pending or rejected), so however often a slot
 * is re-issued the request's item stays bounded.
 */
export function withPendingDocument(
  documents: readonly DocumentRecord[],
  doc: DocumentRecord,
): DocumentRecord[] {
  return [...documents.filter((d) => d.type !== doc.type || d.status === 'VERIFIED'), doc];
}

/** Records a verdict on `judged`: a newly verified document replaces the type's earlier verified one. */
export function withJudgedDocument(
  documents: readonly DocumentRecord[],
  judged: DocumentRecord,
): DocumentRecord[] {
  return documents
    .filter(
      (d) =>
        d.documentId === judged.documentId ||
        !(judged.status === 'VERIFIED' && d.type === judged.type && d.status === 'VERIFIED'),
    )
    .map((d) => (d.documentId === judged.documentId ? judged : d));
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

const ascii = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');

/**
 * Whether the whole file, not just its first bytes, is what it claims: a PDF ends with its
 * `%%EOF` trailer, a PNG with its IEND chunk, a JPEG with its end-of-image marker; and no PDF
 * carries an HTML document or script (a `%PDF-` header in front of a web page is not a PDF).
 */
function wholeFileProblem(contentType: ContentType, bytes: Uint8Array): string | undefined {
  const tail = ascii(bytes.subarray(Math.max(0, bytes.length - 1024)));
  if (contentType === 'application/pdf') {
    if (!tail.includes('%%EOF')) return 'the PDF is incomplete or not a PDF (no %%EOF trailer)';
    if (/<(html|script|body|iframe)[\s>]|<!doctype html/i.test(ascii(bytes))) {
      return 'the PDF contains HTML or script';
    }
  }
  if (
    contentType === 'image/png' &&
    !ascii(bytes.subarray(Math.max(0, bytes.length - 12))).includes('IEND')
  ) {
    return 'the PNG is incomplete (no IEND chunk)';
  }
  if (contentType === 'image/jpeg') {
    const n = bytes.length;
    if (!(bytes[n - 2] === 0xff && bytes[n - 1] === 0xd9))
      return 'the JPEG is incomplete (no end-of-image marker)';
  }
  return undefined;
}

/** Judges an uploaded object, read whole, against its pending document record. */
export function judgeUpload(doc: DocumentRecord, maxBytes: number, object: { bytes: Uint8Array }): Verdict {
  const size = object.bytes.length;
  if (size === 0) return { status: 'REJECTED', reason: 'file is empty' };
  if (size > maxBytes)
    return { status: 'REJECTED', reason: `file is ${size} bytes; the limit is ${maxBytes}` };
  if (size !== doc.sizeBytes) {
    return { status: 'REJECTED', reason: `file is ${size} bytes but was declared as ${doc.sizeBytes} bytes` };
  }
  const actual = sniffContentType(object.bytes);
  if (actual !== doc.contentType) {
    return {
      status: 'REJECTED',
      reason: `content is ${actual ?? 'not a PDF, JPEG or PNG'} but was declared as ${doc.contentType}`,
    };
  }
  const problem = wholeFileProblem(doc.contentType, object.bytes);
  return problem ? { status: 'REJECTED', reason: problem } : { status: 'VERIFIED' };
}

/** True when every document type the service requires (optional ones aside) has a verified file. */
export function allRequiredVerified(service: Service, documents: readonly DocumentRecord[]): boolean {
  return service.requiredDocuments
    .filter((spec) => !spec.optional)
    .every((spec) => documents.some((d) => d.type === spec.type && d.status === 'VERIFIED'));
}
