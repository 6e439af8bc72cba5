import * as z from 'zod/mini';
import { normaliseText, type TextRules, textProblem } from '../domain/text.ts';

/**
 * A free-text input: NFC-normalised and trimmed, at most `max` characters, refused (at its own
 * path, with a bilingual message) when it carries control, bidi-override or only invisible
 * characters. See shared/domain/text.ts.
 */
export const cleanText = (max: number, rules: TextRules & { readonly min?: number } = {}) =>
  z
    .pipe(
      z.pipe(z.string().check(z.maxLength(max * 2)), z.transform(normaliseText)),
      z.string().check(z.minLength(rules.min ?? 0), z.maxLength(max)),
    )
    .check(
      z.superRefine((value, ctx) => {
        const problem = textProblem(value, rules);
        if (problem) ctx.addIssue({ code: 'custom', message: `${problem.en} (${problem.th})` });
      }),
    );
