import { describe, expect, it } from 'vitest';
import { services } from '../../shared/data/catalogue.ts';
import { normaliseDetails, validateDetails } from '../../shared/domain/details.ts';
import type { ServiceField } from '../../shared/schemas/catalogue.ts';

const field = (f: Partial<ServiceField> & Pick<ServiceField, 'code' | 'datatype'>): ServiceField => ({
  required: false,
  labelTh: f.code,
  labelEn: f.code,
  values: [],
  ...f,
});

const list = [
  { key: 'road', nameTh: 'ถนน', nameEn: 'Road' },
  { key: 'water', nameTh: 'น้ำ', nameEn: 'Water' },
];

const fields: ServiceField[] = [
  field({ code: 'subject', datatype: 'string', required: true, max: 10 }),
  field({ code: 'story', datatype: 'text' }),
  field({ code: 'floors', datatype: 'number', min: 1, max: 5 }),
  field({ code: 'since', datatype: 'datetime' }),
  field({ code: 'category', datatype: 'singlevaluelist', values: list }),
  field({ code: 'topics', datatype: 'multivaluelist', values: list }),
];

describe('details checked against a service’s fields', () => {
  it('accepts values of every datatype within bounds', () => {
    expect(
      validateDetails(fields, {
        subject: 'Pothole',
        story: 'long text',
        floors: 3,
        since: '2026-11-20T09:00:00+07:00',
        category: 'road',
        topics: ['road', 'water'],
      }),
    ).toEqual([]);
  });

  it('reports a missing required field at its path', () => {
    expect(validateDetails(fields, {})).toEqual([
      { path: 'details.subject', message: 'is required (subject / subject)' },
    ]);
    expect(validateDetails(fields, undefined)).toHaveLength(1);
    expect(validateDetails(fields, { subject: '' })[0]?.path).toBe('details.subject');
  });

  it('reports unknown fields', () => {
    const issues = validateDetails(fields, { subject: 'x', colour: 'red' });
    expect(issues).toEqual([{ path: 'details.colour', message: 'is not a field of this service' }]);
  });

  it('reports each wrong type or bound at its own path', () => {
    const issues = validateDetails(fields, {
      subject: 'far too long a subject',
      floors: 9,
      since: 'yesterday',
      category: 'fire',
      topics: ['road', 'fire'],
      story: 42,
    });
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i.message]));
    expect(Object.keys(byPath).sort()).toEqual(
      [
        'details.category',
        'details.floors',
        'details.since',
        'details.story',
        'details.subject',
        'details.topics',
      ].sort(),
    );
    expect(byPath['details.floors']).toBe('must be at most 5');
    expect(byPath['details.subject']).toBe('must be at most 10 characters');
    expect(byPath['details.category']).toContain('road, water');
    expect(byPath['details.story']).toBe('must be a string');
  });

  it('refuses numbers given as strings, lists given as strings, repeated list values and below-min numbers', () => {
    const issues = validateDetails(fields, { subject: 'x', floors: '3', topics: 'road' });
    expect(issues.map((i) => i.message)).toEqual(['must be a number', 'must be a list of values']);
    expect(validateDetails(fields, { subject: 'x', floors: 0 })[0]?.message).toBe('must be at least 1');
    expect(validateDetails(fields, { subject: 'x', topics: ['road', 'road'] })[0]?.message).toBe(
      'has repeated values',
    );
  });

  it('requires a time zone on date-times', () => {
    expect(validateDetails(fields, { subject: 'x', since: '2026-11-20T09:00:00' })[0]?.path).toBe(
      'details.since',
    );
    expect(validateDetails(fields, { subject: 'x', since: '2026-11-20T02:00:00Z' })).toEqual([]);
  });
});

