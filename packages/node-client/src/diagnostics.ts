import {
  type Channel,
  channel,
  type TracingChannel,
  tracingChannel,
} from "node:diagnostics_channel";
import type { VeniceError, VeniceErrorCode } from "@venice-errors/core";

// The client's lifecycle on Node's `diagnostics_channel`, in undici's discipline: named channels,
// one payload per event, and nothing built or published unless someone subscribes. The transport
// calls the functions below with `trace` = the request's message, which is `undefined` whenever
// nobody listened when the request started: then every call returns at its first line.

/** The channel names node-client publishes on: public API, stable across versions. */
export const VENICE_DIAGNOSTICS_CHANNELS = {
  /**
   * A TracingChannel per request, around all its tries: `tracing:venice-errors:request:start`,
   * `:end`, `:asyncStart`, `:asyncEnd`, `:error`, each with the request's `VeniceRequestMessage`.
   */
  request: "venice-errors:request",
  /** After every try: `VeniceTryMessage`. */
  try: "venice-errors:request:try",
  /** A stream's first event arrived (it can no longer be retried): `VeniceStreamMessage`. */
  streamFirst: "venice-errors:stream:first",
  /** A stream ended, or the caller stopped reading it: `VeniceStreamEndMessage`. */
  streamEnd: "venice-errors:stream:end",
  /** A stream that had started failed (in-band error event, cut, timeout): `VeniceStreamErrorMessage`. */
  streamError: "venice-errors:stream:error",
} as const;

/** Input and output token counts of an answer, as the API reported them. */
export interface VeniceTokenUsage {
  inputTokens?: number;
  outputTokens?: number;
}

/**
 * The context of one request: the same object in every event of that request (subscribers can
 * key a `WeakMap` on it). Never holds the API key, request headers or the URL's query.
 */
export interface VeniceRequestMessage {
  readonly method: string;
  /** URL path without the query (`/api/v1/chat/completions`). */
  readonly path: string;
  /** Host name of the API (`api.venice.ai`). */
  readonly serverAddress: string;
  readonly serverPort: number;
  /**
   * GenAI operation name: `chat` (chat completions, responses), `text_completion`, `embeddings`,
   * `generate_content` (image, audio, video); else the path below `/api/v1` (`models`).
   */
  readonly operationName: string;
  /** The body's `model`, when it names one. */
  readonly model: string | undefined;
  /** True when the body asked for a stream (`stream: true`). */
  readonly stream: boolean;
  /**
   * The request body as sent (parsed from JSON for `createVeniceFetch`): it holds the prompts.
   * Record it only where the user opted in to recording prompts.
   */
  readonly body: unknown;
  /** Tries so far (1 during the first). */
  tries: number;
  /** HTTP status of the last answer; 0 when there was none (connection error, timeout, abort). */
  status: number;
  /** The answer's `model` (a stream's chunks carry it too). */
  responseModel: string | undefined;
  /** Token usage, when the answer (or a stream's last chunk) reported it. */
  usage: VeniceTokenUsage | undefined;
  /**
   * The parsed JSON answer of a request that was not streamed (on `asyncStart`): it holds the
   * completion. Record it only where the user opted in.
   */
  result?: unknown;
  /** The final failure (on `error`), with every try in `attempts`. */
  error?: VeniceError;
}

/** Published on `venice-errors:request:try` after every try. */
export interface VeniceTryMessage {
  readonly request: VeniceRequestMessage;
  /** 1 for the first try. */
  readonly attempt: number;
  /** How long the client waited before this try, in ms. */
  readonly waitedMs: number;
  /** HTTP status of the answer; 0 when there was none; 200 for an in-band stream error. */
  readonly status: number;
  /** The try's failure; `undefined` when it succeeded. */
  readonly error: VeniceError | undefined;
  readonly code: VeniceErrorCode | undefined;
  /** The wait before the next try in ms; `null` when no try follows (success or final failure). */
  readonly delayMs: number | null;
}

/** Published on `venice-errors:stream:first`. */
export interface VeniceStreamMessage {
  readonly request: VeniceRequestMessage;
}

/** Published on `venice-errors:stream:end`. */
export interface VeniceStreamEndMessage {
  readonly request: VeniceRequestMessage;
  /** True when the stream ended by itself; false when the caller stopped reading (`break`, `abort()`). */
  readonly completed: boolean;
}

/** Published on `venice-errors:stream:error`. */
export interface VeniceStreamErrorMessage {
  readonly request: VeniceRequestMessage;
  readonly error: VeniceError;
}

