import { VeniceError, type VeniceRateLimit } from "@venice-errors/core";

/** Sliding-window limit on failed requests. */
export interface FailureBudgetOptions {
  /** Failed requests allowed in the window; the next request is refused locally. Default 15. */
  maxFailures?: number;
  /** Window length in ms. Default 30000. */
  windowMs?: number;
  /** Clock in epoch ms. Default `Date.now`. */
  now?: () => number;
}

/**
 * Venice blocks a key for 30 s after more than 20 failed requests (4xx other than 429) in 30 s
 * (venice-api-facts §3). A failure budget counts them and refuses locally before that happens,
 * and also obeys the server's own error-budget headers and lock-outs.
 */
export interface FailureBudget {
  /**
   * `undefined` when a request may go out; else the refusal to throw (`TOO_MANY_FAILED_ATTEMPTS`).
   * `inFlight`: requests already sent and not answered. Once a failure is in the window they count
   * against the budget, since each of them may fail too (16 concurrent callers must not send 16
   * failures into a budget of 15).
   */
  check(inFlight?: number): VeniceError | undefined;
  /** Records an HTTP answer: counts 4xx other than 429, reads error-budget headers and lock-outs. */
  record(status: number, rateLimit: VeniceRateLimit | undefined, error?: VeniceError): void;
  /** Failures currently inside the window. */
  readonly failures: number;
}

const ABUSE_LOCKOUT_MS = 30_000;

/** Creates a failure budget; pass it as `failureBudget` to share it between clients of one key. */
export function createFailureBudget(options: FailureBudgetOptions = {}): FailureBudget {
  const maxFailures = options.maxFailures ?? 15;
  const windowMs = options.windowMs ?? 30_000;
  const now = options.now ?? Date.now;
  /** Failure times, oldest first (a ring would save little: the list never exceeds maxFailures). */
  const times: number[] = [];
  let blockedUntil = 0;

  const prune = (at: number) => {
    while (times.length > 0 && times[0]! <= at - windowMs) times.shift();
  };

  const refuse = (waitMs: number, reason: string) =>
    new VeniceError({
      code: "TOO_MANY_FAILED_ATTEMPTS",
      status: 0,
      matchedBy: "client",
      retryAfterMs: Math.max(0, Math.ceil(waitMs)),
      message: `Request not sent: ${reason}, to keep Venice's abuse protection from blocking the API key. Retry in ${Math.ceil(waitMs / 1000)} s.`,
    });

  return {
    check(inFlight = 0) {
      if (blockedUntil === 0 && times.length === 0) return undefined;
      const at = now();
      if (blockedUntil > at) return refuse(blockedUntil - at, "Venice reported its failure limit");
      if (times.length === 0) return undefined;
      prune(at);
      if (times.length === 0 || times.length + inFlight < maxFailures) return undefined;
      const reason =
        inFlight > 0
          ? `${times.length} failed requests in the last ${windowMs / 1000} s and ${inFlight} in flight`
          : `${times.length} failed requests in the last ${windowMs / 1000} s`;
      return refuse(times[0]! + windowMs - at, reason);
    },
    record(status, rateLimit, error) {
      const at = now();
      if (status >= 400 && status < 500 && status !== 429) {
        prune(at);
        times.push(at);
        if (times.length > maxFailures) times.shift();
      }
      if (error?.code === "TOO_MANY_FAILED_ATTEMPTS") {
        blockedUntil = Math.max(blockedUntil, at + (error.retryAfterMs ?? ABUSE_LOCKOUT_MS));
      }
      if (rateLimit?.remainingFailures !== undefined && rateLimit.remainingFailures <= 0) {
        blockedUntil = Math.max(blockedUntil, rateLimit.failuresResetAt ?? at + ABUSE_LOCKOUT_MS);
      }
    },
    get failures() {
      prune(now());
      return times.length;
    },
  };
}
