import type { VeniceError } from "@venice-errors/core";
import { clientError, errorFromAnswer } from "./errors.js";
import {
  DEFAULT_MAX_EVENT_SIZE,
  type SseEvent,
  SseEventTooLargeError,
  SseParser,
  type SseSink,
} from "./sse.js";

const DONE_EVENT: SseEvent = { data: "[DONE]" };

/** Something whose download can be stopped: the body a try streams. */
export interface BodyHandle {
  /** Cancels the body (the connection closes); a pending read rejects. */
  release(): void;
}

/** The try a stream belongs to: its per-event timer, its secrets and how it names a failure. */
export interface StreamTry {
  /** Secrets to redact from in-band errors. */
  readonly secrets: readonly string[];
  /** Restarts the per-event timer. */
  touch(): void;
  /** True once the timer fired. */
  readonly timedOut: boolean;
  /** ABORTED, CLIENT_TIMEOUT, or the classified `thrown`. */
  failure(thrown: unknown): VeniceError;
  /** Ends the try as failed by an in-band error (a lock-out can arrive inside a stream). */
  end(error: VeniceError): void;
  /** What the try cancels when the timer fires. */
  bindBody(body: BodyHandle): void;
}

/** One event of a stream, raw (for forwarding) and parsed. */
export type StreamItem =
  | { kind: "data"; event: SseEvent | undefined; value: unknown }
  | { kind: "done"; event: SseEvent };

const FAILURE_EVENTS = new Set(["error", "response.failed"]);

/**
 * The in-band error a parsed event carries (an `error` field as object or string, `event: error`,
 * `event: response.failed` / `type: "response.failed"`), classified by core with the stream's
 * status 200; `undefined` for an ordinary event.
 */
function inBandError(
  value: unknown,
  name: string | undefined,
  headers: Headers,
  secrets: readonly string[],
  now: number,
): VeniceError | undefined {
  const named = name !== undefined && FAILURE_EVENTS.has(name);
  if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    const failed = record.type === "response.failed";
    const hasError = record.error !== undefined && record.error !== null;
    if (named || failed || hasError) {
      const body = hasError || failed ? record : { error: record };
      return errorFromAnswer(200, headers, body, secrets, now);
    }
  } else if (named) {
    return errorFromAnswer(200, headers, { error: value }, secrets, now);
  }
  return undefined;
}

/** The fields an in-band error object has (a cheap test: every chunk passes it). */
function mayFail(value: object): boolean {
  const record = value as { error?: unknown; type?: unknown };
  return (record.error !== undefined && record.error !== null) || record.type === "response.failed";
}

function notJson(cause: unknown): VeniceError {
  return clientError(
    "INVALID_RESPONSE",
    "The Venice API sent a stream event that is not JSON",
    cause,
  );
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
  /** Keep each event's raw text too (`next()`'s `event`), for a reader that forwards them. */
  keepRaw?: boolean | undefined;
}

/** Rejections nobody needs to hear of (cancelling a body that already ended). */
function ignore(): void {}

/** How long a body may take to end after `[DONE]`: between one and two of these. */
const DRAIN_MS = 1000;
/** Bodies being drained since the last sweep, and those already there at the last sweep. */
let draining = new Set<EventStreamReader>();
let overdue = new Set<EventStreamReader>();
let sweeper: ReturnType<typeof setTimeout> | undefined;

function watchDrain(reader: EventStreamReader): void {
  draining.add(reader);
  if (sweeper === undefined) armSweeper();
}

function unwatchDrain(reader: EventStreamReader): void {
  draining.delete(reader);
  overdue.delete(reader);
}

function armSweeper(): void {
  sweeper = setTimeout(sweepDrains, DRAIN_MS);
  (sweeper as { unref?: () => void }).unref?.();
}

/** Cancels the bodies that were already draining at the last sweep; runs while any drain. */
function sweepDrains(): void {
  sweeper = undefined;
  const late = overdue;
  overdue = draining;
  draining = late;
  for (const reader of late) reader.drainTimedOut();
  late.clear();
  if (overdue.size > 0) armSweeper();
}

