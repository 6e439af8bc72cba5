import { randomUUID } from 'node:crypto';
import {
  presignUpload,
  quarantineObject,
  readObject,
  storeVerifiedCopy,
} from '../adapters/documents-bucket.ts';
import { getRequest, replaceRequest } from '../adapters/requests-table.ts';
import {
  acceptsUpload,
  allRequiredVerified,
  checkDocumentUpload,
  type DocumentUploadRequest,
  documentKey,
  judgeUpload,
  parseDocumentKey,
  quarantineKey,
  UPLOAD_EXPIRES_SECONDS,
  verifiedKey,
  withJudgedDocument,
  withPendingDocument,
} from '../domain/documents.ts';
import { AppError } from '../domain/errors.ts';
import { applyTransition, withProvinceStatus } from '../domain/lifecycle.ts';
import { formatBaht } from '../domain/money.ts';
import { sha256Hex } from '../domain/secure-tokens.ts';
import { toBangkokIso } from '../domain/time.ts';
import { addWorkingDays } from '../domain/working-days.ts';
import type { DocumentRecord, RequestItem } from '../schemas/request.ts';
import { issueFilingBill } from './billing.ts';
import { dispatchSubmitted } from './dispatch.ts';
import { loadOwnRequest } from './read-request.ts';
import { holidaySet, referenceData } from './reference.ts';
import type { CitizenCredential } from './session-check.ts';

const serviceOf = (item: RequestItem) => {
  const service = referenceData.serviceByCode(item.serviceCode);
  if (!service) throw new Error(`request ${item.requestId} has unknown service ${item.serviceCode}`);
  return service;
};

/**
 * Opens an upload slot: records the document as PENDING_UPLOAD (one conditional write) and
 * returns a presigned POST pinned to its key, content type and size limit.
 */
export async function startDocumentUpload(
  requestId: string,
  credential: CitizenCredential,
  upload: DocumentUploadRequest,
  now = new Date(),
) {
  // The request may move at the same moment (the router routing it): re-read and retry a few times.
  for (let attempt = 1; ; attempt++) {
    const item = await loadOwnRequest(requestId, credential);
    const spec = checkDocumentUpload(item, serviceOf(item), upload);
    const documentId = randomUUID();
    const key = documentKey(requestId, documentId);
    const doc: DocumentRecord = {
      documentId,
      type: spec.type,
      contentType: upload.contentType as DocumentRecord['contentType'],
      sizeBytes: upload.sizeBytes,
      status: 'PENDING_UPLOAD',
      key,
      createdAt: toBangkokIso(now),
      ...(spec.optional && { optional: true }),
    };
    // Past intake, the pending upload puts the request where the reconciler looks for lost notifications.
    const next = withProvinceStatus({
      ...item,
      documents: withPendingDocument(item.documents, doc),
      version: item.version + 1,
      updatedAt: toBangkokIso(now),
    });
    if (await replaceRequest(next, item.version)) {
      const presigned = await presignUpload({
        key,
        contentType: doc.contentType,
        sizeBytes: doc.sizeBytes,
        expiresSeconds: UPLOAD_EXPIRES_SECONDS,
      });
      return {
        documentId,
        upload: {
          ...presigned,
          expiresAt: toBangkokIso(new Date(now.getTime() + UPLOAD_EXPIRES_SECONDS * 1000)),
        },
      };
    }
    if (attempt >= 3) {
      throw new AppError(
        409,
        'CONCURRENT_UPDATE',
        'The request changed while adding the document; please retry.',
      );
    }
  }
}

export type VerificationOutcome =
  | {
      outcome: 'verified' | 'rejected';
      requestId: string;
      documentId: string;
      submitted: boolean;
      reason?: string;
    }
  | { outcome: 'unknown-key' | 'late-upload' | 'slot-closed'; key: string };

const MAX_ATTEMPTS = 5;

/**
 * Judges an uploaded object (S3 ObjectCreated), read whole: declared size, magic bytes and the
 * file's end, against its pending record. A verified file is copied, exactly as judged, to the
 * verified prefix that only the verifier writes and agencies read, so a later upload to the same
 * slot (a presigned POST stays usable until it expires) can never swap what was checked: such an
 * upload, or one for a slot whose request has moved on, is quarantined and changes nothing.
 * When the last required document is verified the request becomes SUBMITTED in the same
 * conditional write, and its deadline clock starts then.
 */
