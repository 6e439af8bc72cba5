/**
 * What one request may accumulate, so its item never reaches DynamoDB's 400 KB limit (past which
 * every write, the citizen's cancel included, would fail for good). The bound is checked by a
 * test that builds the largest item these limits allow.
 */
export const LIMITS = {
  /** Characters of an officer's note, a cancel reason or a rating comment. */
  noteChars: 1000,
  /** History entries in all. */
  historyEntries: 100,
  /**
   * Entries after which only finishing moves (complete, reject, cancel) are allowed: the rest of
   * the room is kept for them and for the one-off system entries (overdue, acknowledgement).
   */
  historyEntriesBeforeFinish: 90,
} as const;
