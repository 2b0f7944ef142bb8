/** Venice's abuse protection as the fake plays it (venice-api-facts §3). */
export interface FakeAbuseLimitOptions {
  /** Failed requests (4xx other than 429) allowed in the window; one more locks the key. Default 20. */
  maxFailures?: number;
  /** Window in ms. Default 30000. */
  windowMs?: number;
  /** How long the lock-out lasts, in ms. Default 30000. */
  blockMs?: number;
}

/** What the fake's abuse counter has seen (read it in tests). */
export interface FakeAbuseCounter {
  /** Failed requests inside the window now. */
  readonly failures: number;
  /** The most failed requests that were ever inside one window. */
  readonly peakFailures: number;
  /** `TOO_MANY_FAILED_ATTEMPTS` answers served. */
  readonly lockouts: number;
  /** End of the current lock-out (epoch ms), 0 when none. */
  readonly blockedUntil: number;
}

/** Counts failed answers in a sliding window and decides when the key is locked out. */
export interface AbuseLimit {
  readonly counter: FakeAbuseCounter;
  /** The lock-out's remaining ms at `now`, 0 when requests are served. Counts the lock-out answer. */
  lockedFor(now: number): number;
  /** Records an answer's status. */
  record(status: number, now: number): void;
  /** The lock-out message Venice sends, with these limits. */
  readonly message: string;
  reset(): void;
}

/**
 * Creates the counter. Without `options` it only counts (`peakFailures` still tells a test how
 * close a client came); with them it also locks the key out as Venice does.
 */
export function createAbuseLimit(
  options: FakeAbuseLimitOptions | undefined,
  clock: () => number,
): AbuseLimit {
  const maxFailures = options?.maxFailures ?? 20;
  const windowMs = options?.windowMs ?? 30_000;
  const blockMs = options?.blockMs ?? 30_000;
  let times: number[] = [];
  let peakFailures = 0;
  let lockouts = 0;
  let blockedUntil = 0;
  const inWindow = (now: number) => {
    times = times.filter((at) => at > now - windowMs);
    return times.length;
  };
  return {
    counter: {
      get failures() {
        return inWindow(clock());
      },
      get peakFailures() {
        return peakFailures;
      },
      get lockouts() {
        return lockouts;
      },
      get blockedUntil() {
        return blockedUntil;
      },
    },
    message: `Too many failed attempts (> ${maxFailures}) resulting in a non-success status code. Please wait ${Math.ceil(blockMs / 1000)}s and try again.`,
    lockedFor(now) {
      if (options === undefined || blockedUntil <= now) return 0;
      lockouts++;
      return blockedUntil - now;
    },
    record(status, now) {
      if (status < 400 || status >= 500 || status === 429) return;
      times.push(now);
      const failures = inWindow(now);
      peakFailures = Math.max(peakFailures, failures);
      if (options !== undefined && failures > maxFailures) blockedUntil = now + blockMs;
    },
    reset() {
      times = [];
      peakFailures = 0;
      lockouts = 0;
      blockedUntil = 0;
    },
  };
}
