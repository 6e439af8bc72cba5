import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES_TH } from '../../shared/domain/errors-th.ts';

const root = path.resolve(import.meta.dirname, '../..');
const sources = (dir: string): string[] =>
  readdirSync(path.join(root, dir)).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(path.join(root, p)).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });

describe('Thai text for every error', () => {
  it('has a Thai message for every error code the source can answer with', () => {
    const codes = new Set<string>();
    const patterns = [
      /new AppError\(\s*\d{3},\s*'([A-Z][A-Z0-9_]+)'/g,
      /errorBody\(\s*'([A-Z][A-Z0-9_]+)'/g,
      /errorReply\(\s*res,\s*\d{3},\s*'([A-Z][A-Z0-9_]+)'/g,
      /\[ResponseType\.[A-Z_0-9]+,\s*'\d{3}',\s*'([A-Z][A-Z0-9_]+)'/g,
    ];
    for (const file of [...sources('shared'), ...sources('functions'), ...sources('infra')]) {
      const text = readFileSync(path.join(root, file), 'utf8');
      for (const re of patterns) for (const m of text.matchAll(re)) if (m[1]) codes.add(m[1]);
    }
    expect(codes.size).toBeGreaterThan(15);
    const missing = [...codes].filter((c) => !ERROR_MESSAGES_TH[c]);
    expect(missing).toEqual([]);
  });
});

describe('Thai text for every field problem', () => {
  it('translates the problems a bad filing has, field by field', async () => {
    const { issueMessageTh } = await import('../../shared/domain/errors-th.ts');
    const { SubmitRequestBody } = await import('../../shared/schemas/submission.ts');
    const { checkSubmission } = await import('../../shared/domain/submission.ts');
    const { referenceData } = await import('../../shared/app/reference.ts');
    const parsed = SubmitRequestBody.safeParse({
      serviceCode: 'house-number',
      provinceCode: '20',
      applicant: { citizenId: '1101700230708', firstName: 'x'.repeat(500), lastName: 5 },
      bogus: true,
    });
    expect(parsed.success).toBe(false);
    const messages = parsed.error?.issues.map((i) => i.message) ?? [];
    const checked = checkSubmission(
      {
        serviceCode: 'house-number',
        provinceCode: '99',
        districtCode: '2101',
        applicant: {},
        details: { buildingType: 'castle', nope: 1 },
        location: { lat: 51.5, lon: -0.1 },
      } as never,
      referenceData,
    );
    messages.push(...checked.issues.map((i) => i.message));
    expect(messages.length).toBeGreaterThan(6);
    for (const m of messages) {
      const th = issueMessageTh(m);
      expect(th, m).toMatch(/[\u0E00-\u0E7F]/);
      expect(th.startsWith('ข้อมูลไม่ถูกต้อง ('), `no Thai written for: ${m}`).toBe(false);
    }
    // A required field named in both languages: the Thai says that it is required, and which.
    expect(issueMessageTh('is required (Name of the business / ชื่อสถานประกอบการ)')).toBe(
      'ต้องระบุชื่อสถานประกอบการ',
    );
    expect(issueMessageTh('is required (Capital (THB) / จำนวนเงินทุน (บาท))')).toBe('ต้องระบุจำนวนเงินทุน (บาท)');
    expect(issueMessageTh('something new and unknown')).toBe('ข้อมูลไม่ถูกต้อง (something new and unknown)');
  });
});
