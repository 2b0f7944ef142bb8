import { VeniceError } from "@venice-errors/core";
import type {
  CoordinatedOutcome,
  CoordinatedTry,
  CoordinatorDecision,
  VeniceCoordinator,
} from "./coordinator.js";
import { createFailureBudget, type FailureBudget } from "./failure-budget.js";

/** Options of `createLocalCoordinator`. */
export interface LocalCoordinatorOptions {
  /** Failed requests (4xx other than 429) allowed per key in the window. Default 15 (Venice blocks past 20). */
  maxFailures?: number;
  /** The failure window in ms. Default 30000. */
  windowMs?: number;
  /**
   * Longest cooldown (a 429's wait hint, a rate-limit reset) a request sleeps through before it is
   * sent. A longer one refuses at once with `retryAfterMs` (RATE_LIMIT_EXCEEDED, status 0).
   * Default 60000.
   */
  maxWaitMs?: number;
  /** Clock in epoch ms (tests). Default `Date.now`. */
  now?: () => number;
}

/** What one API key has been told. */
interface KeyState {
  budget: FailureBudget;
  /** Tries admitted and not yet released. */
  inFlight: number;
  /** Cooldowns per model (`""` when the request named none), as epoch ms. */
  pauses: Map<string, number> | undefined;
}

const REMAINING_REQUESTS = "x-ratelimit-remaining-requests";
/** Keys remembered before idle ones are forgotten. */
const MAX_IDLE_KEYS = 4096;

/**
 * A coordinator that shares one process's knowledge of a key between all requests that use it:
 * - the failure budget (15 failures in 30 s by default, below Venice's abuse limit), in which
 *   requests in flight count once a failure was seen, so concurrency cannot overshoot it;
 * - a 429 with a wait hint pauses every request of the same key and model until the wait is over;
 * - `x-ratelimit-remaining-requests: 0` pauses that key and model until the reset;
 * - an abuse lock-out (`TOO_MANY_FAILED_ATTEMPTS`, or `x-ratelimit-remaining` <= 0 with
 *   `x-ratelimit-resets`) refuses every request of the key until it ends.
 *
 * Pass one to several clients to share it. Healthy traffic costs two counter updates per try.
 */
export function createLocalCoordinator(options: LocalCoordinatorOptions = {}): VeniceCoordinator {
  return new LocalCoordinator(options);
}

/** @internal Also wraps a `FailureBudget` given as `failureBudget` (one budget for every key). */
export class LocalCoordinator implements VeniceCoordinator {
  readonly #keys = new Map<string, KeyState>();
  readonly #options: LocalCoordinatorOptions;
  readonly #now: () => number;
  readonly #maxWaitMs: number;
  readonly #sharedBudget: FailureBudget | undefined;
  /** The last key seen: most processes use one, so this skips the map lookup. */
  #lastKey = "";
  #last: KeyState | undefined;

  constructor(options: LocalCoordinatorOptions = {}, sharedBudget?: FailureBudget) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#maxWaitMs = options.maxWaitMs ?? 60_000;
    this.#sharedBudget = sharedBudget;
  }

  acquire(request: CoordinatedTry): CoordinatorDecision {
    const state = this.#state(request.keyId);
    if (state.pauses !== undefined) {
      const waitMs = this.#pause(state.pauses, request.model ?? "");
      if (waitMs > this.#maxWaitMs) return cooldownRefusal(waitMs, request.model);
      if (waitMs > 0) return waitMs;
    }
    const refusal = state.budget.check(state.inFlight);
    if (refusal !== undefined) return refusal;
    state.inFlight++;
    return undefined;
  }

  release(request: CoordinatedTry, outcome: CoordinatedOutcome): void {
    const state = this.#state(request.keyId);
    if (state.inFlight > 0) state.inFlight--;
    const { status, error, headers } = outcome;
    if (status >= 200 && status < 300 && error === undefined) {
      // The healthy path reads one header: a spent per-model request limit.
      if (headers?.get(REMAINING_REQUESTS) !== "0" && !headers?.has("x-ratelimit-remaining")) {
        return;
      }
    }
    const at = this.#now();
    const rateLimit = outcome.rateLimit;
    state.budget.record(status, rateLimit, error);
    const model = request.model ?? "";
    if (status === 429) {
      // The server's own wait (Retry-After, else the exhausted limit's reset) rules a 429.
      if (error?.code !== "TOO_MANY_FAILED_ATTEMPTS" && error?.retryAfterMs !== undefined) {
        this.#pauseUntil(state, model, at + error.retryAfterMs);
      }
    } else if (rateLimit?.remainingRequests === 0 && rateLimit.resetRequestsAt !== undefined) {
      this.#pauseUntil(state, model, rateLimit.resetRequestsAt);
    }
  }

  /** A proxy for many tenants meets many keys: forget those with nothing in flight or on record. */
  #forgetIdleKeys(): void {
    for (const [keyId, state] of this.#keys) {
      if (
        state.inFlight === 0 &&
        state.budget.failures === 0 &&
        state.budget.check() === undefined
      ) {
        if (state.pauses === undefined || state.pauses.size === 0) this.#keys.delete(keyId);
      }
    }
    this.#lastKey = "";
    this.#last = undefined;
  }

  /** Remaining cooldown of one model, in ms (0 when none); forgets pauses that ended. */
  #pause(pauses: Map<string, number>, model: string): number {
    const until = pauses.get(model);
    if (until === undefined) return 0;
    const waitMs = until - this.#now();
    if (waitMs > 0) return waitMs;
    pauses.delete(model);
    return 0;
  }

  #pauseUntil(state: KeyState, model: string, until: number): void {
    if (!(until > this.#now())) return;
    state.pauses ??= new Map();
    state.pauses.set(model, Math.max(state.pauses.get(model) ?? 0, until));
  }

  #state(keyId: string): KeyState {
    if (keyId === this.#lastKey && this.#last !== undefined) return this.#last;
    let state = this.#keys.get(keyId);
    if (state === undefined) {
      state = {
        budget:
          this.#sharedBudget ??
          createFailureBudget({
            now: this.#now,
            ...(this.#options.maxFailures === undefined
              ? {}
              : { maxFailures: this.#options.maxFailures }),
            ...(this.#options.windowMs === undefined ? {} : { windowMs: this.#options.windowMs }),
          }),
        inFlight: 0,
        pauses: undefined,
      };
      if (this.#keys.size >= MAX_IDLE_KEYS) this.#forgetIdleKeys();
      this.#keys.set(keyId, state);
    }
    this.#lastKey = keyId;
    this.#last = state;
    return state;
  }
}

function cooldownRefusal(waitMs: number, model: string | undefined): VeniceError {
  return new VeniceError({
    code: "RATE_LIMIT_EXCEEDED",
    status: 0,
    matchedBy: "client",
    retryAfterMs: Math.ceil(waitMs),
    message: `Request not sent: Venice asked to wait before the next request${
      model ? ` for ${model}` : ""
    }. Retry in ${Math.ceil(waitMs / 1000)} s.`,
  });
}
