import type { VeniceError, VeniceRateLimit } from "@venice-errors/core";

/**
 * One try of a request, as a coordinator sees it. The transport makes one per try and hands
 * the same object to `acquire` and `release`, so a coordinator can track tries in flight by
 * identity. Never holds the key: `keyId` is a hash of it.
 */
export interface CoordinatedTry {
  /** A stable, non-reversible id of the API key (hex SHA-256 prefix); never the key itself. */
  readonly keyId: string;
  /** The request's `model`, when the body names one: rate limits belong to key and model. */
  readonly model: string | undefined;
  readonly method: string;
  /** URL path without query (the query can hold secrets). */
  readonly path: string;
  /** 1 for the first try of a request. */
  readonly attempt: number;
}

/** What the server said to one try (or that no answer came). */
export interface CoordinatedOutcome {
  /** HTTP status; 0 when no answer came (connection error, timeout, abort). */
  readonly status: number;
  /** The answer's headers (rate limits, `Retry-After`, error budget), when there was an answer. */
  readonly headers?: Headers;
  /** The classified failure: code, `retryAfterMs` (from `Retry-After` or `retry_after`), rate limit. */
  readonly error?: VeniceError;
  /** The answer's rate-limit headers, parsed (reset times as epoch ms), when it had any. */
  readonly rateLimit?: VeniceRateLimit;
}

/**
 * What `acquire` decides for one try:
 * - `undefined`: send it now;
 * - a number: wait that many ms (the caller's `signal` cancels the wait at once), then ask again;
 * - a `VeniceError` (`TOO_MANY_FAILED_ATTEMPTS`, status 0, `retryAfterMs`): refuse; it is thrown.
 */
export type CoordinatorDecision = number | VeniceError | undefined;

/**
 * Shares what a key's answers say between all requests that use it: the failure budget, wait
 * hints, rate-limit resets and lock-outs. The default is in-process (`createLocalCoordinator`);
 * `@venice-errors/redis` shares it across a fleet.
 *
 * Healthy traffic must not pay for it: `acquire` should answer synchronously from local state
 * and may return a promise only when something happened (recent failures, a cooldown). Neither
 * method may throw or reject: a coordinator that has trouble lets requests through.
 */
export interface VeniceCoordinator {
  /** Asked before every try (and again after a wait it asked for). */
  acquire(request: CoordinatedTry): CoordinatorDecision | Promise<CoordinatorDecision>;
  /** Told exactly once after every try that `acquire` let through. */
  release(request: CoordinatedTry, outcome: CoordinatedOutcome): void;
  /** Stops timers and connections, if it holds any. */
  close?(): Promise<void> | void;
}
