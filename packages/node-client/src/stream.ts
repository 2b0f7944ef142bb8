import type { VeniceAttempt, VeniceError } from "@venice-errors/core";
import type { Attempt } from "./attempt.js";
import {
  noteChunk,
  publishStreamClosed,
  publishStreamEnd,
  publishStreamError,
} from "./diagnostics.js";
import { clientError } from "./errors.js";
import { EventReader, type ParsedEvent, parseEvent } from "./event-reader.js";
import { attemptRecord, type RequestPlan, type Transport } from "./retry.js";
import type { SseEvent } from "./sse.js";

/** A stream whose first event arrived and was not an error. */
export interface OpenedStream {
  reader: EventReader;
  /** The first event, raw and parsed (`done` when the stream was `[DONE]` at once). */
  first: SseEvent;
  firstParsed: ParsedEvent & { kind: "data" | "done" };
  response: Response;
  attempt: Attempt;
}

/** Why a body that stopped early stopped: the caller, our timer, or the connection. */
export function interruption(
  attempt: Attempt,
  thrown: unknown,
  secrets: readonly string[],
): VeniceError {
  const failure = attempt.failure(thrown, secrets);
  if (failure.code === "ABORTED" || failure.code === "CLIENT_TIMEOUT") return failure;
  return clientError(
    "STREAM_INTERRUPTED",
    "The connection closed before the Venice stream finished",
    thrown ?? undefined,
  );
}

/**
 * Inside a try: reads up to the first event, so that an error before any output (an error
 * status, an in-band error event, a cut) is still retried; after it, the stream is the caller's.
 */
export async function openStream(
  transport: Transport,
  attempt: Attempt,
  response: Response,
): Promise<OpenedStream> {
  if (!response.body) throw clientError("INVALID_RESPONSE", "The Venice stream has no body");
  const reader = new EventReader(response.body);
  attempt.bindBody(() => reader.cancel());
  let first: SseEvent | undefined;
  try {
    first = await reader.next();
  } catch (thrown) {
    reader.cancel();
    throw interruption(attempt, thrown, transport.secrets);
  }
  if (first === undefined) {
    throw clientError("STREAM_INTERRUPTED", "The Venice stream ended before its first event");
  }
  const parsed = parseEvent(first, response.headers, transport.secrets, transport.now());
  if (parsed.kind === "error") {
    reader.cancel();
    transport.noteStreamError(parsed.error);
    throw parsed.error;
  }
  attempt.retain();
  attempt.touch();
  return { reader, first, firstParsed: parsed, response, attempt };
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
  #stopped = false;

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
    this.#stopped = true;
    this.#opened.reader.cancel();
    this.#opened.attempt.cancel();
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    if (this.#iterated) throw new TypeError("A VeniceStream can be iterated only once");
    this.#iterated = true;
    return this.#events();
  }

  async *#events(): AsyncGenerator<T, void, undefined> {
    const { reader, attempt, response, firstParsed } = this.#opened;
    const transport = this.#transport;
    const trace = this.#plan.trace; // diagnostics: undefined without subscribers
    try {
      if (firstParsed.kind === "done") return publishStreamEnd(trace); // diagnostics
      noteChunk(trace, firstParsed.value); // diagnostics: response model, usage
      yield firstParsed.value as T;
      for (;;) {
        let event: SseEvent | undefined;
        try {
          event = await reader.next();
        } catch (thrown) {
          throw this.#fail(interruption(attempt, thrown, transport.secrets));
        }
        if (event === undefined) {
          // The idle timer cancels the body: the read then ends as if the stream had.
          if (attempt.timedOut)
            throw this.#fail(interruption(attempt, undefined, transport.secrets));
          const early = reader.endedEarly;
          if (early === undefined && !this.#stopped) publishStreamEnd(trace); // diagnostics
          if (early === undefined || this.#stopped) return;
          throw this.#fail(clientError("STREAM_INTERRUPTED", early));
        }
        attempt.touch();
        const parsed = parseEvent(event, response.headers, transport.secrets, transport.now());
        if (parsed.kind === "done") return publishStreamEnd(trace); // diagnostics
        if (parsed.kind === "error") {
          transport.noteStreamError(parsed.error);
          throw this.#fail(parsed.error);
        }
        noteChunk(trace, parsed.value); // diagnostics: response model, usage
        yield parsed.value as T;
      }
    } finally {
      this.abort();
    }
  }

  #fail(error: VeniceError): VeniceError {
    const history = [...this.#history, attemptRecord(this.#opened.attempt, error)];
    const failure = this.#transport.fail(error, this.#plan, history);
    return publishStreamError(this.#plan.trace, failure); // diagnostics
  }
}
