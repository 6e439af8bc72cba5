import { publicStats } from '../../shared/app/stats.ts';
import { ENV, requireEnv } from '../../shared/env.ts';
import { httpHandler, json, parseWith } from '../../shared/http/middleware.ts';
import { StatsQuery } from './schema.ts';

// Public and the same for everyone: browsers and CDNs may keep it a minute.
const CACHEABLE = { 'cache-control': 'public, max-age=60' };

/** GET /v1/stats?provinceCode=XX — transparency statistics; without a province, the national summary. */
export const handler = httpHandler({}, async (event) => {
  const { provinceCode } = parseWith(StatsQuery, event.queryStringParameters ?? {});
  return json(200, await publicStats(provinceCode, requireEnv(ENV.servedProvinces).split(',')), CACHEABLE);
});
