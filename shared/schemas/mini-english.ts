import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * OSS's schemas are written with `zod/mini`, which installs no messages of its own: without this
 * an answer would read "Invalid input" where zod can say what is wrong. Imported, for its
 * effect, by define.ts, which every schema module uses.
 *
 * Why mini and not classic zod: classic gives every schema instance some forty methods and pulls
 * in every schema type they return, some 85 KB of each function's bundle that every cold start
 * parses; mini carries only the parts of zod a bundle uses, and builds lighter schemas on a
 * function's first request. Validation is the same engine (zod's core) either way.
 */
config(en());
