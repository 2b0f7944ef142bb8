/** Errors with the same key are the same problem to a person: same code, same status. */
export function dedupeKey(error: { code: string; status: number }): string {
  return `${error.code}:${error.status}`;
}

/** Which toast shows each key, and since when. */
export interface Dedupe {
  /** The id of the toast showing `key`, when it was shown less than `windowMs` ago. */
  showing(key: string, now: number, windowMs: number): string | undefined;
  /** Records that toast `id` now shows `key`. */
  shown(key: string, id: string, now: number): void;
  /** Toast `id` is gone (dismissed, cleared, timed out): a repeat of its key shows again. */
  gone(id: string): void;
  /** Keys remembered (for tests: never above the limit). */
  readonly size: number;
}

/**
 * One per provider. Keys leave when their toast goes; at most `limit` stay (entries sit in the
 * order they were shown, so the oldest go first), however many different errors arrive.
 */
export function createDedupe(limit = 64): Dedupe {
  const entries = new Map<string, { id: string; at: number }>();
  return {
    showing(key, now, windowMs) {
      const entry = entries.get(key);
      return entry && now - entry.at < windowMs ? entry.id : undefined;
    },
    shown(key, id, now) {
      entries.delete(key);
      entries.set(key, { id, at: now });
      for (const [old] of entries) {
        if (entries.size <= limit) break;
        entries.delete(old);
      }
    },
    gone(id) {
      for (const [key, entry] of entries) if (entry.id === id) entries.delete(key);
    },
    get size() {
      return entries.size;
    },
  };
}
