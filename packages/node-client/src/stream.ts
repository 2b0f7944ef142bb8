import type { VeniceAttempt, VeniceError } from "@venice-errors/core";
import type { Attempt } from "./attempt.js";
import {
  noteChunk,
  publishStreamClosed,
  publishStreamEnd,
  publishStreamError,
  publishStreamFirst,
  type VeniceRequestMessage,
} from "./diagnostics.js";
import { clientError } from "./errors.js";
import { EventStreamReader } from "./event-reader.js";
import { attemptRecord, type RequestPlan, type Transport } from "./transport.js";

/** A stream whose first event arrived and was not an error. */
export interface OpenedStream {
  reader: EventStreamReader;
  /** The first event is `[DONE]` (else it is a data event, waiting in `reader`). */
  done: boolean;
  response: Response;
  attempt: Attempt;
}

/**
 * Inside a try: reads up to the first event, so that an error before any output (an error
 * status, an in-band error event, a cut) is still retried; after it, the stream is the caller's.
 * The first event stays in the reader. `trace` is the request's diagnostics message (`undefined`
 * without subscribers); `keepRaw` keeps the events' text, for a stream that is handed on.
 */
export async function openStream(
  transport: Transport,
  attempt: Attempt,
  response: Response,
  trace: VeniceRequestMessage | undefined,
  keepRaw = false,
): Promise<OpenedStream> {
  if (!response.body) throw clientError("INVALID_RESPONSE", "The Venice stream has no body");
  const reader = new EventStreamReader(response.body, response.headers, attempt, transport.now, {
    maxEventBytes: transport.maxEventBytes,
    keepRaw,
  });
  const first = await reader.wait();
  if (first === undefined) {
    throw clientError("STREAM_INTERRUPTED", "The Venice stream ended before its first event");
  }
  attempt.retain();
  attempt.touch();
  publishStreamFirst(trace); // diagnostics
  if (trace !== undefined && first === "data") noteChunk(trace, reader.peek()); // diagnostics: model, usage
  return { reader, done: first === "done", response, attempt };
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });

/**
 * The iterator of a `VeniceStream`, written out rather than an async generator: an event that
 * already arrived is handed out as one resolved promise (an async generator adds an `await` for
 * the read and another for the `yield`), and the `await` happens only when the reader must wait
 * for the network, once per chunk.
 */
class StreamIterator<T> implements AsyncIterator<T, undefined> {
  readonly #stream: VeniceStream<T>;
  readonly #opened: OpenedStream;
  readonly #reader: EventStreamReader;
  readonly #transport: Transport;
  readonly #plan: RequestPlan;
  readonly #history: readonly VeniceAttempt[];
  readonly #trace: VeniceRequestMessage | undefined;
  /** The stream ended ([DONE], its end, a failure, `return()`): `next()` says done. */
  #finished = false;
  /** A `next()` that waits for the network (a second caller queues behind it). */
  #waiting: Promise<IteratorResult<T, undefined>> | undefined;

  constructor(
    stream: VeniceStream<T>,
    opened: OpenedStream,
    transport: Transport,
    plan: RequestPlan,
    history: readonly VeniceAttempt[],
  ) {
    this.#stream = stream;
    this.#opened = opened;
    this.#reader = opened.reader;
    this.#transport = transport;
    this.#plan = plan;
    this.#history = history;
    this.#trace = plan.trace;
  }

  next(): Promise<IteratorResult<T, undefined>> {
    const reader = this.#reader;
    if (reader.ready && this.#waiting === undefined && !this.#finished) {
      const value = reader.take();
      if (this.#trace !== undefined) noteChunk(this.#trace, value); // diagnostics: model, usage
      return Promise.resolve({ value: value as T, done: false });
    }
    if (this.#finished) return Promise.resolve(DONE);
    const waiting = this.#waiting;
    if (waiting !== undefined) {
      const again = () => this.next(); // two callers at once: rare, so a closure is fine here
      return waiting.then(again, again);
    }
    this.#waiting = this.#wait();
    return this.#waiting;
  }

  /** `break` (or a throw in the loop's body): stops the stream and closes its connection. */
  return(): Promise<IteratorResult<T, undefined>> {
    if (!this.#finished) {
      this.#finished = true;
      this.#stream.abort();
    }
    return Promise.resolve(DONE);
  }

  async #wait(): Promise<IteratorResult<T, undefined>> {
    let kind: "data" | "done" | undefined;
    try {
      kind = await this.#reader.wait();
    } catch (error) {
      this.#finished = true;
      this.#waiting = undefined;
      const failure = this.#fail(error as VeniceError);
      this.#stream.abort();
      throw failure;
    }
    this.#waiting = undefined;
    if (this.#finished) return DONE; // return() while it waited
    if (kind === "data") {
      const value = this.#reader.take();
      if (this.#trace !== undefined) noteChunk(this.#trace, value); // diagnostics: model, usage
      return { value: value as T, done: false };
    }
    this.#finished = true;
    publishStreamEnd(this.#trace); // diagnostics: a no-op after abort(), which published "closed"
    if (kind === "done") this.#finish();
    else this.#stream.abort(); // ended without [DONE]: a stream of named events, or abort()
    return DONE;
  }

  /** A clean `[DONE]`: the try ends now, and the rest of the body is read rather than torn down. */
  #finish(): void {
    const { reader, attempt } = this.#opened;
    attempt.release();
    attempt.end();
    void reader.drain(attempt);
  }

  /** The stream failed: ends the try and returns the error to throw. */
  #fail(error: VeniceError): VeniceError {
    const { attempt } = this.#opened;
    attempt.end(error);
    const history = [...this.#history, attemptRecord(attempt, error)];
    const failure = this.#transport.fail(error, this.#plan, history);
    return publishStreamError(this.#trace, failure); // diagnostics
  }
}

/**
 * A streamed answer: iterate it with `for await`. Breaking out of the loop, or aborting the
 * request's signal, closes the connection. An in-band error event is thrown as a `VeniceError`
 * (status 200, the event's code and `retryAfterMs`); a cut connection as STREAM_INTERRUPTED.
 */
export class VeniceStream<T> implements AsyncIterable<T> {
  readonly #opened: OpenedStream;
  readonly #transport: Transport;
  readonly #plan: RequestPlan;
  readonly #history: readonly VeniceAttempt[];
  #iterated = false;

  /** @internal Created by the client. */
  constructor(
    opened: OpenedStream,
    transport: Transport,
    plan: RequestPlan,
    history: readonly VeniceAttempt[],
  ) {
    this.#opened = opened;
    this.#transport = transport;
    this.#plan = plan;
    this.#history = history;
  }

  /** The response's headers (rate limits, request id). */
  get headers(): Headers {
    return this.#opened.response.headers;
  }

  /** `x-request-id`, else `CF-RAY`, of the response (read from the headers when asked for). */
  get requestId(): string | undefined {
    const headers = this.#opened.response.headers;
    return headers.get("x-request-id") ?? headers.get("cf-ray") ?? undefined;
  }

  /** Stops the stream and closes its connection; a loop over it ends quietly. */
  abort(): void {
    publishStreamClosed(this.#plan.trace); // diagnostics: stopped early, unless it ended or failed
    const { reader, attempt } = this.#opened;
    reader.cancel();
    attempt.cancel();
    attempt.end();
  }

  [Symbol.asyncIterator](): AsyncIterator<T, undefined> {
    if (this.#iterated) throw new TypeError("A VeniceStream can be iterated only once");
    this.#iterated = true;
    return new StreamIterator(this, this.#opened, this.#transport, this.#plan, this.#history);
  }
}
