import {
  MAX_TIMER_MS,
  parseRateLimitHeaders,
  type RetryPolicy,
  retryDelay,
  type VeniceAttempt,
  type VeniceError,
  type VeniceRateLimit,
} from "@venice-errors/core";
import { Attempt, type TryListener } from "./attempt.js";
import type { CoordinatedOutcome, CoordinatedTry, VeniceCoordinator } from "./coordinator.js";
import { delay } from "./delay.js";
import { publishTry, type VeniceRequestMessage } from "./diagnostics.js";
import {
  clientError,
  DEFAULT_MAX_ERROR_BODY_BYTES,
  errorFromAnswer,
  readErrorBody,
} from "./errors.js";
import { generationOf } from "./generation.js";
import { keyIdOf } from "./key-id.js";
import { LocalCoordinator } from "./local-coordinator.js";
import { DEFAULTS, type VeniceLogger, type VeniceTransportOptions } from "./options.js";

/** What one logical request needs from its caller. New API resources describe themselves here. */
export interface RequestPlan {
  method: string;
  /** The URL path without query (the query can hold secrets): logs and the coordinator see it. */
  path: string;
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  /**
   * The request starts paid work (chat, image, audio, video): retried only on answers that prove
   * the work did not happen. Default: decided by method and path (`isGenerationRequest`).
   */
  generation?: boolean | undefined;
  /** The `model` the request names: rate limits and cooldowns belong to key and model. */
  model?: string | undefined;
  /** The API key this request uses (hashed into the coordinator's `keyId`). Default the transport's. */
  apiKey?: string | undefined;
  /** What to redact from this request's errors and logs. Default the transport's secrets. */
  secrets?: readonly string[] | undefined;
  /** The diagnostics_channel message; set only when someone subscribed as the request started. */
  trace?: VeniceRequestMessage | undefined;
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
  if (attempt.bodyTruncated) entry.bodyTruncated = true;
  return entry;
}

const MAX_ADMIT_ROUNDS = 64;
/** The history of a request with no failed try yet (shared: nothing is allocated for it). */
export const NO_HISTORY: readonly VeniceAttempt[] = Object.freeze([]);

/**
 * True where the global `fetch` is Node's own (undici), which follows the Fetch standard: with
 * `redirect: "error"` it skips the copy of the request made for redirects, and it rejects a
 * redirect with a `TypeError` caused by "unexpected redirect". Not Bun, Deno or Workers (whose
 * `fetch` refuses `redirect: "error"`), nor a `fetch` passed in options.
 */
function isNodeFetch(): boolean {
  const versions = typeof process === "undefined" ? undefined : process.versions;
  return (
    typeof versions?.undici === "string" &&
    versions.bun === undefined &&
    !("Deno" in globalThis) &&
    !("WebSocketPair" in globalThis)
  );
}

/** The body can be sent a second time (not a stream, which `duplex: "half"` marks). */
function replayable(init: RequestInit): boolean {
  return (
    (init as { duplex?: string }).duplex === undefined && !(init.body instanceof ReadableStream)
  );
}

/** How fetch (undici, and fetch mocks that follow it) rejects a redirect under `redirect: "error"`. */
function isUnexpectedRedirect(thrown: unknown): boolean {
  if (!(thrown instanceof TypeError)) return false;
  const cause = (thrown as { cause?: unknown }).cause;
  const reason = cause instanceof Error ? cause.message : cause;
  return reason === "unexpected redirect";
}

/** The coordinator of a transport: `coordinator`, else the `failureBudget` shortcut. */
function coordinatorOf(
  options: VeniceTransportOptions,
  now: () => number,
): VeniceCoordinator | undefined {
  if (options.coordinator !== undefined) return options.coordinator;
  const budget = options.failureBudget;
  if (budget === false) return undefined;
  if (budget && "check" in budget) return new LocalCoordinator({ now }, budget);
  return new LocalCoordinator({ now, ...budget });
}

/**
 * The one retry loop. Both the client and `createVeniceFetch` send every request through
 * `Transport.run`, which owns tries, timeouts, abort, the coordinator, logs and `attempts`.
 */
export class Transport implements TryListener<CoordinatedTry> {
  readonly secrets: readonly string[];
  readonly fetch: typeof fetch;
  readonly now: () => number;
  readonly maxEventBytes: number | undefined;
  #rateLimits: VeniceRateLimit | undefined;
  /** Headers of the last answer that had rate-limit headers (and when), parsed only when read. */
  #pendingHeaders: Headers | undefined;
  #pendingAt = 0;
  readonly #options: VeniceTransportOptions;
  readonly #policy: RetryPolicy;
  readonly #coordinator: VeniceCoordinator | undefined;
  readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly #logger: VeniceLogger | undefined;
  readonly #maxErrorBodyBytes: number;
  readonly #apiKey: string | undefined;
  #keyId: string | undefined;
  /** Requests go out with `redirect: "error"`, and a redirect is followed by a second send. */
  readonly #redirectLater: boolean;
  /**
   * Each try is raced against its timer, for a `fetch` that ignores its signal; not with Node's
   * own, which rejects at once when the signal aborts, also while the body is read.
   */
  readonly #guarded: boolean;

