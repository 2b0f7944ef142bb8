import type { VeniceError } from "./venice-error.js";

/** How retries wait. All durations in ms. */
export interface RetryPolicy {
  /** First backoff ceiling; doubles each attempt. Default 500. */
  baseDelayMs?: number;
  /** Largest backoff ceiling. Default 8000. */
  maxDelayMs?: number;
  /** A server hint longer than this is not slept on: `retryDelay` returns null. Default 60000. */
  maxRetryAfterMs?: number;
  /** Retries allowed after the first try; `retryDelay` returns null past it. Default: no limit. */
  maxRetries?: number;
  /** Source of randomness in [0, 1). Default `Math.random`. */
  random?: () => number;
}

export const DEFAULT_RETRY_POLICY = {
  baseDelayMs: 500,
  maxDelayMs: 8000,
  maxRetryAfterMs: 60_000,
} as const;

/**
 * How long to wait before retry number `attempt` (1 = the first retry), or `null` when the
 * error must not be retried: not retryable, past `maxRetries`, or the server asked for a wait
 * longer than `maxRetryAfterMs` (surface `error.retryAfterMs` instead of sleeping for minutes).
 * A server hint is honoured exactly; otherwise full-jitter exponential backoff.
 */
export function retryDelay(
  error: VeniceError,
  attempt: number,
  policy: RetryPolicy = {},
): number | null {
  if (!error.retryable) return null;
  if (policy.maxRetries !== undefined && attempt > policy.maxRetries) return null;
  const maxRetryAfterMs = policy.maxRetryAfterMs ?? DEFAULT_RETRY_POLICY.maxRetryAfterMs;
  if (error.retryAfterMs !== undefined) {
    return error.retryAfterMs > maxRetryAfterMs ? null : error.retryAfterMs;
  }
  const base = policy.baseDelayMs ?? DEFAULT_RETRY_POLICY.baseDelayMs;
  const cap = policy.maxDelayMs ?? DEFAULT_RETRY_POLICY.maxDelayMs;
  // `attempt > 1` is false for NaN: a bad attempt number waits like the first retry.
  const ceiling = Math.min(cap, base * 2 ** (attempt > 1 ? attempt - 1 : 0));
  const random = policy.random ?? Math.random;
  return Math.floor(random() * ceiling);
}
