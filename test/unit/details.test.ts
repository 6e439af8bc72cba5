import { describe, expect, it } from 'vitest';
import { validateDetails } from '../../shared/domain/details.ts';
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
      { path: 'details.subject', message: 'is required (subject)' },
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