describe('typed formats, with bilingual messages at the field path', () => {
  const now = new Date('2026-11-23T03:00:00Z');
  const typed: ServiceField[] = [
    field({ code: 'period', datatype: 'string', format: 'month', example: '2026-10', past: true }),
    field({ code: 'born', datatype: 'string', format: 'date' }),
    field({ code: 'amount', datatype: 'number', format: 'money' }),
    field({ code: 'phone', datatype: 'string', format: 'phone' }),
    field({ code: 'mail', datatype: 'string', format: 'email' }),
    field({
      code: 'licence',
      datatype: 'string',
      format: 'pattern',
      pattern: '\\d{2}/\\d{4}',
      example: '20/2566',
    }),
    field({ code: 'tambon', datatype: 'string', format: 'subdistrict' }),
    field({ code: 'where', datatype: 'string', format: 'location' }),
  ];
  const check = (details: Record<string, string | number>) =>
    validateDetails(typed, details, [], { now, subdistrictExists: (c) => c === '200101' });

  it('accepts good values, Buddhist-era years included', () => {
    expect(
      check({
        period: '2569-10',
        born: '2493-05-01',
        amount: 1234.5,
        phone: '081-234 5678',
        mail: 'a@b.go.th',
        licence: '20/2566',
        tambon: '200101',
        where: '13.36,100.98',
      }),
    ).toEqual([]);
  });

  it('refuses what only looked like the right length before', () => {
    expect(check({ period: 'ทดสอบทด' })).toEqual([
      {
        path: 'details.period',
        message: 'must be a month like 2026-10, year in ค.ศ. or พ.ศ. (ต้องเป็นเดือน เช่น 2026-10)',
      },
    ]);
    expect(check({ period: '2026-13' })[0]?.path).toBe('details.period');
    expect(check({ period: '2027-01' })[0]?.message).toMatch(/must not be in the future/);
    expect(check({ born: '2026-02-30' })[0]?.message).toMatch(/^must be a date like/);
    expect(check({ amount: 10.005 })[0]?.message).toMatch(/two decimals/);
    expect(check({ phone: '12345' })[0]?.path).toBe('details.phone');
    expect(check({ mail: 'not-an-email' })[0]?.path).toBe('details.mail');
    expect(check({ licence: '2566' })[0]?.message).toBe('must look like 20/2566 (ต้องมีรูปแบบเช่น 20/2566)');
    expect(check({ tambon: '209999' })[0]?.message).toMatch(/unknown subdistrict/);
    expect(check({ where: '51.5,-0.12' })[0]?.message).toMatch(/inside Thailand/);
  });

  it('refuses control, bidi-override and invisible-only text', () => {
    const plain = [field({ code: 'name', datatype: 'string' }), field({ code: 'story', datatype: 'text' })];
    expect(validateDetails(plain, { name: 'a\u0000b' })[0]?.message).toMatch(
      /^must be one line without control/,
    );
    expect(validateDetails(plain, { name: 'a\u001b[2Jb' })[0]?.path).toBe('details.name');
    expect(validateDetails(plain, { name: 'line\nbreak' })[0]?.path).toBe('details.name');
    expect(validateDetails(plain, { story: 'line\nbreak' })).toEqual([]);
    expect(validateDetails(plain, { story: 'bell\u0007' })[0]?.path).toBe('details.story');
    expect(validateDetails(plain, { name: 'evil\u202Egnp.exe' })[0]?.message).toMatch(/text-direction/);
    expect(validateDetails(plain, { name: '\u200B\u200B' })[0]?.message).toMatch(/visible characters/);
  });
});

describe('cross-field rules of the catalogue', () => {
  const now = new Date('2026-11-23T03:00:00Z');
  const elderly = services.find((s) => s.code === 'elderly-allowance');
  if (!elderly) throw new Error('catalogue has no elderly-allowance');
  const details = (extra: Record<string, string>) => ({ paymentMethod: 'cash', ...extra });

  it('refuses an elderly-allowance applicant under 60 on the day of filing, in either era', () => {
    expect(
      validateDetails(elderly.fields, details({ birthDate: '2010-01-01' }), elderly.rules, { now }),
    ).toEqual([
      {
        path: 'details.birthDate',
        message:
          'the applicant must be at least 60 years old on the day of filing (is 16) (ผู้ยื่นต้องมีอายุอย่างน้อย 60 ปี)',
      },
    ]);
    expect(
      validateDetails(elderly.fields, details({ birthDate: '2493-05-01' }), elderly.rules, { now }),
    ).toEqual([]);
    // Turns 60 tomorrow: not yet.
    expect(
      validateDetails(elderly.fields, details({ birthDate: '1966-11-24' }), elderly.rules, { now }),
    ).toHaveLength(1);
    expect(
      validateDetails(elderly.fields, details({ birthDate: '1966-11-23' }), elderly.rules, { now }),
    ).toEqual([]);
  });

  it('needs bank details when the allowance is paid by transfer', () => {
    const issues = validateDetails(
      elderly.fields,
      { birthDate: '1950-01-01', paymentMethod: 'bank-transfer' },
      elderly.rules,
      { now },
    );
    expect(issues.map((i) => i.path)).toEqual(['details.bankName', 'details.bankAccount']);
  });

  it('stores dates in the Christian era', () => {
    expect(normaliseDetails(elderly.fields, { birthDate: ' 2493-05-01 ', paymentMethod: 'cash' })).toEqual({
      birthDate: '1950-05-01',
      paymentMethod: 'cash',
    });
  });
});

describe('the catalogue', () => {
  it('gives every formatted field a valid example and every pattern field a pattern', () => {
    for (const s of services) {
      for (const f of s.fields) {
        if (f.format === 'pattern') expect(f.pattern, `${s.code}.${f.code}`).toBeDefined();
        if (f.example === undefined) continue;
        const value = f.datatype === 'number' ? Number(f.example) : f.example;
        expect(validateDetails([f], { [f.code]: value }), `${s.code}.${f.code}`).toEqual([]);
      }
      for (const r of s.rules ?? []) expect(s.fields.map((f) => f.code)).toContain(r.field);
    }
  });
});
