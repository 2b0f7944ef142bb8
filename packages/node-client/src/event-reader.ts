import type { VeniceError } from "@venice-errors/core";
import { clientError, errorFromAnswer } from "./errors.js";
import { type SseEvent, SseParser } from "./sse.js";

/** Pulls SSE events from a response body, one at a time. */
export class EventReader {
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly #decoder = new TextDecoder();
  readonly #parser = new SseParser();
  #queue: SseEvent[] = [];
  #index = 0;
  #ended = false;
  #named = false;

  constructor(body: ReadableStream<Uint8Array>) {
    this.#reader = body.getReader();
  }

  /** The next event, or `undefined` when the body ended. Rejects when the transport fails. */
  async next(): Promise<SseEvent | undefined> {
    while (this.#index >= this.#queue.length) {
      if (this.#ended) return undefined;
      const { done, value } = await this.#reader.read();
      let text: string;
      if (done) {
        this.#ended = true;
        text = this.#decoder.decode();
      } else {
        text = this.#decoder.decode(value, { stream: true });
      }
      this.#queue = this.#parser.push(text);
      this.#index = 0;
    }
    const event = this.#queue[this.#index++];
    if (event?.event !== undefined) this.#named = true;
    return event;
  }

  /**
   * Why a body that ended before `[DONE]` counts as cut, or `undefined` when it ended cleanly: in
   * the middle of an event it was cut; chat-completion streams always end with `[DONE]`, while
   * streams of named events (`/responses`) end with their own final event instead.
   */
  get endedEarly(): string | undefined {
    if (this.#parser.pending) return "The Venice stream ended in the middle of an event";
    return this.#named ? undefined : "The Venice stream ended without [DONE]";
  }

  /** Stops reading and releases the connection; never throws. */
  cancel(): void {
    this.#reader.cancel().catch(() => undefined);
  }
}

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
