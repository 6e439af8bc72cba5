import type { PublicChange } from '../schemas/open311.ts';
import { KEY_PREFIX, TTL_ATTRIBUTE } from '../schemas/table.ts';

/**
 * A province's public change log: `CHANGES#<province>` / `<minute>#<group>#<part>`, each item the
 * changes of one minute (by their time) that one batch of the stream carried, as JSON. Open311's
 * servicerequestupdates reads a window of minutes with one Query, instead of an index entry per
 * request that every public change would move (two write units each).
 */
const MINUTE_MS = 60_000;
/** Epoch milliseconds, zero-padded, so the sort key orders as time does. */
export const minuteKey = (ms: number) => String(Math.floor(ms / MINUTE_MS) * MINUTE_MS).padStart(15, '0');
/** Well under DynamoDB's 400 KB item limit, with room for the keys and the other attributes. */
const PART_BYTES = 300_000;
/** Kept a day longer than servicerequestupdates looks back (90 days), then DynamoDB deletes them (TTL). */
const KEEP_SECONDS = 91 * 86_400;

export const minuteOf = (at: string) => Math.floor(Date.parse(at) / MINUTE_MS) * MINUTE_MS;

/**
 * The items that hold one minute's changes of one group (a batch's records of a province, named by
 * its first record), split in parts that fit an item.
 */
export function publicChangeItems(
  provinceCode: string,
  minuteMs: number,
  group: string,
  changes: readonly PublicChange[],
): Record<string, string | number>[] {
  const parts: string[] = [];
  let current: string[] = [];
  let size = 2;
  for (const change of changes) {
    const json = JSON.stringify(change);
    const bytes = Buffer.byteLength(json) + 1;
    if (current.length > 0 && size + bytes > PART_BYTES) {
      parts.push(`[${current.join(',')}]`);
      current = [];
      size = 2;
    }
    current.push(json);
    size += bytes;
  }
  if (current.length > 0) parts.push(`[${current.join(',')}]`);
  const expiresAt = Math.floor(minuteMs / 1000) + KEEP_SECONDS;
  return parts.map((changesJson, part) => ({
    pk: `${KEY_PREFIX.publicChanges}${provinceCode}`,
    sk: `${minuteKey(minuteMs)}#${group}#${part}`,
    changes: changesJson,
    [TTL_ATTRIBUTE]: expiresAt,
  }));
}

/** One item's worth of the log (before it is split in parts): a province's changes in one minute. */
export interface ChangeLogGroup {
  provinceCode: string;
  minuteMs: number;
  /** Names the group in its key: the first source (a stream record, a request) that added to it. */
  group: string;
  changes: PublicChange[];
}

/** Changes from several sources (in order), grouped by province and minute. */
export function groupByMinute(
  sources: Iterable<{ provinceCode: string; name: string; changes: readonly PublicChange[] }>,
): ChangeLogGroup[] {
  const groups = new Map<string, ChangeLogGroup>();
  for (const { provinceCode, name, changes } of sources) {
    for (const change of changes) {
      const minuteMs = minuteOf(change.at);
      const key = `${provinceCode}#${minuteMs}`;
      let group = groups.get(key);
      if (!group) {
        group = { provinceCode, minuteMs, group: name, changes: [] };
        groups.set(key, group);
      }
      group.changes.push(change);
    }
  }
  return [...groups.values()];
}
