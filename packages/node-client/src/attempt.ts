import { isVeniceError, MAX_TIMER_MS, toVeniceError, type VeniceError } from "@venice-errors/core";
import type { CoordinatedOutcome } from "./coordinator.js";
import { clientError, scrubCause } from "./errors.js";
import type { BodyHandle } from "./event-reader.js";
import { TryOutcome } from "./outcome.js";

/** What a guarded promise rejects with when the per-try timer fires. */
const TIMEOUT = Symbol("venice-client-timeout");

function ignore(): void {}

/** Releases the connection of an answer nobody waits for any more. */
function discard(response: Response): void {
  response.body?.cancel().catch(ignore);
}

/** Who hears how a try ended (the transport, for its coordinator). */
export interface TryListener<R> {
  tryEnded(request: R, outcome: CoordinatedOutcome): void;
}

/** The answer a try got, for the coordinator and the logs. */
export interface TryAnswer {
  status: number;
  headers: Headers;
}

/**
 * One try of a request. `signal` goes to `fetch`: it is this try's own `AbortController`, aborted
 * when the per-try timer fires (CLIENT_TIMEOUT), when the caller's signal aborts (ABORTED), and
 * when the try fails, so the socket and any download end with the try instead of running on
 * unobserved (a timed-out 500 MB download used to finish in the background). One controller and
 * one timer per try; a listener on the caller's signal only when there is one.
 */
export class Attempt {
  readonly number: number;
  /** How long the client waited before this try. */
  readonly waitedMs: number;
  /** The caller's signal: decides ABORTED. */
  readonly callerSignal: AbortSignal | undefined;
  /** Pass it to `fetch`. */
  readonly signal: AbortSignal;
  /** Secrets of this request: redacted from every error it produces. */
  readonly secrets: readonly string[];
  /** The HTTP answer, once headers arrived. */
  answer: TryAnswer | undefined;
  /** The error answer's body was longer than the client reads (only its start was kept). */
  bodyTruncated = false;
  readonly #controller: AbortController;
  readonly #timeoutMs: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timedOut = false;
  #reject: ((reason: unknown) => void) | undefined;
  #body: BodyHandle | undefined;
  #retained = false;
  #onCallerAbort: (() => void) | undefined;
  #listener: TryListener<unknown> | undefined;
  #request: unknown;
  readonly #now: () => number;

