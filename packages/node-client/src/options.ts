import type { VeniceError } from "@venice-errors/core";
import type { VeniceCoordinator } from "./coordinator.js";
import type { FailureBudget, FailureBudgetOptions } from "./failure-budget.js";

/** Where log lines go: any subset of the four levels, each called with a message and metadata. */
export interface VeniceLogger {
  debug?(message: string, metadata: Record<string, unknown>): void;
  info?(message: string, metadata: Record<string, unknown>): void;
  warn?(message: string, metadata: Record<string, unknown>): void;
  error?(message: string, metadata: Record<string, unknown>): void;
}

/** How retries wait. Durations in ms. */
export interface VeniceRetryOptions {
  /** A server wait hint (`Retry-After`, `retry_after`) longer than this fails at once with `retryAfterMs` set. Default 60000. */
  maxRetryAfterMs?: number;
  /** First backoff ceiling (full jitter, doubling per retry). Default 500. */
  baseDelayMs?: number;
  /** Largest backoff ceiling. Default 8000. */
  maxDelayMs?: number;
  /** Randomness in [0, 1) for the jitter. Default `Math.random`. */
  random?: () => number;
}

/** What `onRetry` receives before each wait. */
export interface VeniceRetryEvent {
  /** The failure that is being retried (its `attempts` holds the tries so far). */
  error: VeniceError;
  /** The number of the retry about to happen (1 = first retry). */
  retry: number;
  /** How long the client waits before it, in ms. */
  delayMs: number;
}

/** Options shared by `createVeniceClient` and `createVeniceFetch`. */
export interface VeniceTransportOptions {
  /** Retries after the first try. Default 2. */
  maxRetries?: number;
  /**
   * Per-try time limit in ms: until the whole body for JSON answers; until the first event, then
   * between two events, for streams. Expiry is a `CLIENT_TIMEOUT` (retried). Default 600000.
   */
  timeoutMs?: number;
  /** Backoff and the cap on server wait hints. */
  retry?: VeniceRetryOptions;
  /**
   * The `fetch` to send requests with. Default the global `fetch`; with Node's own, requests go
   * out with `redirect: "error"` (no copy of the request) and a redirect is followed by sending
   * the try again.
   */
  fetch?: typeof fetch;
  /** Receives one line per retry (debug) and per final failure (at the catalog's log level, else info). Never the key. */
  logger?: VeniceLogger;
  /** Called before every retry wait. */
  onRetry?: (event: VeniceRetryEvent) => void;
  /** Called once with every error the client is about to throw. */
  onError?: (error: VeniceError) => void;
  /**
   * Asked before every try (wait for a cooldown, or refuse) and told how every try ended. Default
   * an in-process `createLocalCoordinator` with `failureBudget`'s numbers; pass one coordinator to
   * several clients to share it, or `@venice-errors/redis`'s to share it across processes. Wins
   * over `failureBudget`.
   */
  coordinator?: VeniceCoordinator;
  /**
   * A shortcut for the default coordinator's failure budget, which stops sending before Venice's
   * abuse protection blocks the key (more than 20 failed requests in 30 s). Default
   * `{ maxFailures: 15, windowMs: 30000 }`; `false` turns the default coordinator off; a
   * `createFailureBudget()` is shared by every client it is given to.
   */
  failureBudget?: FailureBudgetOptions | FailureBudget | false;
  /**
   * Most bytes read of an error answer's body; the rest is not downloaded, the error keeps the
   * start as `body`, and its entry in `attempts` says `bodyTruncated: true`. Default 1 MiB.
   */
  maxErrorBodyBytes?: number;
  /** Largest single stream event; a larger one fails the stream (INVALID_RESPONSE). Default 16 MiB. */
  maxEventBytes?: number;
  /** Clock in epoch ms (tests). Default `Date.now`. */
  now?: () => number;
  /** How retry waits sleep (tests). Must reject when `signal` aborts. Default a timer. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Per-request options: the second argument of every client method. */
export interface VeniceRequestOptions {
  /** Cancels the request and any retry wait at once (`ABORTED`). */
  signal?: AbortSignal;
  /** Overrides the client's `timeoutMs` for this request. */
  timeoutMs?: number;
  /** Overrides the client's `maxRetries` for this request. */
  maxRetries?: number;
  /** Extra request headers. */
  headers?: Record<string, string>;
}

export const DEFAULTS = {
  baseURL: "https://api.venice.ai/api/v1",
  maxRetries: 2,
  timeoutMs: 600_000,
} as const;
