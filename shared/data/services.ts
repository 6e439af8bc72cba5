import { readFileSync } from 'node:fs';
import type { Service } from '../schemas/catalogue.ts';
import { onFirstUse } from './first-use.ts';

/**
 * The service catalogue as the functions read it: `services.json`, written from the catalogue's
 * source (catalogue.ts and lao-services.ts, where each service, its fields and its legal sources
 * are authored) by `npm run catalogue`, and checked equal to it by a test. The file sits beside
 * each function's bundle rather than inside it (ServiceFunction copies it): its Thai text would
 * take some 40 KB of every bundle's 400 KB budget. Read on first use, not as the module loads:
 * parsing it (and the garbage it leaves) was a millisecond or two of every cold start, also for
 * the paths that never look at a service.
 */
export const allServices: () => readonly Service[] = onFirstUse(
  () => JSON.parse(readFileSync(new URL('./services.json', import.meta.url), 'utf8')) as Service[],
);

export const SERVICES_FILE = 'shared/data/services.json';