  constructor(
    number: number,
    waitedMs: number,
    callerSignal: AbortSignal | undefined,
    timeoutMs: number,
    secrets: readonly string[] = [],
    now: () => number = Date.now,
  ) {
    this.number = number;
    this.secrets = secrets;
    this.#now = now;
    this.waitedMs = waitedMs;
    this.callerSignal = callerSignal;
    this.#timeoutMs = timeoutMs;
    this.#controller = new AbortController();
    this.signal = this.#controller.signal;
    if (callerSignal !== undefined) {
      if (callerSignal.aborted) this.#controller.abort(callerSignal.reason);
      else {
        this.#onCallerAbort = () => this.#controller.abort(callerSignal.reason);
        callerSignal.addEventListener("abort", this.#onCallerAbort, { once: true });
      }
    }
    if (Number.isFinite(timeoutMs) && timeoutMs > 0) {
      // Longer than a timer can hold would fire at once: clamp to the longest timer (24.8 days).
      this.#timer = setTimeout(Attempt.#expire, Math.min(timeoutMs, MAX_TIMER_MS), this);
    }
  }

  static #expire(attempt: Attempt): void {
    attempt.#timer = undefined;
    attempt.#timedOut = true;
    attempt.#reject?.(TIMEOUT);
    attempt.#body?.release();
    attempt.#controller.abort(new DOMException("The Venice request timed out", "TimeoutError"));
    // A stream nobody reads any more: its try ends here.
    if (attempt.#retained) attempt.end();
  }

  /**
   * Tells `listener` once, with `request`, when the try ends (for a stream: when the stream ends).
   * An object and its method rather than a callback: no closure per try.
   */
  onEnd<R>(listener: TryListener<R>, request: R): void {
    this.#listener = listener as TryListener<unknown>;
    this.#request = request;
  }

  /**
   * Reports how the try ended: answered (no `error`), or failed with `error`. Only the first
   * report counts, and the outcome is built only when someone listens.
   */
  end(error?: VeniceError): void {
    const listener = this.#listener;
    if (listener === undefined) return;
    this.#listener = undefined;
    listener.tryEnded(
      this.#request,
      error === undefined ? this.answerOutcome() : this.errorOutcome(error),
    );
  }

  /** The outcome "the server answered" (status and headers of the answer, no error). */
  answerOutcome(): CoordinatedOutcome {
    const answer = this.answer;
    return new TryOutcome(answer?.status ?? 0, answer?.headers, undefined, this.#now());
  }

  /** The outcome "the try failed with `error`" (after an answer, or without one). */
  errorOutcome(error: VeniceError): CoordinatedOutcome {
    const answer = this.answer;
    return new TryOutcome(answer?.status ?? error.status, answer?.headers, error, this.#now());
  }

  /** True once the per-try timer fired. */
  get timedOut(): boolean {
    return this.#timedOut;
  }

  /**
   * Waits for the try's work, or rejects as soon as the try times out, also when a custom `fetch`
   * ignores the signal.
   */
  guard<T>(promise: Promise<T>): Promise<T> {
    if (this.#timer === undefined) return promise;
    return new Promise<T>((resolve, reject) => {
      this.#reject = reject;
      promise.then(resolve, reject);
    });
  }

  /** True when the answer came after the try timed out (a `fetch` that ignores its signal): release it. */
  late(response: Response): boolean {
    if (!this.#timedOut) return false;
    discard(response);
    return true;
  }

  /** The body being streamed: cancelled on timeout, `break` or `abort()`. */
  bindBody(body: BodyHandle): void {
    this.#body = body;
  }

  /** Restarts the timer: a stream that keeps sending events is not timed out. */
  touch(): void {
    const timer = this.#timer;
    if (timer === undefined) return;
    // Node's timers restart in place; where a timer is a number (Workers, browsers), start anew.
    if (typeof timer === "object") timer.refresh();
    else {
      clearTimeout(timer);
      this.#timer = setTimeout(Attempt.#expire, Math.min(this.#timeoutMs, MAX_TIMER_MS), this);
    }
  }

  /** Keep the try alive after it succeeded (a stream still reads from it). */
  retain(): void {
    this.#retained = true;
  }

  /** True while a stream still reads from this try. */
  get retained(): boolean {
    return this.#retained;
  }

  /** Ends the try unless it was retained. */
  settle(): void {
    if (!this.#retained) this.release();
  }

  /** Ends the try: stops the timer and forgets the caller's signal. */
  release(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#onCallerAbort !== undefined) {
      this.callerSignal?.removeEventListener("abort", this.#onCallerAbort);
      this.#onCallerAbort = undefined;
    }
  }

  /** Ends a failed try: also aborts its request, so no socket or download outlives it. */
  abandon(): void {
    this.release();
    if (!this.signal.aborted)
      this.#controller.abort(new DOMException("The try ended", "AbortError"));
  }

  /** Cancels the body being streamed (closing the connection), then ends the try. */
  cancel(): void {
    const body = this.#body;
    this.#body = undefined;
    body?.release();
    this.abandon();
  }

  /**
   * The `VeniceError` for whatever this try threw: a caller abort is ABORTED, the timer is
   * CLIENT_TIMEOUT (checked first: both surface as rejections of `fetch` or the body), the rest
   * is classified by core (fetch TypeErrors -> CONNECTION_ERROR) with secrets kept out of `cause`.
   */
  failure(thrown: unknown): VeniceError {
    const secrets = this.secrets;
    if (this.callerSignal?.aborted) {
      return clientError("ABORTED", "The request was aborted by the caller");
    }
    if (thrown === TIMEOUT || (this.#timedOut && !isVeniceError(thrown))) {
      return clientError(
        "CLIENT_TIMEOUT",
        `No answer from the Venice API within ${this.#timeoutMs} ms`,
      );
    }
    if (isVeniceError(thrown)) return thrown;
    return scrubCause(toVeniceError(thrown, { secrets }), secrets);
  }
}