/**
 * The one reader of Venice event streams, for the chat stream, the Responses stream and
 * `createVeniceFetch`'s forwarding: reads the body, restarts the try's per-event timer as events
 * are handed out, parses them, and turns in-band errors, cuts, timeouts and oversized events into
 * a thrown `VeniceError`. `next()` resolves `undefined` only at a clean end (or after `cancel()`).
 *
 * The hot path is per chunk, not per event: each chunk read from the body is decoded once, split
 * by the SSE parser straight into this reader (`onEvent`, no event objects), and every event's
 * JSON is parsed then, inside one `try` for the whole chunk. The parsed values wait in one array
 * that is reused from chunk to chunk; `ready`/`take()` hand them out without a promise, so a
 * consumer pays an `await` only when the reader must wait for the network.
 */
export class EventStreamReader implements SseSink, BodyHandle {
  readonly headers: Headers;
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly #decoder = new TextDecoder();
  readonly #parser: SseParser;
  readonly #try: StreamTry;
  readonly #now: () => number;
  /** Parsed values of the events read so far; `#index` is the next one to hand out. */
  readonly #values: unknown[] = [];
  /** The raw events, kept only for a reader that forwards them (`keepRaw`). */
  readonly #raw: SseEvent[] | undefined;
  #count = 0;
  #index = 0;
  /**
   * Where the queue stops: `#count`, or the position of the `[DONE]` or the failure (in-band
   * error, data that is not JSON) after which nothing more is read.
   */
  #stopAt = -1;
  /** `[DONE]` (`"done"`) or the failure waiting at `#stopAt`. */
  #stop: VeniceError | "done" | undefined;
  #ended = false;
  #named = false;
  #cancelled = false;
  /** The body did not end in time after `[DONE]`. */
  #late = false;
  readonly #maxEventBytes: number;

  constructor(
    body: ReadableStream<Uint8Array>,
    headers: Headers,
    streamTry: StreamTry,
    now: () => number,
    options: EventStreamOptions = {},
  ) {
    this.#reader = body.getReader();
    this.headers = headers;
    this.#try = streamTry;
    this.#now = now;
    this.#maxEventBytes = options.maxEventBytes ?? DEFAULT_MAX_EVENT_SIZE;
    this.#parser = new SseParser({ maxEventSize: this.#maxEventBytes });
    this.#raw = options.keepRaw ? [] : undefined;
    streamTry.bindBody(this);
  }

  /** True when `take()` has a data event to hand out at once (no read, no promise). */
  get ready(): boolean {
    return this.#index < this.#count && this.#index !== this.#stopAt;
  }

