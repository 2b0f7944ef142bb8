/** Errors with the same key are the same problem to a person: same code, same status. */
export function dedupeKey(error: { code: string; status: number }): string {
  return `${error.code}:${error.status}`;
}

/** Remembers when each key was last shown. */
export interface Dedupe {
  /** True (and remembered) when `key` was not shown within the last `windowMs`. */
  admit(key: string, now: number, windowMs: number): boolean;
}

/** One per provider; the map holds at most one entry per code and status. */
export function createDedupe(): Dedupe {
  const shownAt = new Map<string, number>();
  return {
    admit(key, now, windowMs) {
      const last = shownAt.get(key);
      if (last !== undefined && now - last < windowMs) return false;
      shownAt.set(key, now);
      return true;
    },
  };
}