export async function verifyUploadedDocument(key: string, now = new Date()): Promise<VerificationOutcome> {
  const ids = parseDocumentKey(key);
  if (!ids) {
    await quarantineObject(key, quarantineKey(key));
    return { outcome: 'unknown-key', key };
  }
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const item = await getRequest(ids.requestId);
    const doc = item?.documents.find((d) => d.documentId === ids.documentId);
    if (!item || !doc) {
      await quarantineObject(key, quarantineKey(key));
      return { outcome: 'unknown-key', key };
    }
    if (doc.status !== 'PENDING_UPLOAD') {
      // Already judged: a second upload to the slot, or a redelivered event. The verified copy
      // (if any) stays as it is; what now sits at the upload key is set aside.
      await quarantineObject(key, quarantineKey(`${key}.late-${now.getTime()}`));
      return { outcome: 'late-upload', key };
    }
    const service = serviceOf(item);
    const spec = service.requiredDocuments.find((d) => d.type === doc.type);
    if (!acceptsUpload(item.status, spec)) {
      await quarantineObject(key, quarantineKey(key));
      return { outcome: 'slot-closed', key };
    }
    const maxBytes = spec?.maxBytes ?? 0;
    const object = await readObject(key, maxBytes);
    const verdict = object.bytes
      ? judgeUpload(doc, maxBytes, { bytes: object.bytes })
      : ({
          status: 'REJECTED',
          reason: `file is ${object.sizeBytes} bytes; the limit is ${maxBytes}`,
        } as const);
    let judged: DocumentRecord = {
      ...doc,
      status: verdict.status,
      verifiedAt: toBangkokIso(now),
      ...(verdict.status === 'REJECTED' && { reason: verdict.reason }),
    };
    if (verdict.status === 'VERIFIED' && object.bytes) {
      // Keyed by content: if two uploads race on one slot, the record that wins names its own bytes.
      const sha256 = sha256Hex(object.bytes);
      const copy = verifiedKey(ids.requestId, ids.documentId, sha256);
      await storeVerifiedCopy(copy, object.bytes, doc.contentType);
      judged = { ...judged, verifiedKey: copy, sha256 };
    }
    const documents = withJudgedDocument(item.documents, judged);
    const completes =
      verdict.status === 'VERIFIED' &&
      item.status === 'AWAITING_DOCUMENTS' &&
      allRequiredVerified(service, documents);
    // A fee known at filing is billed once the documents are in; the request then waits for the bank.
    const bill = completes ? await issueFilingBill(service, item, now) : undefined;
    const next = !completes
      ? withProvinceStatus({ ...item, documents, version: item.version + 1, updatedAt: toBangkokIso(now) })
      : bill
        ? applyTransition(
            item,
            {
              action: 'documents-complete-to-pay',
              actor: 'system:document-verifier',
              now,
              note: `All required documents verified; fee ${formatBaht(bill.amountSatang)} THB due (bill ${bill.ref1})`,
            },
            { documents, bills: [...(item.bills ?? []), bill] },
          )
        : applyTransition(
            item,
            {
              action: 'documents-complete',
              actor: 'system:document-verifier',
              now,
              note: 'All required documents verified',
            },
            {
              documents,
              // The deadline clock starts now that the request is complete.
              dueAt: toBangkokIso(addWorkingDays(now, service.slaDays, holidaySet())),
              openProvince: item.provinceCode,
            },
          );
    if (!(await replaceRequest(next, item.version))) continue; // another document landed at once: re-read
    if (next.status === 'SUBMITTED') await dispatchSubmitted(next);
    if (verdict.status === 'REJECTED') await quarantineObject(key, quarantineKey(key));
    return {
      outcome: verdict.status === 'VERIFIED' ? 'verified' : 'rejected',
      requestId: ids.requestId,
      documentId: ids.documentId,
      submitted: completes,
      ...(verdict.status === 'REJECTED' && { reason: verdict.reason }),
    };
  }
  throw new Error(`document ${key}: request kept changing; giving up after ${MAX_ATTEMPTS} attempts`);
}