  constructor(options: VeniceTransportOptions, secrets: readonly string[], apiKey?: string) {
    this.#options = options;
    this.secrets = secrets;
    this.#apiKey = apiKey;
    // Called as a method of the transport: Workers' fetch throws "Illegal invocation" unbound.
    this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    const nodeFetch = options.fetch === undefined && isNodeFetch();
    this.#redirectLater = nodeFetch;
    this.#guarded = !nodeFetch;
    this.now = options.now ?? Date.now;
    this.#sleep = options.sleep ?? delay;
    this.#logger = options.logger;
    this.#maxErrorBodyBytes = options.maxErrorBodyBytes ?? DEFAULT_MAX_ERROR_BODY_BYTES;
    this.maxEventBytes = options.maxEventBytes;
    const retry = options.retry ?? {};
    this.#policy = {};
    if (retry.baseDelayMs !== undefined) this.#policy.baseDelayMs = retry.baseDelayMs;
    if (retry.maxDelayMs !== undefined) this.#policy.maxDelayMs = retry.maxDelayMs;
    if (retry.maxRetryAfterMs !== undefined) this.#policy.maxRetryAfterMs = retry.maxRetryAfterMs;
    if (retry.random !== undefined) this.#policy.random = retry.random;
    this.#coordinator = coordinatorOf(options, this.now);
  }

  /**
   * Runs `send` until it succeeds, a failure must not be retried, retries run out, or the caller
   * aborts (which also cancels a wait). Before every try the coordinator may make it wait or
   * refuse it; after every try it hears how the try ended. Throws a `VeniceError` carrying every
   * try in `attempts`.
   */
  async run<T>(
    plan: RequestPlan,
    send: (attempt: Attempt, history: readonly VeniceAttempt[]) => Promise<T>,
  ): Promise<T> {
    const maxRetries = plan.maxRetries ?? this.#options.maxRetries ?? DEFAULTS.maxRetries;
    const timeoutMs = plan.timeoutMs ?? this.#options.timeoutMs ?? DEFAULTS.timeoutMs;
    const secrets = plan.secrets ?? this.secrets;
    const generation = generationOf(plan);
    const coordinator = this.#coordinator;
    const keyId = coordinator === undefined ? "" : this.#keyIdOf(plan.apiKey);
    // Made at the first failure: a request that succeeds at once allocates no history.
    let history: VeniceAttempt[] | undefined;
    let waitedMs = 0;
    for (let number = 1; ; number++) {
      let admitted: CoordinatedTry | undefined;
      let heldMs = 0;
      if (coordinator !== undefined) {
        admitted = {
          keyId,
          model: plan.model,
          method: plan.method,
          path: plan.path,
          attempt: number,
        };
        // Healthy traffic: the coordinator lets the try through at once, and no await is spent.
        const decision = this.#ask(coordinator, admitted);
        if (decision !== undefined) {
          heldMs = await this.#admit(coordinator, admitted, plan, history ?? NO_HISTORY, decision);
        }
      }
      const attempt = new Attempt(number, waitedMs, plan.signal, timeoutMs, secrets, this.now);
      if (admitted !== undefined) attempt.onEnd(this, admitted);
      let error: VeniceError;
      try {
        // Node's fetch rejects as soon as the try's signal aborts: no guard needed.
        const sent = send(attempt, history ?? NO_HISTORY);
        const result = await (this.#guarded ? attempt.guard(sent) : sent);
        attempt.settle();
        if (!attempt.retained) attempt.end();
        publishTry(plan.trace, attempt, undefined, null, heldMs); // diagnostics: the try succeeded
        return result;
      } catch (thrown) {
        attempt.abandon();
        error = attempt.failure(thrown);
      }
      attempt.end(error);
      history ??= [];
      this.record(history, attempt, error);
      const delayMs =
        number <= maxRetries
          ? retryDelay(error, number, { ...this.#policy, maxRetries, generation })
          : null;
      publishTry(plan.trace, attempt, error, delayMs, heldMs); // diagnostics: null delay = final
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
        const aborted = attempt.failure(undefined);
        throw this.fail(aborted.code === "ABORTED" ? aborted : error, plan, history);
      }
      waitedMs = delayMs;
    }
  }

  /** The hashed key of a request: the transport's own is hashed once. */
  #keyIdOf(apiKey: string | undefined): string {
    if (apiKey !== undefined && apiKey !== this.#apiKey) return keyIdOf(apiKey);
    if (this.#keyId === undefined) this.#keyId = keyIdOf(this.#apiKey ?? "");
    return this.#keyId;
  }

  /**
   * Asks the coordinator once, synchronously: `undefined` when it let the try through (or threw:
   * it must never break a request), else its answer (a wait, a refusal, a promise) for `#admit`.
   */
  #ask(
    coordinator: VeniceCoordinator,
    request: CoordinatedTry,
  ): ReturnType<VeniceCoordinator["acquire"]> {
    try {
      return coordinator.acquire(request);
    } catch {
      return undefined;
    }
  }

  /**
   * Asks the coordinator until it lets the try through: sleeps the waits it asks for (the
   * caller's signal cancels them at once), throws its refusal. A coordinator that throws or
   * rejects lets the try through: it must never break a request. Resolves to how long it held
   * the try (by the transport's clock; 0 when it asked for no wait).
   */
  async #admit(
    coordinator: VeniceCoordinator,
    request: CoordinatedTry,
    plan: RequestPlan,
    history: readonly VeniceAttempt[],
    first: ReturnType<VeniceCoordinator["acquire"]>,
  ): Promise<number> {
    // Read the clock only once the coordinator asks for a wait: healthy traffic pays nothing.
    let heldSince: number | undefined;
    // Each wait is slept in full, so the rounds are few; the cap only stops a coordinator whose
    // clock never moves (or a `sleep` that does not wait) from holding a request forever.
    for (let round = 0; round < MAX_ADMIT_ROUNDS; round++) {
      let decision: ReturnType<VeniceCoordinator["acquire"]>;
      try {
        decision = round === 0 ? first : coordinator.acquire(request);
        if (decision !== undefined && typeof decision === "object" && "then" in decision) {
          decision = await decision;
        }
      } catch {
        return this.#heldMs(heldSince);
      }
      if (decision === undefined) return this.#heldMs(heldSince);
      if (typeof decision !== "number") throw this.fail(decision, plan, history);
      if (!(decision > 0)) continue;
      heldSince ??= this.now();
      try {
        await this.#sleep(Math.min(decision, MAX_TIMER_MS), plan.signal);
      } catch {
        throw this.fail(
          clientError("ABORTED", "The request was aborted by the caller while it waited"),
          plan,
          history,
        );
      }
    }
    return this.#heldMs(heldSince);
  }

  /** How long the coordinator has held a try that it first asked to wait at `since`. */
  #heldMs(since: number | undefined): number {
    return since === undefined ? 0 : Math.max(0, this.now() - since);
  }

