import { parseRateLimitHeaders, type VeniceRateLimit } from "@venice-errors/core";
import type { CoordinatedOutcome } from "@venice-errors/node-client";

/** What one answer changes in the shared state. */
export interface OutcomeEffect {
  /** A failed request in Venice's sense: 4xx other than 429 (these count toward the abuse limit). */
  readonly failed: boolean;
  /** The model must wait until then (429 wait hint, `x-ratelimit-remaining-requests: 0`); 0: no. */
  readonly cooldownUntil: number;
  /** The whole key is locked out until then (`TOO_MANY_FAILED_ATTEMPTS`, error budget 0); 0: no. */
  readonly lockedUntil: number;
}

/** Venice blocks a key for 30 s when its message names no other time (venice-api-facts §3). */
const DEFAULT_LOCKOUT_MS = 30_000;

function rateLimitOf(outcome: CoordinatedOutcome, now: number): VeniceRateLimit | undefined {
  return outcome.rateLimit ?? (outcome.headers && parseRateLimitHeaders(outcome.headers, now));
}

/**
 * Reads an answer for what the fleet must share. `undefined` for the common healthy answer, so
 * that it costs two header lookups and no Redis command.
 */
export function readOutcome(outcome: CoordinatedOutcome, now: number): OutcomeEffect | undefined {
  const { status, headers, error } = outcome;
  // Headers first: node-client parses `rateLimit` only when it is read.
  const exhausted =
    headers === undefined
      ? outcome.rateLimit?.remainingRequests === 0
      : headers.get("x-ratelimit-remaining-requests")?.trim() === "0";
  const budgetHeader =
    headers === undefined
      ? outcome.rateLimit?.remainingFailures !== undefined
      : headers.has("x-ratelimit-remaining");
  if (status < 400 && error === undefined && !exhausted && !budgetHeader) return undefined;

  const failed = status >= 400 && status < 500 && status !== 429;
  const rateLimit = exhausted || budgetHeader ? rateLimitOf(outcome, now) : undefined;
  let lockedUntil = 0;
  let cooldownUntil = 0;
  if (error?.code === "TOO_MANY_FAILED_ATTEMPTS" && status !== 0) {
    lockedUntil = now + (error.retryAfterMs ?? DEFAULT_LOCKOUT_MS);
  } else if (status === 429 && error?.retryAfterMs !== undefined && error.retryAfterMs > 0) {
    cooldownUntil = now + error.retryAfterMs;
  }
  if (rateLimit?.remainingFailures !== undefined && rateLimit.remainingFailures <= 0) {
    lockedUntil = Math.max(lockedUntil, rateLimit.failuresResetAt ?? now + DEFAULT_LOCKOUT_MS);
  }
  if (exhausted && rateLimit?.resetRequestsAt !== undefined) {
    cooldownUntil = Math.max(cooldownUntil, rateLimit.resetRequestsAt);
  }
  if (!failed && lockedUntil <= now && cooldownUntil <= now) return undefined;
  return { failed, cooldownUntil, lockedUntil };
}
