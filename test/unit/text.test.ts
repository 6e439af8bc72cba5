import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { normaliseText, terminalSafe, textProblem, xmlSafe } from '../../shared/domain/text.ts';
import { toXml } from '../../shared/http/xml.ts';
import { SubmitRequestBody } from '../../shared/schemas/submission.ts';
import { VALID_CITIZEN_ID } from '../support/citizen-ids.ts';

describe('text hygiene', () => {
  it('normalises to NFC, so Thai typed in another order compares equal', () => {
    // SARA AM (U+0E33) vs NIKHAHIT + SARA AA: NFC keeps the composed form; a decomposed é composes.
    expect(normaliseText(' e\u0301 ')).toBe('é');
    expect(textProblem('สมชาย ใจดี')).toBeUndefined();
  });

  it('refuses applicant names with control, bidi or only invisible characters, at the field path', () => {
    const body = (firstName: string) =>
      SubmitRequestBody.safeParse({
        serviceCode: 'complaint',
        provinceCode: '20',
        applicant: { citizenId: VALID_CITIZEN_ID, firstName, lastName: 'ใจดี' },
      });
    for (const bad of ['\u001b[2Jสมชาย', 'สม\u0000ชาย', 'abc\u202Efdp.exe', '\u200B\u200B', 'สม\nชาย']) {
      const r = body(bad);
      expect(r.success, JSON.stringify(bad)).toBe(false);
      expect(r.error?.issues[0]?.path).toEqual(['applicant', 'firstName']);
    }
    expect(body('  สมชาย ').data?.applicant.firstName).toBe('สมชาย');
  });

  it('keeps XML well-formed whatever was stored, and a terminal safe from escape sequences', () => {
    const xml = toXml('service_requests', [{ status_notes: 'a\u0000b\u0007c\u001b[2Jd' }], {
      service_requests: 'request',
    });
    expect(() => new XMLParser().parse(xml)).not.toThrow();
    expect(xml).toContain('<status_notes>abc[2Jd</status_notes>');
    expect(xmlSafe('ok\u0008')).toBe('ok');
    expect(terminalSafe('name\u001b[2J\u0007')).toBe('name\\x1b[2J\\x07');
  });
});
