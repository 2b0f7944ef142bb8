import { type IsRetryableOptions, isRetryable } from "./retryable.js";
import type { VeniceError } from "./venice-error.js";

/** The longest wait a JavaScript timer can hold (2^31 - 1 ms, about 24.8 days); longer ones fire at once. */
export const MAX_TIMER_MS = 2_147_483_647;

/** How retries wait. All durations in ms. */
export interface RetryPolicy extends IsRetryableOptions {
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
 * error must not be retried: `isRetryable` says no (with `policy.generation` for paid work),
 * past `maxRetries`, or the server asked for a wait longer than `maxRetryAfterMs` (surface
 * `error.retryAfterMs` instead of sleeping for minutes). A server hint is honoured exactly;
 * otherwise full-jitter exponential backoff. Never more than `MAX_TIMER_MS`, so the result can be
 * handed to `setTimeout` as is.
 */
export function retryDelay(
  error: VeniceError,
  attempt: number,
  policy: RetryPolicy = {},
): number | null {
  if (!isRetryable(error, policy)) return null;
  if (policy.maxRetries !== undefined && attempt > policy.maxRetries) return null;
  const maxRetryAfterMs = policy.maxRetryAfterMs ?? DEFAULT_RETRY_POLICY.maxRetryAfterMs;
  if (error.retryAfterMs !== undefined) {
    if (!(error.retryAfterMs <= maxRetryAfterMs)) return null;
    return Math.min(Math.max(0, error.retryAfterMs), MAX_TIMER_MS);
  }
  const base = policy.baseDelayMs ?? DEFAULT_RETRY_POLICY.baseDelayMs;
  const cap = policy.maxDelayMs ?? DEFAULT_RETRY_POLICY.maxDelayMs;
  // `attempt > 1` is false for NaN: a bad attempt number waits like the first retry.
  const ceiling = Math.min(cap, base * 2 ** (attempt > 1 ? attempt - 1 : 0));
  const random = policy.random ?? Math.random;
  return Math.min(Math.floor(random() * ceiling), MAX_TIMER_MS);
}
