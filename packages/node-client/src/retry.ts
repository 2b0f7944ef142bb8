import {
  parseRateLimitHeaders,
  type RetryPolicy,
  retryDelay,
  type VeniceAttempt,
  type VeniceError,
  type VeniceRateLimit,
} from "@venice-errors/core";
import { Attempt } from "./attempt.js";
import { delay } from "./delay.js";
import { publishTry, type VeniceRequestMessage } from "./diagnostics.js";
import { errorFromAnswer } from "./errors.js";
import { createFailureBudget, type FailureBudget } from "./failure-budget.js";
import { DEFAULTS, type VeniceLogger, type VeniceTransportOptions } from "./options.js";

/** What one logical request needs from its caller. */
export interface RequestPlan {
  method: string;
  path: string;
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  /** diagnostics_channel message; set only when someone subscribed as the request started. */
  trace?: VeniceRequestMessage | undefined;
}

/**
 * Whether a failure may be retried at all, before `retryDelay` decides when. Never 402 (billing:
 * a retry cannot fix it and may charge twice), other 4xx but 429, an abuse lock-out (retrying
 * extends it), a caller abort, or a local failure-budget refusal.
 */
export function mayRetry(error: VeniceError): boolean {
  if (error.code === "ABORTED" || error.code === "TOO_MANY_FAILED_ATTEMPTS") return false;
  const status = error.status;
  return !(status >= 400 && status < 500 && status !== 429);
}

/** The `attempts` entry of a failed try. */
export function attemptRecord(attempt: Attempt, error: VeniceError): VeniceAttempt {
  const entry: VeniceAttempt = {
    attempt: attempt.number,
    status: error.status,
    code: error.code,
    waitedMs: attempt.waitedMs,
  };
  if (error.requestId !== undefined) entry.requestId = error.requestId;
  return entry;
}

/**
 * The one retry loop. Both the client and `createVeniceFetch` send every request through
 * `Transport.run`, which owns tries, timeouts, abort, the failure budget, logs and `attempts`.
 */
export class Transport {
  readonly secrets: readonly string[];
  readonly fetch: typeof fetch;
  readonly now: () => number;
  #rateLimits: VeniceRateLimit | undefined;
  /** Headers of the last answer that had rate-limit headers, parsed only when read. */
  #pendingRateLimit: { headers: Headers; at: number } | undefined;
  readonly #options: VeniceTransportOptions;
  readonly #policy: RetryPolicy;
  readonly #budget: FailureBudget | undefined;
  readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly #logger: VeniceLogger | undefined;

  constructor(options: VeniceTransportOptions, secrets: readonly string[]) {
    this.#options = options;
    this.secrets = secrets;
    this.fetch = options.fetch ?? globalThis.fetch;
    this.now = options.now ?? Date.now;
    this.#sleep = options.sleep ?? delay;
    this.#logger = options.logger;
    const retry = options.retry ?? {};
    this.#policy = {};
    if (retry.baseDelayMs !== undefined) this.#policy.baseDelayMs = retry.baseDelayMs;
    if (retry.maxDelayMs !== undefined) this.#policy.maxDelayMs = retry.maxDelayMs;
    if (retry.maxRetryAfterMs !== undefined) this.#policy.maxRetryAfterMs = retry.maxRetryAfterMs;
    if (retry.random !== undefined) this.#policy.random = retry.random;
    const budget = options.failureBudget;
    if (budget === false) this.#budget = undefined;
    else if (budget && "check" in budget) this.#budget = budget;
    else this.#budget = createFailureBudget({ now: this.now, ...budget });
  }

