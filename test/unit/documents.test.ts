import { describe, expect, it } from 'vitest';
import {
  allRequiredVerified,
  checkDocumentUpload,
  judgeUpload,
  parseDocumentKey,
  sniffContentType,
  withPendingDocument,
} from '../../shared/domain/documents.ts';
import type { AppError } from '../../shared/domain/errors.ts';
import type { Service } from '../../shared/schemas/catalogue.ts';
import type { DocumentRecord, RequestItem } from '../../shared/schemas/request.ts';

const PDF = new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0xff, 0xd9]);
const sized = (bytes: Uint8Array) => ({ sizeBytes: bytes.length });

const service = {
  code: 'house-number',
  requiredDocuments: [
    {
      type: 'land-title',
      nameTh: 'โฉนด',
      nameEn: 'Land title',
      contentTypes: ['application/pdf'],
      maxBytes: 1000,
    },
    {
      type: 'building-permit',
      nameTh: 'ใบอนุญาต',
      nameEn: 'Permit',
      contentTypes: ['application/pdf', 'image/jpeg'],
      maxBytes: 2000,
    },
  ],
} as unknown as Service;

const doc = (over: Partial<DocumentRecord> = {}): DocumentRecord => ({
  documentId: 'd1',
  type: 'land-title',
  contentType: 'application/pdf',
  sizeBytes: 100,
  status: 'PENDING_UPLOAD',
  key: 'requests/r/d1',
  createdAt: '2026-11-23T10:00:00.000+07:00',
  ...over,
});

const item = (status: RequestItem['status']) => ({ status, documents: [] }) as unknown as RequestItem;

describe('document uploads', () => {
  it('accepts a declared upload the service allows and returns its spec', () => {
    const spec = checkDocumentUpload(item('AWAITING_DOCUMENTS'), service, {
      type: 'building-permit',
      contentType: 'image/jpeg',
      sizeBytes: 2000,
    });
    expect(spec.type).toBe('building-permit');
  });

  it('refuses an unknown type, a content type not allowed, and a size over the limit, at their paths', () => {
    const issuesOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return (e as AppError).issues?.map((i) => i.path);
      }
      throw new Error('expected a refusal');
    };
    const open = item('AWAITING_DOCUMENTS');
    expect(
      issuesOf(() =>
        checkDocumentUpload(open, service, { type: 'selfie', contentType: 'image/png', sizeBytes: 1 }),
      ),
    ).toEqual(['type']);
    expect(
      issuesOf(() =>
        checkDocumentUpload(open, service, { type: 'land-title', contentType: 'image/png', sizeBytes: 1001 }),
      ),
    ).toEqual(['contentType', 'sizeBytes']);
  });

  it('refuses documents once the request has moved on', () => {
    expect(() =>
      checkDocumentUpload(item('ROUTED'), service, {
        type: 'land-title',
        contentType: 'application/pdf',
        sizeBytes: 1,
      }),
    ).toThrow(expect.objectContaining({ status: 409, code: 'INVALID_TRANSITION' }));
  });

  it('replaces a rejected or pending document of the same type but keeps verified ones', () => {
    const rejected = doc({ documentId: 'old', status: 'REJECTED' });
    const other = doc({ documentId: 'other', type: 'building-permit', status: 'VERIFIED' });
    const fresh = doc({ documentId: 'new' });
    expect(withPendingDocument([rejected, other], fresh).map((d) => d.documentId)).toEqual(['other', 'new']);
  });

  it('parses only well-formed document keys', () => {
    const r = '0b5a3f6e-2f7c-4d1b-9a55-3c2e1f0a9b8c';
    const d = '11111111-2222-4333-8444-555555555555';
    expect(parseDocumentKey(`requests/${r}/${d}`)).toEqual({ requestId: r, documentId: d });
    expect(parseDocumentKey(`requests/${r}/${d}/x`)).toBeUndefined();
    expect(parseDocumentKey(`quarantine/requests/${r}/${d}`)).toBeUndefined();
    expect(parseDocumentKey('random.pdf')).toBeUndefined();
  });
});

describe('document verification', () => {
  it('recognises PDF, PNG and JPEG by magic bytes only', () => {
    expect(sniffContentType(PDF)).toBe('application/pdf');
    expect(sniffContentType(PNG)).toBe('image/png');
    expect(sniffContentType(JPEG)).toBe('image/jpeg');
    expect(sniffContentType(new TextEncoder().encode('GIF89a'))).toBeUndefined();
    expect(sniffContentType(new Uint8Array())).toBeUndefined();
  });

  it('verifies a whole, well-formed PDF of the declared size', () => {
    expect(judgeUpload(doc(sized(PDF)), 1000, { bytes: PDF })).toEqual({ status: 'VERIFIED' });
    expect(judgeUpload(doc({ ...sized(PNG), contentType: 'image/png' }), 1000, { bytes: PNG })).toEqual({
      status: 'VERIFIED',
    });
    expect(judgeUpload(doc({ ...sized(JPEG), contentType: 'image/jpeg' }), 1000, { bytes: JPEG })).toEqual({
      status: 'VERIFIED',
    });
  });

  it('rejects a PNG declared as PDF with a reason', () => {
    expect(judgeUpload(doc(sized(PNG)), 1000, { bytes: PNG })).toEqual({
      status: 'REJECTED',
      reason: 'content is image/png but was declared as application/pdf',
    });
  });

  it('rejects a file whose size differs from the declared one', () => {
    expect(judgeUpload(doc({ sizeBytes: 10 }), 1000, { bytes: PDF })).toEqual({
      status: 'REJECTED',
      reason: `file is ${PDF.length} bytes but was declared as 10 bytes`,
    });
  });

  it('checks the whole file, not only its first bytes', () => {
    const html = new TextEncoder().encode('%PDF-1.4\n<html><body><script>alert(1)</script></body></html>');
    expect(judgeUpload(doc(sized(html)), 1000, { bytes: html })).toMatchObject({ status: 'REJECTED' });
    const disguised = new TextEncoder().encode('%PDF-1.4\n<!DOCTYPE html><p>hi</p>\n%%EOF\n');
    expect(judgeUpload(doc(sized(disguised)), 1000, { bytes: disguised })).toEqual({
      status: 'REJECTED',
      reason: 'the PDF contains HTML or script',
    });
    const cut = PNG.slice(0, 12);
    expect(judgeUpload(doc({ ...sized(cut), contentType: 'image/png' }), 1000, { bytes: cut })).toMatchObject(
      {
        status: 'REJECTED',
        reason: 'the PNG is incomplete (no IEND chunk)',
      },
    );
  });

  it('rejects an oversize or empty file', () => {
    const big = new Uint8Array(1001);
    big.set(PDF);
    expect(judgeUpload(doc(sized(big)), 1000, { bytes: big })).toMatchObject({ status: 'REJECTED' });
    expect(judgeUpload(doc(), 1000, { bytes: new Uint8Array() })).toEqual({
      status: 'REJECTED',
      reason: 'file is empty',
    });
  });

  it('knows when every required document is verified', () => {
    const a = doc({ status: 'VERIFIED' });
    const b = doc({ documentId: 'd2', type: 'building-permit', status: 'VERIFIED' });
    expect(allRequiredVerified(service, [a])).toBe(false);
    expect(allRequiredVerified(service, [a, { ...b, status: 'REJECTED' }])).toBe(false);
    expect(allRequiredVerified(service, [a, b])).toBe(true);
  });
});
