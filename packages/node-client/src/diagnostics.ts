import {
  type Channel,
  channel,
  type TracingChannel,
  tracingChannel,
} from "node:diagnostics_channel";
import type { VeniceError, VeniceErrorCode } from "@venice-errors/core";
import { generationOf } from "./generation.js";
import { operationNameOf } from "./operation-name.js";

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
   * `generate_content` (image, speech, transcription, audio and video jobs); else the path below
   * `/api/v1` (`models`, `video/retrieve`, `characters/{slug}`).
   */
  readonly operationName: string;
  /** The body's `model` (a JSON or multipart body), when it names one. */
  readonly model: string | undefined;
  /** True when the body asked for a stream (`stream: true`). */
  readonly stream: boolean;
  /**
   * The request body as sent, when it is JSON (parsed for `createVeniceFetch`); `undefined` for
   * multipart and binary bodies. It holds the prompts: record it only where the user opted in.
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
   * The answer of a request that was not streamed, as the client returns it (on `asyncStart`): the
   * parsed JSON for JSON answers (it holds the completion: record it only where the user opted
   * in), a `VeniceBinary` for media.
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
  /** How long the client waited before this try (the previous try's retry delay), in ms. */
  readonly waitedMs: number;
  /**
   * How long the coordinator held this try before it was sent, in ms: a cooldown or rate-limit
   * reset that another request (or, with `@venice-errors/redis`, another process) ran into.
   */
  readonly coordinatorWaitMs: number;
  /**
   * HTTP status of the answer; 0 when there was none (connection error, or a timeout before the
   * headers); 200 for an in-band stream error.
   */
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

const decoder = new TextDecoder();

const OPEN_BRACE = 0x7b;

/** The first byte that is not white space is `{`: bytes worth decoding as JSON (not an upload). */
function startsLikeJson(bytes: Uint8Array): boolean {
  for (const byte of bytes) {
    if (byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d) continue;
    return byte === OPEN_BRACE;
  }
  return false;
}

function bytesOf(body: ArrayBuffer | ArrayBufferView): Uint8Array {
  return body instanceof ArrayBuffer
    ? new Uint8Array(body)
    : new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
}

/**
 * A JSON body as an object: as given, or parsed from JSON text or bytes; `undefined` for bodies
 * that are not JSON (multipart, uploads, streams).
 */
function bodyObject(body: unknown): unknown {
  let text: string;
  if (typeof body === "string") text = body;
  else if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) {
    const bytes = bytesOf(body);
    if (!startsLikeJson(bytes)) return undefined;
    text = decoder.decode(bytes);
  } else if (
    typeof body !== "object" ||
    body === null ||
    body instanceof ReadableStream ||
    body instanceof Blob ||
    body instanceof FormData ||
    body instanceof URLSearchParams
  ) {
    return undefined;
  } else return body;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The `model` a request names: in its JSON, else as a multipart field (transcriptions, edits). */
function modelOfBody(object: unknown, body: unknown): string | undefined {
  const model =
    field(object, "model") ?? (body instanceof FormData ? body.get("model") : undefined);
  return typeof model === "string" ? model : undefined;
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

/** What `describeRequest` reads of a planned request (`RequestPlan`). */
export interface PlannedRequest {
  readonly method: string;
  /** The path without query. */
  readonly path: string;
  readonly generation?: boolean | undefined;
}

/**
 * The message of a request about to start, or `undefined` when no channel has a subscriber (then
 * nothing else is built for this request, and every other function here returns at once).
 * `body` is the body as the caller gave it (an object, JSON text or bytes, `FormData`, an
 * upload); `stream` overrides the body's `stream` flag when the caller knows better.
 */
export function describeRequest(
  url: string,
  plan: PlannedRequest,
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
  const https = parsed.protocol === "https:";
  return {
    method: plan.method,
    path: parsed.pathname,
    serverAddress: parsed.hostname,
    serverPort: parsed.port === "" ? (https ? 443 : 80) : Number(parsed.port),
    operationName: operationNameOf(parsed.pathname, generationOf(plan)),
    model: modelOfBody(object, body),
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

/** Notes an answer (`result`, and the model and usage it names); returns it unchanged. */
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

/** What `publishTry` reads of a try. */
export interface TriedAttempt {
  readonly number: number;
  readonly waitedMs: number;
  /** The HTTP answer, once its headers arrived. */
  readonly answer: { readonly status: number } | undefined;
}

/**
 * After a try: its outcome, the wait the coordinator imposed before it, and the wait before the
 * next one (`null`: none follows).
 */
export function publishTry(
  trace: VeniceRequestMessage | undefined,
  attempt: TriedAttempt,
  error: VeniceError | undefined,
  delayMs: number | null,
  coordinatorWaitMs: number,
): void {
  if (trace === undefined) return;
  trace.tries = attempt.number;
  // The HTTP status is the answer's (a 200 whose body timed out stays 200), else the error's.
  trace.status = attempt.answer?.status ?? error?.status ?? 0;
  if (!tryChannel.hasSubscribers) return;
  const message: VeniceTryMessage = {
    request: trace,
    attempt: attempt.number,
    waitedMs: attempt.waitedMs,
    coordinatorWaitMs,
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