  /**
   * The next data event's parsed value; only when `ready`. The per-event timer restarts when the
   * last event of a chunk is handed out (the reader is about to wait for the network again).
   */
  take(): unknown {
    const index = this.#index++;
    const values = this.#values;
    const value = values[index];
    values[index] = undefined;
    if (this.#index === this.#count) this.#try.touch();
    return value;
  }

  /**
   * Waits until an event can be handed out: `"data"` (`take()` it), `"done"` (`[DONE]`), or
   * `undefined` when the stream ended cleanly or was cancelled. Throws a `VeniceError`: the
   * in-band error, STREAM_INTERRUPTED for a cut, ABORTED, CLIENT_TIMEOUT, or INVALID_RESPONSE (not
   * JSON, or an event over `maxEventBytes`).
   */
  async wait(): Promise<"data" | "done" | undefined> {
    while (!this.ready) {
      if (this.#index === this.#stopAt) return this.#stopped();
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
      this.#queue(chunk);
    }
    return "data";
  }

  /** The value `take()` would hand out next, left in place; only when `ready`. */
  peek(): unknown {
    return this.#values[this.#index];
  }

  /**
   * The next event (`data` or `done`), or `undefined` when the stream ended cleanly or was
   * cancelled. Throws as `wait()` does.
   */
  async next(): Promise<StreamItem | undefined> {
    return (await this.wait()) === undefined ? undefined : this.shift();
  }

  /** The event `wait()` found, taken (`event` is set when the reader keeps raw events). */
  shift(): StreamItem {
    const event = this.#raw?.[this.#index];
    if (!this.ready) return { kind: "done", event: event ?? DONE_EVENT };
    return { kind: "data", event, value: this.take() };
  }

  /** The queue reached `[DONE]` (resolves "done" every time) or a failure (thrown once). */
  #stopped(): "done" {
    const stop = this.#stop;
    this.#try.touch();
    if (stop === "done") return stop;
    // Reported when the consumer reaches it: the events before it were handed out first.
    this.#stopAt = -2;
    this.#cancelled = true;
    this.#release();
    if (stop !== undefined) {
      this.#try.end(stop);
      throw stop;
    }
    throw clientError("STREAM_INTERRUPTED", "The Venice stream failed");
  }

  /** @internal The parser completed an event: parse it and queue it. */
  onEvent(data: string, name: string | undefined): void {
    if (this.#stopAt !== -1) return; // after [DONE] or a failure, nothing more counts
    if (name !== undefined) this.#named = true;
    const raw = this.#raw;
    if (raw !== undefined) raw[this.#count] = name === undefined ? { data } : { event: name, data };
    if (data === "[DONE]") {
      this.#stopAt = this.#count;
      this.#stop = "done";
      return;
    }
    // Not in a try: a chunk's events are parsed inside one (`#read`), which queues the failure.
    const value: unknown = JSON.parse(data);
    // Only a named event or an object with `error` or `type: "response.failed"` can be one.
    if (name !== undefined || (typeof value === "object" && value !== null && mayFail(value))) {
      const error = inBandError(value, name, this.headers, this.#try.secrets, this.#now());
      if (error !== undefined) {
        this.#stopAt = this.#count;
        this.#stop = error;
        return;
      }
    }
    this.#values[this.#count++] = value;
  }

  /** Queues the events of one chunk of the body (their JSON parsed within one `try`). */
  #queue(chunk: ReadableStreamReadResult<Uint8Array>): void {
    // The queue was handed out in full: start it over (the array keeps its room).
    this.#index = 0;
    this.#count = 0;
    if (this.#raw !== undefined) this.#raw.length = 0;
    let text: string;
    if (chunk.done) {
      this.#ended = true;
      text = this.#decoder.decode();
    } else text = this.#decoder.decode(chunk.value, { stream: true });
    try {
      this.#parser.feed(text, this);
    } catch (thrown) {
      if (thrown instanceof SseEventTooLargeError) throw this.#tooLarge();
      if (!(thrown instanceof SyntaxError)) {
        this.#release();
        throw thrown;
      }
      // An event that is not JSON: the events before it are handed out, then the stream fails.
      this.#stopAt = this.#count;
      this.#stop = notJson(thrown);
    }
  }

  /**
   * After `[DONE]`: reads what is left of the body (normally only its end) so the connection goes
   * back to the pool, instead of cancelling a finished download (an abort, a DOMException and
   * undici's teardown on every stream). A body that does not end within a few reads and 1-2 s
   * (one timer shared by every draining stream: no timer per stream) is cancelled, and `owner`
   * (the try) too, which ends it as failed. Never rejects.
   */
  async drain(owner: { cancel(): void }): Promise<void> {
    let clean = this.#ended && !this.#cancelled;
    if (!this.#ended && !this.#cancelled) {
      watchDrain(this);
      try {
        for (let reads = 0; reads < 4; reads++) {
          if ((await this.#reader.read()).done) {
            this.#ended = true;
            clean = !this.#late;
            break;
          }
        }
      } catch {
        clean = false;
      } finally {
        unwatchDrain(this);
      }
    }
    if (!clean) owner.cancel();
  }

  /** @internal The body did not end in time after `[DONE]`: cancel it. */
  drainTimedOut(): void {
    this.#late = true;
    this.#release();
  }

  /** Stops reading and releases the connection; a pending or later `next()` ends quietly. */
  cancel(): void {
    this.#cancelled = true;
    this.#release();
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

  /** @internal Cancels the body (the try's timer, `cancel()`, a failure); the connection closes. */
  release(): void {
    this.#release();
  }

  #release(): void {
    this.#reader.cancel().catch(ignore);
  }
}
