import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * Imported (for its effect) by every schema module written with `zod/mini`: mini installs no
 * messages of its own, so without this an answer would read "Invalid input" where classic zod
 * says what is wrong. Classic installs the same English messages itself.
 *
 * Why mini at all: for functions whose bundle would otherwise carry classic zod for one small
 * shape (the statistics query, queue messages), mini brings only the parts of zod a schema uses,
 * where classic brings every schema type's methods (some 80 KB of each bundle, parsed at every
 * cold start).
 */
config(en());
