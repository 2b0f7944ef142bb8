import type { VeniceError } from "@venice-errors/core";
import { clientError, errorFromAnswer } from "./errors.js";
import { DEFAULT_MAX_EVENT_SIZE, type SseEvent, SseEventTooLargeError, SseParser } from "./sse.js";

/** What the event-stream reader needs from the transport, and nothing more. */
export interface StreamPort {
  /** Secrets to redact from in-band errors. */
  readonly secrets: readonly string[];
  /** Clock in epoch ms (relative wait hints). */
  now(): number;
  /** Told of an in-band error event (a lock-out can arrive inside a stream). */
  failure(error: VeniceError): void;
}

/** The try a stream belongs to: its per-event timer and how it names a failure. */
export interface StreamTry {
  /** Restarts the per-event timer. */
  touch(): void;
  /** True once the timer fired. */
  readonly timedOut: boolean;
  /** ABORTED, CLIENT_TIMEOUT, or the classified `thrown`. */
  failure(thrown: unknown): VeniceError;
  /** What cancels the body when the timer fires. */
  bindBody(cancel: () => void): void;
}

/** One event of a stream, raw (for forwarding) and parsed. */
export type StreamItem =
  | { kind: "data"; event: SseEvent; value: unknown }
  | { kind: "done"; event: SseEvent };

/** What one SSE event means to a caller. */
export type ParsedEvent =
  | { kind: "done" }
  | { kind: "data"; value: unknown }
  | { kind: "error"; error: VeniceError };

const FAILURE_EVENTS = new Set(["error", "response.failed"]);

/**
 * Reads one event: `[DONE]`, a JSON chunk, or an in-band error (an `error` field as object or
 * string, `event: error`, `event: response.failed` / `type: "response.failed"`) classified by core
 * with the stream's status 200. Data that is not JSON is INVALID_RESPONSE.
 */
export function parseEvent(
  event: SseEvent,
  headers: Headers,
  secrets: readonly string[],
  now: number,
): ParsedEvent {
  if (event.data === "[DONE]") return { kind: "done" };
  let value: unknown;
  try {
    value = JSON.parse(event.data);
  } catch (cause) {
    return {
      kind: "error",
      error: clientError(
        "INVALID_RESPONSE",
        "The Venice API sent a stream event that is not JSON",
        cause,
      ),
    };
  }
  const named = event.event !== undefined && FAILURE_EVENTS.has(event.event);
  if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    const failed = record.type === "response.failed";
    const hasError = record.error !== undefined && record.error !== null;
    if (named || failed || hasError) {
      const body = hasError || failed ? record : { error: record };
      return { kind: "error", error: errorFromAnswer(200, headers, body, secrets, now) };
    }
  } else if (named) {
    return { kind: "error", error: errorFromAnswer(200, headers, { error: value }, secrets, now) };
  }
  return { kind: "data", value };
}

/** Encodes an event back to SSE text (for streams handed on to another SDK). */
export function encodeEvent(event: SseEvent): string {
  const name = event.event === undefined ? "" : `event: ${event.event}\n`;
  return `${name}data: ${event.data.split("\n").join("\ndata: ")}\n\n`;
}

/** Options of `EventStreamReader`. */
export interface EventStreamOptions {
  /** Largest single event; past it the stream fails with INVALID_RESPONSE. Default 16 MiB. */
  maxEventBytes?: number | undefined;
}

/**
 * The one reader of Venice event streams, for the chat stream, the Responses stream and
 * `createVeniceFetch`'s forwarding: reads the body, restarts the try's per-event timer on every
 * event, parses it, and turns in-band errors, cuts, timeouts and oversized events into a thrown
 * `VeniceError`. `next()` resolves `undefined` only at a clean end (or after `cancel()`).
 */
export class EventStreamReader {
  readonly headers: Headers;
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly #decoder = new TextDecoder();
  readonly #parser: SseParser;
  readonly #port: StreamPort;
  readonly #try: StreamTry;
  #queue: SseEvent[] = [];
  #index = 0;
  #ended = false;
  #named = false;
  #cancelled = false;
  readonly #maxEventBytes: number;