  /** @internal A try ended: its coordinator hears how (`Attempt.onEnd`). */
  tryEnded(request: CoordinatedTry, outcome: CoordinatedOutcome): void {
    try {
      this.#coordinator?.release(request, outcome);
    } catch {
      // A coordinator in trouble must not break the request it was told about.
    }
  }

  /**
   * Sends one HTTP try. Every answer updates `rateLimits`; a non-2xx answer is read (at most
   * `maxErrorBodyBytes`), classified and thrown.
   */
  async send(attempt: Attempt, url: string, init: RequestInit): Promise<Response> {
    init.signal = attempt.signal;
    let response: Response;
    if (this.#redirectLater && init.redirect === undefined && replayable(init)) {
      // Node's fetch copies every request, teeing its body, in case a redirect must resend it
      // (about 40 µs of CPU per request); with `redirect: "error"` it does not. The rare redirect
      // is then followed by sending the try again as fetch would have: a 3xx means that the
      // server did no work, and the body can be sent twice.
      init.redirect = "error";
      try {
        response = await this.fetch(url, init);
      } catch (thrown) {
        if (!isUnexpectedRedirect(thrown) || attempt.signal.aborted) throw thrown;
        init.redirect = "follow";
        response = await this.fetch(url, init);
      }
    } else response = await this.fetch(url, init);
    if (attempt.late(response)) throw attempt.failure(undefined);
    attempt.answer = { status: response.status, headers: response.headers };
    this.#observe(response.headers);
    if (response.ok) return response;
    const { text, truncated } = await readErrorBody(response, this.#maxErrorBodyBytes);
    attempt.bodyTruncated = truncated;
    throw errorFromAnswer(response.status, response.headers, text, attempt.secrets, this.now());
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
    const pending = this.#pendingHeaders;
    if (pending !== undefined) {
      this.#pendingHeaders = undefined;
      this.#rateLimits = parseRateLimitHeaders(pending, this.#pendingAt) ?? this.#rateLimits;
    }
    return this.#rateLimits;
  }

  /** Notes an answer's rate-limit headers; parsing waits until `rateLimits` is read. */
  #observe(headers: Headers): void {
    if (
      headers.has("x-ratelimit-remaining-requests") ||
      headers.has("x-ratelimit-remaining-tokens") ||
      headers.has("x-ratelimit-limit") ||
      headers.has("x-ratelimit-remaining")
    ) {
      this.#pendingHeaders = headers;
      this.#pendingAt = this.now();
    }
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
