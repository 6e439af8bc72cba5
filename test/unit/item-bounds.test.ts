import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { services } from '../../shared/data/catalogue.ts';
import { LIMITS } from '../../shared/domain/limits.ts';
import type { DocumentRecord, RequestItem } from '../../shared/schemas/request.ts';
import { MAX_SUBMISSION_BYTES } from '../../shared/schemas/submission.ts';
import { storedRequest } from '../support/items.ts';

/** DynamoDB's item size limit. */
const ITEM_LIMIT = 400 * 1024;

describe('what one request can accumulate', () => {
  it('stays under the 400 KB item limit even when every bound is reached', () => {
    const { item } = storedRequest('complaint', '0b5a3f6e-2f7c-4d1b-9a55-3c2e1f0a9b8c');
    // The largest note an officer may write, in Thai (three bytes a character in UTF-8).
    const note = `Forwarded to damrongdhama-20 (Chon Buri Provincial Damrongdhama Centre): ${'ก'.repeat(LIMITS.noteChars)} — the request moves from province 20 to 93`;
    const history = Array.from({ length: LIMITS.historyEntries }, () => ({
      at: '2026-11-23T10:00:00.000+07:00',
      status: 'IN_PROGRESS' as const,
      actor: 'agency:damrongdhama-20',
      note,
    }));
    // A verified and a pending record for every document type of the service with the most.
    const most = Math.max(...services.map((s) => s.requiredDocuments.length));
    const doc = (i: number, status: DocumentRecord['status']): DocumentRecord => ({
      documentId: '11111111-2222-4333-8444-555555555555',
      type: `document-type-${i}`,
      contentType: 'application/pdf',
      sizeBytes: 10_000_000,
      status,
      reason: 'r'.repeat(120),
      key: `requests/0b5a3f6e-2f7c-4d1b-9a55-3c2e1f0a9b8c/11111111-2222-4333-8444-555555555555`,
      verifiedKey: `verified/0b5a3f6e-2f7c-4d1b-9a55-3c2e1f0a9b8c/11111111-2222-4333-8444-555555555555`,
      sha256: 'f'.repeat(64),
      createdAt: '2026-11-23T10:00:00.000+07:00',
      verifiedAt: '2026-11-23T10:00:00.000+07:00',
    });
    const documents = Array.from({ length: most }, (_, i) => [doc(i, 'VERIFIED'), doc(i, 'REJECTED')]).flat();
    // Whatever the citizen filed: at most the submission's byte limit, as Thai text.
    const filed = 'ข'.repeat(Math.floor(MAX_SUBMISSION_BYTES / 3));
    const worst: RequestItem = {
      ...item,
      description: filed,
      history,
      documents,
      rating: { score: 5, comment: 'ค'.repeat(LIMITS.noteChars), at: item.createdAt },
    };
    const size = Buffer.byteLength(JSON.stringify(marshall(worst, { removeUndefinedValues: true })));
    expect(size).toBeLessThan(ITEM_LIMIT);
  });
});