  constructor(
    body: ReadableStream<Uint8Array>,
    headers: Headers,
    port: StreamPort,
    streamTry: StreamTry,
    options: EventStreamOptions = {},
  ) {
    this.#reader = body.getReader();
    this.headers = headers;
    this.#port = port;
    this.#try = streamTry;
    this.#maxEventBytes = options.maxEventBytes ?? DEFAULT_MAX_EVENT_SIZE;
    this.#parser = new SseParser({ maxEventSize: this.#maxEventBytes });
    streamTry.bindBody(() => this.#release());
  }

  /**
   * The next event (`data` or `done`), or `undefined` when the stream ended cleanly or was
   * cancelled. Throws a `VeniceError`: the in-band error, STREAM_INTERRUPTED for a cut, ABORTED,
   * CLIENT_TIMEOUT, or INVALID_RESPONSE (not JSON, or an event over `maxEventBytes`).
   */
  next(): Promise<StreamItem | undefined> {
    // Most events were already parsed from the last chunk: hand them out without an extra await.
    if (this.#index < this.#queue.length) return this.#item(this.#take());
    return this.#nextEvent().then((event) => (event === undefined ? undefined : this.#item(event)));
  }

  #item(event: SseEvent): Promise<StreamItem> {
    this.#try.touch();
    const parsed = parseEvent(event, this.headers, this.#port.secrets, this.#port.now());
    if (parsed.kind === "error") {
      this.#release();
      this.#port.failure(parsed.error);
      return Promise.reject(parsed.error);
    }
    return Promise.resolve(
      parsed.kind === "done"
        ? { kind: "done", event }
        : { kind: "data", event, value: parsed.value },
    );
  }

  #take(): SseEvent {
    const event = this.#queue[this.#index++]!;
    if (event.event !== undefined) this.#named = true;
    return event;
  }

  /**
   * After `[DONE]`: reads what is left of the body (normally only its end) so the connection goes
   * back to the pool, instead of cancelling a finished download (an abort, a DOMException and
   * undici's teardown on every stream). True when the body ended within a few reads and
   * `waitMs`; otherwise it is cancelled and the caller ends the try as failed.
   */
  async drain(waitMs = 1000): Promise<boolean> {
    if (this.#ended || this.#cancelled) return this.#ended && !this.#cancelled;
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      this.#release();
    }, waitMs);
    (timer as { unref?: () => void }).unref?.();
    try {
      for (let reads = 0; reads < 4; reads++) {
        if ((await this.#reader.read()).done) {
          this.#ended = true;
          return !late;
        }
      }
      return false;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stops reading and releases the connection; a pending or later `next()` ends quietly. */
  cancel(): void {
    this.#cancelled = true;
    this.#release();
  }

  async #nextEvent(): Promise<SseEvent | undefined> {
    while (this.#index >= this.#queue.length) {
      if (this.#parser.overflowed) throw this.#tooLarge();
      if (this.#ended) return this.#end();
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await this.#reader.read();
      } catch (thrown) {
        if (this.#cancelled) return undefined;
        this.#release();
        throw this.#interruption(thrown);
      }
      try {
        if (chunk.done) {
          this.#ended = true;
          this.#queue = this.#parser.push(this.#decoder.decode());
        } else {
          this.#queue = this.#parser.push(this.#decoder.decode(chunk.value, { stream: true }));
        }
      } catch (thrown) {
        if (thrown instanceof SseEventTooLargeError) throw this.#tooLarge();
        this.#release();
        throw thrown;
      }
      this.#index = 0;
    }
    return this.#take();
  }

  /** An event outgrew `maxEventBytes`: stop reading (the rest is not downloaded) and fail. */
  #tooLarge(): VeniceError {
    this.#release();
    return clientError(
      "INVALID_RESPONSE",
      `The Venice stream sent an event larger than maxEventBytes (${this.#maxEventBytes})`,
    );
  }

  /** The body ended: cleanly, cut, or because the timer or the caller cancelled it. */
  #end(): undefined {
    if (this.#try.timedOut) throw this.#interruption(undefined);
    if (this.#cancelled) return undefined;
    // Chat-completion streams end with `[DONE]`; streams of named events (`/responses`) end with
    // their own final event instead.
    if (this.#parser.pending) {
      throw clientError("STREAM_INTERRUPTED", "The Venice stream ended in the middle of an event");
    }
    if (!this.#named)
      throw clientError("STREAM_INTERRUPTED", "The Venice stream ended without [DONE]");
    return undefined;
  }

  /** Why a body that stopped early stopped: the caller, the timer, or the connection. */
  #interruption(thrown: unknown): VeniceError {
    const failure = this.#try.failure(thrown);
    if (failure.code === "ABORTED" || failure.code === "CLIENT_TIMEOUT") return failure;
    return clientError(
      "STREAM_INTERRUPTED",
      "The connection closed before the Venice stream finished",
      thrown ?? undefined,
    );
  }

  #release(): void {
    this.#reader.cancel().catch(() => undefined);
  }
}
