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
import { EventStreamReader, type StreamItem, type StreamPort } from "./event-reader.js";
import { attemptRecord, type RequestPlan, type Transport } from "./transport.js";

/** A stream whose first event arrived and was not an error. */
export interface OpenedStream {
  reader: EventStreamReader;
  /** The first event, raw and parsed (`done` when the stream was `[DONE]` at once). */
  first: StreamItem;
  response: Response;
  attempt: Attempt;
}

/**
 * What the reader may use of the transport: the request's secrets, the clock, and a way to report
 * an in-band error (the try ends with it, so the coordinator hears of a lock-out sent in-band).
 */
function portOf(transport: Transport, attempt: Attempt): StreamPort {
  return {
    secrets: attempt.secrets,
    now: transport.now,
    failure: (error: VeniceError) => attempt.end(attempt.errorOutcome(error)),
  };
}

/**
 * Inside a try: reads up to the first event, so that an error before any output (an error
 * status, an in-band error event, a cut) is still retried; after it, the stream is the caller's.
 * `trace` is the request's diagnostics message (`undefined` without subscribers).
 */
export async function openStream(
  transport: Transport,
  attempt: Attempt,
  response: Response,
  trace: VeniceRequestMessage | undefined,
): Promise<OpenedStream> {
  if (!response.body) throw clientError("INVALID_RESPONSE", "The Venice stream has no body");
  const reader = new EventStreamReader(
    response.body,
    response.headers,
    portOf(transport, attempt),
    attempt,
    { maxEventBytes: transport.maxEventBytes },
  );
  const first = await reader.next();
  if (first === undefined) {
    throw clientError("STREAM_INTERRUPTED", "The Venice stream ended before its first event");
  }
  attempt.retain();
  attempt.touch();
  publishStreamFirst(trace); // diagnostics
  if (first.kind === "data") noteChunk(trace, first.value); // diagnostics: model, usage
  return { reader, first, response, attempt };
}

/**
 * A streamed answer: iterate it with `for await`. Breaking out of the loop, or aborting the
 * request's signal, closes the connection. An in-band error event is thrown as a `VeniceError`
 * (status 200, the event's code and `retryAfterMs`); a cut connection as STREAM_INTERRUPTED.
 */
export class VeniceStream<T> implements AsyncIterable<T> {
  /** The response's headers (rate limits, request id). */
  readonly headers: Headers;
  /** `x-request-id`, else `CF-RAY`, of the response. */
  readonly requestId: string | undefined;
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
    this.headers = opened.response.headers;
    this.requestId =
      opened.response.headers.get("x-request-id") ??
      opened.response.headers.get("cf-ray") ??
      undefined;
  }

  /** Stops the stream and closes its connection; a loop over it ends quietly. */
  abort(): void {
    publishStreamClosed(this.#plan.trace); // diagnostics: stopped early, unless it ended or failed
    const { reader, attempt } = this.#opened;
    reader.cancel();
    attempt.cancel();
    attempt.end(attempt.answerOutcome());
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    if (this.#iterated) throw new TypeError("A VeniceStream can be iterated only once");
    this.#iterated = true;
    return this.#events();
  }

  async *#events(): AsyncGenerator<T, void, undefined> {
    const { reader, first } = this.#opened;
    const trace = this.#plan.trace; // diagnostics: undefined without subscribers
    let item: StreamItem | undefined = first;
    try {
      while (item !== undefined && item.kind === "data") {
        yield item.value as T;
        try {
          item = await reader.next();
        } catch (error) {
          throw this.#fail(error as VeniceError);
        }
        if (item?.kind === "data") noteChunk(trace, item.value); // diagnostics: model, usage
      }
      publishStreamEnd(trace); // diagnostics: a no-op after abort(), which published "closed"
    } finally {
      if (item?.kind === "done") this.#finish();
      else this.abort();
    }
  }

  /** A clean `[DONE]`: the try ends now, and the rest of the body is read rather than torn down. */
  #finish(): void {
    const { reader, attempt } = this.#opened;
    attempt.release();
    attempt.end(attempt.answerOutcome());
    void reader.drain().then((clean) => {
      if (!clean) attempt.cancel();
    });
  }

  #fail(error: VeniceError): VeniceError {
    const { attempt } = this.#opened;
    attempt.end(attempt.errorOutcome(error));
    const history = [...this.#history, attemptRecord(this.#opened.attempt, error)];
    const failure = this.#transport.fail(error, this.#plan, history);
    return publishStreamError(this.#plan.trace, failure); // diagnostics
  }
}