const requestChannel: TracingChannel<VeniceRequestMessage> = tracingChannel(
  VENICE_DIAGNOSTICS_CHANNELS.request,
);
const tryChannel: Channel = channel(VENICE_DIAGNOSTICS_CHANNELS.try);
const streamFirstChannel: Channel = channel(VENICE_DIAGNOSTICS_CHANNELS.streamFirst);
const streamEndChannel: Channel = channel(VENICE_DIAGNOSTICS_CHANNELS.streamEnd);
const streamErrorChannel: Channel = channel(VENICE_DIAGNOSTICS_CHANNELS.streamError);

/** Streams whose end (or failure) was published, so a later `finally` does not publish again. */
const finishedStreams = new WeakSet<VeniceRequestMessage>();

/** Bun's TracingChannel has no `hasSubscribers`: ask its five channels. */
function tracingHasSubscribers(): boolean {
  const { start, end, asyncStart, asyncEnd, error } = requestChannel;
  return (
    start.hasSubscribers ||
    error.hasSubscribers ||
    asyncStart.hasSubscribers ||
    asyncEnd.hasSubscribers ||
    end.hasSubscribers
  );
}

function anySubscribers(): boolean {
  return (
    tracingHasSubscribers() ||
    tryChannel.hasSubscribers ||
    streamFirstChannel.hasSubscribers ||
    streamEndChannel.hasSubscribers ||
    streamErrorChannel.hasSubscribers
  );
}

/** Endpoint suffix -> GenAI operation name; data, so a new endpoint is one row. */
const OPERATIONS: ReadonlyArray<readonly [suffix: string, operation: string]> = [
  ["/chat/completions", "chat"],
  ["/responses", "chat"],
  ["/completions", "text_completion"],
  ["/embeddings", "embeddings"],
  ["/image/generate", "generate_content"],
  ["/images/generations", "generate_content"],
  ["/image/edit", "generate_content"],
  ["/image/upscale", "generate_content"],
  ["/audio/speech", "generate_content"],
  ["/video/queue", "generate_content"],
];

function operationOf(path: string): string {
  for (const [suffix, operation] of OPERATIONS) if (path.endsWith(suffix)) return operation;
  const relative = path.replace(/^\/api\/v1(?=\/|$)/, "").replace(/^\/+|\/+$/g, "");
  return relative || "request";
}

const decoder = new TextDecoder();

