import * as z from 'zod';
import { normaliseText, type TextRules, textProblem } from '../domain/text.ts';

/**
 * A free-text input: NFC-normalised and trimmed, at most `max` characters, refused (at its own
 * path, with a bilingual message) when it carries control, bidi-override or only invisible
 * characters. See shared/domain/text.ts.
 */
export const cleanText = (max: number, rules: TextRules & { readonly min?: number } = {}) =>
  z
    .string()
    .max(max * 2)
    .transform(normaliseText)
    .pipe(
      z
        .string()
        .min(rules.min ?? 0)
        .max(max),
    )
    .superRefine((value, ctx) => {
      const problem = textProblem(value, rules);
      if (problem) ctx.addIssue({ code: 'custom', message: `${problem.en} (${problem.th})` });
    });
