import type { VeniceErrorCode } from "@venice-errors/core";
import { createErrorBody, type ErrorBodyOptions, requireHttpCode } from "./bodies.js";
import { type HeaderRecord, rateLimitHeaders, veniceBaseHeaders } from "./headers.js";
import { type IdOptions, resolveIds } from "./ids.js";
import { chatCompletionChunk, DEFAULT_FAKE_MODEL, splitIntoChunks } from "./success.js";

/** The terminator every Venice stream ends with, also after an in-band error. */
export const SSE_DONE = "data: [DONE]\n\n";

/** One SSE `data:` event. */
export function sseEvent(data: unknown): string {
  return `data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`;
}

/**
 * The in-band error event of a stream (status stays 200), e.g. for `MODEL_OVERLOADED`:
 * `{"error":{"message":"The model is currently overloaded…","type":"server_error","code":"model_overloaded","retry_after":30}}`.
 */
export function createStreamErrorEvent(
  code: VeniceErrorCode,
  options: Omit<ErrorBodyOptions, "shape"> = {},
) {
  requireHttpCode(code, "createStreamErrorEvent");
  return createErrorBody(code, { ...options, shape: "stream-event" });
}

/** Options for `createSseEvents` / `createSseResponse`. */
export interface SseStreamOptions extends IdOptions {
  /** The text chunks to send, or how many (taken from a fixed reply). Default: a short reply. */
  chunks?: readonly string[] | number;
  /** End with an in-band error after the chunks: a code, or the raw event object to send. */
  error?: VeniceErrorCode | Record<string, unknown>;
  model?: string;
  /** Completion id (default: from the seeded ids). */
  id?: string;
  /** Clock in epoch ms (default `Date.now`). */
  now?: () => number;
  /** Send `data: [DONE]` at the end (default true, also after an error). */
  done?: boolean;
}

const FILLER = splitIntoChunks(
  "The quick brown fox jumps over the lazy dog while the fake Venice model keeps on talking",
);

/** Resolves the `chunks` option to the text pieces. */
export function resolveChunks(chunks: readonly string[] | number | undefined): string[] {
  if (chunks === undefined) return splitIntoChunks("Hello from the fake Venice API.");
  if (typeof chunks !== "number") return [...chunks];
  return Array.from({ length: chunks }, (_, i) => FILLER[i % FILLER.length] as string);
}

/**
 * The SSE events of a streamed chat completion: a `chat.completion.chunk` per text chunk, then
 * either a final `finish_reason: "stop"` chunk or the in-band error, then `data: [DONE]`.
 */
export function createSseEvents(options: SseStreamOptions = {}): string[] {
  const ids = resolveIds(options, "stream");
  const id = options.id ?? ids.completionId();
  const created = Math.floor((options.now ?? Date.now)() / 1000);
  const model = options.model ?? DEFAULT_FAKE_MODEL;
  const events = resolveChunks(options.chunks).map((content, i) =>
    sseEvent(chatCompletionChunk({ id, model, created, content, first: i === 0 })),
  );
  if (options.error === undefined) {
    events.push(sseEvent(chatCompletionChunk({ id, model, created, finishReason: "stop" })));
  } else {
    events.push(
      sseEvent(
        typeof options.error === "string" ? createStreamErrorEvent(options.error) : options.error,
      ),
    );
  }
  if (options.done !== false) events.push(SSE_DONE);
  return events;
}

/** Headers of a Venice SSE answer. */
export function sseHeaders(options: IdOptions & { now?: number } = {}): HeaderRecord {
  const ids = resolveIds(options, "stream-headers");
  const now = options.now ?? Date.now();
  return {
    ...veniceBaseHeaders({ ids, now, requestId: true, contentType: "text/event-stream" }),
    "cache-control": "no-cache",
    ...rateLimitHeaders({ now }),
  };
}

/** Options for `createSseResponse`. */
export interface SseResponseOptions extends SseStreamOptions {
  /** Error the body stream after this many events (a cut connection: the client sees STREAM_INTERRUPTED). */
  cutAfter?: number;
  headers?: Record<string, string>;
}

/**
 * A real streaming `Response` (status 200, `text/event-stream`) of chunks followed by an optional
 * in-band error; with `cutAfter` the body errors mid-way like a dropped connection.
 */
export function createSseResponse(options: SseResponseOptions = {}): Response {
  const events = createSseEvents(options);
  const cut = options.cutAfter;
  const encoder = new TextEncoder();
  let index = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (cut !== undefined && index >= cut) {
        controller.error(new TypeError("terminated: other side closed"));
        return;
      }
      const event = events[index++];
      if (event === undefined) controller.close();
      else controller.enqueue(encoder.encode(event));
    },
  });
  const now = (options.now ?? Date.now)();
  return new Response(body, {
    status: 200,
    headers: { ...sseHeaders({ ...options, now }), ...options.headers },
  });
}