/** The body as an object: as given, or parsed from JSON text or bytes; `undefined` otherwise. */
function bodyObject(body: unknown): unknown {
  let text: string | undefined;
  if (typeof body === "string") text = body;
  else if (body instanceof ArrayBuffer) text = decoder.decode(body);
  else if (ArrayBuffer.isView(body)) text = decoder.decode(body);
  else return body instanceof ReadableStream ? undefined : body;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function field(value: unknown, name: string): unknown {
  return typeof value === "object" && value !== null
    ? (value as Record<string, unknown>)[name]
    : undefined;
}

function usageOf(value: unknown): VeniceTokenUsage | undefined {
  const usage = field(value, "usage");
  if (typeof usage !== "object" || usage === null) return undefined;
  const input = field(usage, "prompt_tokens") ?? field(usage, "input_tokens");
  const output = field(usage, "completion_tokens") ?? field(usage, "output_tokens");
  const result: VeniceTokenUsage = {};
  if (typeof input === "number") result.inputTokens = input;
  if (typeof output === "number") result.outputTokens = output;
  return result.inputTokens === undefined && result.outputTokens === undefined ? undefined : result;
}

/**
 * The message of a request about to start, or `undefined` when no channel has a subscriber (then
 * nothing else is built for this request). `body` is the object or the JSON text to be sent;
 * `stream` overrides the body's `stream` flag when the caller knows better.
 */
export function describeRequest(
  method: string,
  url: string,
  body: unknown,
  stream?: boolean,
): VeniceRequestMessage | undefined {
  if (!anySubscribers()) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const object = bodyObject(body);
  const model = field(object, "model");
  const https = parsed.protocol === "https:";
  return {
    method,
    path: parsed.pathname,
    serverAddress: parsed.hostname,
    serverPort: parsed.port === "" ? (https ? 443 : 80) : Number(parsed.port),
    operationName: operationOf(parsed.pathname),
    model: typeof model === "string" ? model : undefined,
    stream: stream ?? field(object, "stream") === true,
    body: object,
    tries: 0,
    status: 0,
    responseModel: undefined,
    usage: undefined,
  };
}

/**
 * Runs a request's retry loop inside its TracingChannel, as `tracePromise` would (`start` with
 * the stores bound, `end`, then `asyncStart`/`asyncEnd`, with `error` first on failure), except
 * that `result` is the parsed answer noted by `noteAnswer`, never a `Response` or a stream.
 */
export function traceRequest<T>(
  trace: VeniceRequestMessage | undefined,
  run: () => Promise<T>,
): Promise<T> {
  if (trace === undefined || !tracingHasSubscribers()) return run();
  const { start, end, asyncStart, asyncEnd, error } = requestChannel;
  return start.runStores(trace, () => {
    try {
      return run().then(
        (value) => {
          asyncStart.publish(trace);
          asyncEnd.publish(trace);
          return value;
        },
        (failure: unknown) => {
          trace.error = failure as VeniceError;
          error.publish(trace);
          asyncStart.publish(trace);
          asyncEnd.publish(trace);
          throw failure;
        },
      );
    } finally {
      end.publish(trace);
    }
  });
}

/** Notes the status of an answer that the transport accepted. */
export function noteResponse(trace: VeniceRequestMessage | undefined, response: Response): void {
  if (trace !== undefined) trace.status = response.status;
}

/** Notes a parsed JSON answer (its model and usage, and `result`); returns it unchanged. */
export function noteAnswer<T>(trace: VeniceRequestMessage | undefined, answer: T): T {
  if (trace === undefined) return answer;
  trace.result = answer;
  noteChunk(trace, answer);
  return answer;
}

/** Notes a JSON answer given as bytes (`createVeniceFetch` hands the bytes on unread). */
export function noteAnswerBytes(trace: VeniceRequestMessage | undefined, bytes: ArrayBuffer): void {
  if (trace !== undefined) noteAnswer(trace, bodyObject(bytes));
}

/** Notes the model and usage a stream chunk carries (the last chunk usually has the usage). */
export function noteChunk(trace: VeniceRequestMessage | undefined, chunk: unknown): void {
  if (trace === undefined) return;
  const model = field(chunk, "model") ?? field(field(chunk, "response"), "model");
  if (typeof model === "string") trace.responseModel = model;
  const usage = usageOf(chunk) ?? usageOf(field(chunk, "response"));
  if (usage !== undefined) trace.usage = usage;
}

/** After a try: its outcome and the wait before the next one (`null`: none follows). */
export function publishTry(
  trace: VeniceRequestMessage | undefined,
  attempt: { readonly number: number; readonly waitedMs: number },
  error: VeniceError | undefined,
  delayMs: number | null,
): void {
  if (trace === undefined) return;
  trace.tries = attempt.number;
  if (error !== undefined) trace.status = error.status;
  if (!tryChannel.hasSubscribers) return;
  const message: VeniceTryMessage = {
    request: trace,
    attempt: attempt.number,
    waitedMs: attempt.waitedMs,
    status: trace.status,
    error,
    code: error?.code,
    delayMs,
  };
  tryChannel.publish(message);
}

/** A stream's first event arrived. */
export function publishStreamFirst(trace: VeniceRequestMessage | undefined): void {
  if (trace === undefined || !streamFirstChannel.hasSubscribers) return;
  const message: VeniceStreamMessage = { request: trace };
  streamFirstChannel.publish(message);
}

/** A stream ended by itself (`[DONE]` or its final event). */
export function publishStreamEnd(trace: VeniceRequestMessage | undefined): void {
  finishStream(trace, true);
}

/** A stream stopped: publishes `completed: false` unless its end or failure was published. */
export function publishStreamClosed(trace: VeniceRequestMessage | undefined): void {
  finishStream(trace, false);
}

function finishStream(trace: VeniceRequestMessage | undefined, completed: boolean): void {
  if (trace === undefined || finishedStreams.has(trace)) return;
  finishedStreams.add(trace);
  if (!streamEndChannel.hasSubscribers) return;
  const message: VeniceStreamEndMessage = { request: trace, completed };
  streamEndChannel.publish(message);
}

/** A stream that had started failed; returns the error, so the caller can throw it. */
export function publishStreamError(
  trace: VeniceRequestMessage | undefined,
  error: VeniceError,
): VeniceError {
  if (trace === undefined || finishedStreams.has(trace)) return error;
  finishedStreams.add(trace);
  trace.error = error;
  if (streamErrorChannel.hasSubscribers) {
    const message: VeniceStreamErrorMessage = { request: trace, error };
    streamErrorChannel.publish(message);
  }
  return error;
}
