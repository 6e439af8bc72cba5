import type { ServiceField } from '../schemas/catalogue.ts';
import type { DetailValue } from '../schemas/request.ts';
import type { Issue } from './errors.ts';

const DEFAULT_MAX_LENGTH = { string: 200, text: 4000 } as const;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Checks a request's `details` against its service's form fields: required fields present,
 * no unknown fields, each value of the field's datatype and within its bounds or list.
 */
export function validateDetails(
  fields: readonly ServiceField[],
  details: Readonly<Record<string, DetailValue>> = {},
): Issue[] {
  const issues: Issue[] = [];
  const known = new Map(fields.map((f) => [f.code, f]));
  for (const key of Object.keys(details)) {
    if (!known.has(key)) issues.push({ path: `details.${key}`, message: 'is not a field of this service' });
  }
  for (const field of fields) {
    const path = `details.${field.code}`;
    const value = details[field.code];
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
      if (field.required) issues.push({ path, message: `is required (${field.labelEn})` });
      continue;
    }
    const problem = checkValue(field, value);
    if (problem) issues.push({ path, message: problem });
  }
  return issues;
}

function checkValue(field: ServiceField, value: DetailValue): string | undefined {
  const allowed = () => field.values.map((v) => v.key);
  switch (field.datatype) {
    case 'string':
    case 'text': {
      if (typeof value !== 'string') return 'must be a string';
      const max = field.max ?? DEFAULT_MAX_LENGTH[field.datatype];
      if (value.length > max) return `must be at most ${max} characters`;
      if (field.min !== undefined && value.trim().length < field.min)
        return `must be at least ${field.min} characters`;
      return undefined;
    }
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
      if (field.min !== undefined && value < field.min) return `must be at least ${field.min}`;
      if (field.max !== undefined && value > field.max) return `must be at most ${field.max}`;
      return undefined;
    }
    case 'datetime':
      if (typeof value !== 'string' || !ISO_DATETIME.test(value) || Number.isNaN(Date.parse(value))) {
        return 'must be an ISO-8601 date-time with a time zone';
      }
      return undefined;
    case 'singlevaluelist':
      if (typeof value !== 'string' || !allowed().includes(value))
        return `must be one of: ${allowed().join(', ')}`;
      return undefined;
    case 'multivaluelist': {
      if (!Array.isArray(value)) return 'must be a list of values';
      const bad = value.filter((v) => !allowed().includes(v));
      if (bad.length > 0)
        return `has values not in the list (${bad.join(', ')}); allowed: ${allowed().join(', ')}`;
      if (new Set(value).size !== value.length) return 'has repeated values';
      return undefined;
    }
  }
}
