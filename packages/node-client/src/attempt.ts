import { isVeniceError, toVeniceError, type VeniceError } from "@venice-errors/core";
import { clientError } from "./errors.js";

/** What a guarded promise rejects with when the per-try timer fires. */
const TIMEOUT = Symbol("venice-client-timeout");

function ignore(): void {}

/** Releases the connection of an answer nobody waits for any more. */
function discard(response: Response): void {
  response.body?.cancel().catch(ignore);
}

/**
 * One try of a request. The caller's `AbortSignal` goes to `fetch` as is (ABORTED); the per-try
 * timeout is a timer that rejects whatever the try is waiting for (CLIENT_TIMEOUT) and cancels
 * a stream's body. Timeouts use no AbortSignal of their own on purpose: in Node 20 a signal on
 * `fetch` costs undici a listener and a finalizer per request, measurably more than the rest of
 * the client. An answer whose headers arrive after the timeout is released unread; a JSON body
 * still downloading at the timeout finishes (or hits undici's own body timeout) unobserved.
 */
export class Attempt {
  readonly number: number;
  /** How long the client waited before this try. */
  readonly waitedMs: number;
  /** The caller's signal: pass it to `fetch`. */
  readonly signal: AbortSignal | undefined;
  readonly #timeoutMs: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timedOut = false;
  #reject: ((reason: unknown) => void) | undefined;
  #cancelBody: (() => void) | undefined;
  #retained = false;

  constructor(
    number: number,
    waitedMs: number,
    callerSignal: AbortSignal | undefined,
    timeoutMs: number,
  ) {
    this.number = number;
    this.waitedMs = waitedMs;
    this.signal = callerSignal;
    this.#timeoutMs = timeoutMs;
    if (Number.isFinite(timeoutMs) && timeoutMs > 0) {
      this.#timer = setTimeout(Attempt.#expire, timeoutMs, this);
    }
  }

  static #expire(attempt: Attempt): void {
    attempt.#timer = undefined;
    attempt.#timedOut = true;
    attempt.#reject?.(TIMEOUT);
    attempt.#cancelBody?.();
  }

  /** True once the per-try timer fired. */
  get timedOut(): boolean {
    return this.#timedOut;
  }

  /**
   * Waits for the try's work, or rejects as soon as the try times out. The work itself goes on
   * unobserved: an answer that arrives late is released by `Transport.send` (see `late`).
   */
  guard<T>(promise: Promise<T>): Promise<T> {
    if (this.#timer === undefined) return promise;
    return new Promise<T>((resolve, reject) => {
      this.#reject = reject;
      promise.then(resolve, reject);
    });
  }

  /** True when the answer came after the try timed out: release it and stop. */
  late(response: Response): boolean {
    if (!this.#timedOut) return false;
    discard(response);
    return true;
  }

  /** What cancels the body being streamed (on timeout, `break` or `abort()`). */
  bindBody(cancel: () => void): void {
    this.#cancelBody = cancel;
  }

  /** Restarts the timer: a stream that keeps sending events is not timed out. */
  touch(): void {
    this.#timer?.refresh();
  }

  /** Keep the try alive after it succeeded (a stream still reads from it). */
  retain(): void {
    this.#retained = true;
  }

  /** Ends the try unless it was retained. */
  settle(): void {
    if (!this.#retained) this.release();
  }

  /** Ends the try: stops the timer. */
  release(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Cancels the body being streamed (closing the connection), then releases the try. */
  cancel(): void {
    const cancel = this.#cancelBody;
    this.#cancelBody = undefined;
    cancel?.();
    this.release();
  }

  /**
   * The `VeniceError` for whatever this try threw: a caller abort is ABORTED, the timer is
   * CLIENT_TIMEOUT (checked first: both surface as rejections of `fetch` or the body), the rest
   * is classified by core (fetch TypeErrors -> CONNECTION_ERROR).
   */
  failure(thrown: unknown, secrets: readonly string[]): VeniceError {
    if (this.signal?.aborted) {
      return clientError("ABORTED", "The request was aborted by the caller");
    }
    if (thrown === TIMEOUT || (this.#timedOut && !isVeniceError(thrown))) {
      return clientError(
        "CLIENT_TIMEOUT",
        `No answer from the Venice API within ${this.#timeoutMs} ms`,
      );
    }
    return toVeniceError(thrown, { secrets });
  }
}
