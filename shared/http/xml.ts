import { xmlSafe } from '../domain/text.ts';

/**
 * A small XML writer for Open311's responses: element names from object keys, arrays as
 * repeated elements named by the caller, text escaped. No attributes, which Open311 never uses.
 */
// Characters XML 1.0 cannot carry are dropped first: one stored control character must never make
// a whole province's requests.xml ill-formed.
const escapeText = (s: string) =>
  xmlSafe(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

export type ArrayNames = Readonly<Record<string, string>>;

function element(name: string, value: unknown, arrays: ArrayNames): string {
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = arrays[name] ?? 'item';
    return `<${name}>${value.map((v) => element(item, v, arrays)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    const inner = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => element(k, v, arrays))
      .join('');
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${escapeText(String(value))}</${name}>`;
}

/** `<?xml…?><root>…</root>`; a top-level array becomes repeated `item` elements under `root`. */
export function toXml(root: string, value: unknown, arrays: ArrayNames = {}): string {
  return `<?xml version="1.0" encoding="utf-8"?>${element(root, value, { ...arrays })}`;
}