  /**
   * Runs `send` until it succeeds, a failure must not be retried, retries run out, or the caller
   * aborts (which also cancels a wait). Throws a `VeniceError` carrying every try in `attempts`.
   */
  async run<T>(
    plan: RequestPlan,
    send: (attempt: Attempt, history: readonly VeniceAttempt[]) => Promise<T>,
  ): Promise<T> {
    const maxRetries = plan.maxRetries ?? this.#options.maxRetries ?? DEFAULTS.maxRetries;
    const timeoutMs = plan.timeoutMs ?? this.#options.timeoutMs ?? DEFAULTS.timeoutMs;
    const history: VeniceAttempt[] = [];
    let waitedMs = 0;
    for (let number = 1; ; number++) {
      const refusal = this.#budget?.check();
      if (refusal) throw this.fail(refusal, plan, history);
      const attempt = new Attempt(number, waitedMs, plan.signal, timeoutMs);
      let error: VeniceError;
      try {
        const result = await attempt.guard(send(attempt, history));
        attempt.settle();
        publishTry(plan.trace, attempt, undefined, null); // diagnostics: the try succeeded
        return result;
      } catch (thrown) {
        attempt.release();
        error = attempt.failure(thrown, this.secrets);
      }
      this.record(history, attempt, error);
      const delayMs =
        mayRetry(error) && number <= maxRetries
          ? retryDelay(error, number, { ...this.#policy, maxRetries })
          : null;
      publishTry(plan.trace, attempt, error, delayMs); // diagnostics: the try failed (delayMs null: final)
      if (delayMs === null) throw this.fail(error, plan, history);
      error.attempts = history.slice();
      this.#options.onRetry?.({ error, retry: number, delayMs });
      this.#logger?.debug?.(
        `Venice ${plan.method} ${plan.path} failed: retrying in ${delayMs} ms`,
        {
          ...this.#describe(error, plan),
          retry: number,
          delayMs,
        },
      );
      try {
        await this.#sleep(delayMs, plan.signal);
      } catch {
        const aborted = attempt.failure(undefined, this.secrets);
        throw this.fail(aborted.code === "ABORTED" ? aborted : error, plan, history);
      }
      waitedMs = delayMs;
    }
  }

  /**
   * Sends one HTTP try. Every answer updates `rateLimits` and the failure budget; a non-2xx
   * answer is read, classified and thrown.
   */
  async send(attempt: Attempt, url: string, init: RequestInit): Promise<Response> {
    if (attempt.signal) init.signal = attempt.signal;
    const response = await this.fetch(url, init);
    if (attempt.late(response)) throw attempt.failure(undefined, this.secrets);
    const rateLimit = this.#observe(response.headers);
    if (response.ok) {
      if (rateLimit !== undefined) this.#budget?.record(response.status, rateLimit);
      return response;
    }
    const text = await response.text();
    const error = errorFromAnswer(
      response.status,
      response.headers,
      text,
      this.secrets,
      this.now(),
    );
    this.#budget?.record(response.status, rateLimit, error);
    throw error;
  }

  /** Reports an in-stream error event to the failure budget (a lock-out can arrive that way). */
  noteStreamError(error: VeniceError): void {
    this.#budget?.record(200, undefined, error);
  }

  /** Adds a failed try to the history. */
  record(history: VeniceAttempt[], attempt: Attempt, error: VeniceError): void {
    history.push(attemptRecord(attempt, error));
  }

  /** Final bookkeeping for an error about to be thrown: `attempts`, the log line, `onError`. */
  fail(error: VeniceError, plan: RequestPlan, history: readonly VeniceAttempt[]): VeniceError {
    error.attempts = history.slice();
    const level = error.logLevel ?? "info";
    this.#logger?.[level]?.(
      `Venice ${plan.method} ${plan.path} failed: ${error.code}`,
      this.#describe(error, plan),
    );
    this.#options.onError?.(error);
    return error;
  }

  /** The last rate-limit headers seen (of any answer), parsed. */
  get rateLimits(): VeniceRateLimit | undefined {
    const pending = this.#pendingRateLimit;
    if (pending !== undefined) {
      this.#pendingRateLimit = undefined;
      this.#rateLimits = parseRateLimitHeaders(pending.headers, pending.at) ?? this.#rateLimits;
    }
    return this.#rateLimits;
  }

  /**
   * Notes an answer's rate-limit headers. Parsing waits until `rateLimits` is read (most callers
   * never read it per request); only the abuse error budget (`x-ratelimit-remaining`, rare) is
   * parsed at once, because the failure budget acts on it. Returns that parse, if any.
   */
  #observe(headers: Headers): VeniceRateLimit | undefined {
    const at = this.now();
    if (headers.has("x-ratelimit-remaining")) {
      const rateLimit = parseRateLimitHeaders(headers, at);
      this.#pendingRateLimit = undefined;
      if (rateLimit !== undefined) this.#rateLimits = rateLimit;
      return rateLimit;
    }
    if (
      headers.has("x-ratelimit-remaining-requests") ||
      headers.has("x-ratelimit-remaining-tokens") ||
      headers.has("x-ratelimit-limit")
    ) {
      this.#pendingRateLimit = { headers, at };
    }
    return undefined;
  }

  #describe(error: VeniceError, plan: RequestPlan): Record<string, unknown> {
    const metadata: Record<string, unknown> = {
      method: plan.method,
      path: plan.path,
      code: error.code,
      status: error.status,
      message: error.message,
      attempts: error.attempts.length,
    };
    if (error.requestId !== undefined) metadata.requestId = error.requestId;
    if (error.retryAfterMs !== undefined) metadata.retryAfterMs = error.retryAfterMs;
    return metadata;
  }
}
