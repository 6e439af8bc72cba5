/**
 * Text hygiene for everything people type: names, descriptions, details, officers' notes, cancel
 * reasons, comments. Text is NFC-normalised (Thai vowels and tone marks typed in another order
 * compare equal), and refused when it carries characters that can hide or rewrite what is shown:
 * control characters (NUL, BEL, ESC, …; line breaks only where a line is expected to break),
 * bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069), or nothing visible at all.
 */
export interface TextRules {
  /** Line breaks (LF, CR LF) and tabs allowed: descriptions, notes, comments. */
  readonly multiline?: boolean;
}

// C0 controls and DEL, C1 controls; LF, CR and TAB handled separately.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LINE_BREAK = /[\n\r\t]/;
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;
// Whitespace and the invisible format characters people paste (zero-width space, joiners, BOM, LRM/RLM).
// A character outside that set: what makes text visible (tested, not stripped: no copy per check).
// biome-ignore lint/suspicious/noMisleadingCharacterClass: U+034F is listed as a code point of its own (an invisible one), not combined with its neighbour
const VISIBLE = /[^\s\u200B-\u200F\u2060-\u2064\uFEFF\u00AD\u115F\u1160\u3164\u034F]/;

export const normaliseText = (value: string) => value.normalize('NFC').trim();

/** Why `value` may not be stored, in English and Thai; undefined when it is fine. */
export function textProblem(value: string, rules: TextRules = {}): { en: string; th: string } | undefined {
  if (CONTROL.test(value) || (!rules.multiline && LINE_BREAK.test(value))) {
    return rules.multiline
      ? { en: 'must not contain control characters', th: 'ต้องไม่มีอักขระควบคุม' }
      : { en: 'must be one line without control characters', th: 'ต้องเป็นข้อความบรรทัดเดียว ไม่มีอักขระควบคุม' };
  }
  if (BIDI.test(value)) {
    return { en: 'must not contain text-direction override characters', th: 'ต้องไม่มีอักขระกำหนดทิศทางข้อความ' };
  }
  if (value.length > 0 && !VISIBLE.test(value)) {
    return { en: 'must contain visible characters', th: 'ต้องมีตัวอักษรที่มองเห็นได้' };
  }
  return undefined;
}

/** Characters XML 1.0 cannot carry (the C0 controls other than TAB, LF, CR; U+FFFE, U+FFFF; lone surrogates). */
const XML_UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
export const xmlSafe = (value: string) => value.replace(XML_UNSAFE, '');

/** For a terminal: control characters shown escaped (`\x1b`), so stored text can never drive it. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const TERMINAL_UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
export const terminalSafe = (value: string) =>
  value.replace(TERMINAL_UNSAFE, (c) =>
    c.charCodeAt(0) < 0x100
      ? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`
      : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
