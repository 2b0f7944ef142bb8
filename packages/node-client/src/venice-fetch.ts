import { isVeniceError, type VeniceAttempt, type VeniceError } from "@venice-errors/core";
import type { Attempt } from "./attempt.js";
import {
  describeRequest,
  noteAnswerBytes,
  noteChunk,
  noteResponse,
  publishStreamClosed,
  publishStreamEnd,
  publishStreamError,
  publishStreamFirst,
  traceRequest,
} from "./diagnostics.js";
import { clientError } from "./errors.js";
import { encodeEvent, parseEvent } from "./event-reader.js";
import type { VeniceTransportOptions } from "./options.js";
import { attemptRecord, type RequestPlan, Transport } from "./retry.js";
import { interruption, type OpenedStream, openStream } from "./stream.js";

/** Options of `createVeniceFetch`. */
export interface VeniceFetchOptions extends VeniceTransportOptions {
  /**
   * The key the SDK sends, redacted from every error. The bearer token of each request is
   * redacted as well, so this is optional; when set and a request has no Authorization header,
   * it is added.
   */
  apiKey?: string;
}

/** A `fetch` with Venice's retries, failure budget and errors. */
export type VeniceFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

const encoder = new TextEncoder();

function bearerToken(headers: Headers): string | undefined {
  const value = headers.get("authorization");
  const match = value ? /^Bearer\s+(.+)$/i.exec(value) : null;
  return match?.[1];
}

/** `fetch` already decoded the body: drop the encoding headers that described the wire bytes. */
function decodedHeaders(headers: Headers): Headers {
  if (!headers.has("content-encoding")) return headers;
  const copy = new Headers(headers);
  copy.delete("content-encoding");
  copy.delete("content-length");
  return copy;
}

/**
 * The final HTTP failure as a `Response` the SDK turns into its own error (openai's `APIError`,
 * the AI SDK's `APICallError`): the real status and headers, and `{ "error": <VeniceError JSON> }`
 * as the body, which `toVeniceError` revives with code, `retryAfterMs` and `attempts` intact.
 */
function failureResponse(error: VeniceError): Response {
  const headers = new Headers(error.headers);
  headers.delete("content-length");
  headers.delete("content-encoding");
  headers.delete("transfer-encoding");
  headers.set("content-type", "application/json");
  return new Response(JSON.stringify({ error: error.toJSON() }), { status: error.status, headers });
}

/** Hands a stream on as SSE text, turning in-band errors and cuts into a `VeniceError` the SDK throws. */
function forwardStream(
  opened: OpenedStream,
  transport: Transport,
  plan: RequestPlan,
  history: readonly VeniceAttempt[],
): Response {
  const { reader, attempt, response, first, firstParsed } = opened;
  const trace = plan.trace; // diagnostics: undefined without subscribers
  const fail = (error: VeniceError) =>
    publishStreamError(
      trace,
      transport.fail(error, plan, [...history, attemptRecord(attempt, error)]),
    );
  let finished = firstParsed.kind === "done";
  if (firstParsed.kind === "data") noteChunk(trace, firstParsed.value); // diagnostics
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(encodeEvent(first)));
      if (finished) {
        publishStreamEnd(trace); // diagnostics
        controller.close();
        attempt.cancel();
      }
    },
    async pull(controller) {
      try {
        for (;;) {
          let event: Awaited<ReturnType<typeof reader.next>>;
          try {
            event = await reader.next();
          } catch (thrown) {
            throw fail(interruption(attempt, thrown, transport.secrets));
          }
          if (event === undefined) {
            if (attempt.timedOut) throw fail(interruption(attempt, undefined, transport.secrets));
            const early = reader.endedEarly;
            if (early !== undefined) throw fail(clientError("STREAM_INTERRUPTED", early));
            publishStreamEnd(trace); // diagnostics
            controller.close();
            attempt.release();
            return;
          }
          attempt.touch();
          const parsed = parseEvent(event, response.headers, transport.secrets, transport.now());
          if (parsed.kind === "error") {
            transport.noteStreamError(parsed.error);
            throw fail(parsed.error);
          }
          if (parsed.kind === "data") noteChunk(trace, parsed.value); // diagnostics
          controller.enqueue(encoder.encode(encodeEvent(event)));
          if (parsed.kind === "done") {
            publishStreamEnd(trace); // diagnostics
            finished = true;
            controller.close();
            attempt.release();
            reader.cancel();
          }
          return;
        }
      } catch (error) {
        attempt.cancel();
        controller.error(error);
      }
    },
    cancel() {
      publishStreamClosed(trace); // diagnostics: the SDK stopped reading
      reader.cancel();
      attempt.cancel();
    },
  });
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

/**
 * A `fetch` for the `openai` package (`new OpenAI({ fetch, maxRetries: 0 })`) or the Vercel AI
 * SDK (`createOpenAICompatible({ fetch })` with `maxRetries: 0`): requests get this package's
 * retries, timeout, failure budget and redaction. A final HTTP failure comes back as a `Response`
 * (so the SDK raises its usual error, which `toVeniceError` understands, `attempts` included); a
 * failure without an HTTP answer rejects with the `VeniceError`; a caller abort rejects with the
 * signal's reason, as `fetch` does.
 */
export function createVeniceFetch(options: VeniceFetchOptions = {}): VeniceFetch {
  // One transport (one failure budget); the bearer token of each request joins the secrets.
  const secrets: string[] = options.apiKey ? [options.apiKey] : [];
  const transport = new Transport(options, secrets);

  return async function veniceFetch(input, init = {}) {
    const request = input instanceof Request ? new Request(input, init) : undefined;
    const url = request ? request.url : String(input);
    const headers = new Headers(request ? request.headers : init.headers);
    if (options.apiKey && !headers.has("authorization")) {
      headers.set("authorization", `Bearer ${options.apiKey}`);
    }
    const token = bearerToken(headers);
    if (token && !secrets.includes(token) && secrets.length < 16) secrets.push(token);
    const method = (request?.method ?? init.method ?? "GET").toUpperCase();
    const body = request ? await request.arrayBuffer() : init.body;
    const replayable = body === undefined || body === null || !(body instanceof ReadableStream);
    const signal = request?.signal ?? init.signal ?? undefined;
    const plan: RequestPlan = { method, path: url, signal };
    plan.trace = describeRequest(method, url, body); // diagnostics: undefined without subscribers
    if (!replayable) plan.maxRetries = 0;
    const fetchInit: RequestInit = { ...init, method, headers };
    if (body !== undefined && body !== null) fetchInit.body = body as BodyInit;
    if (!replayable) (fetchInit as RequestInit & { duplex: string }).duplex = "half";

    try {
      // diagnostics: traceRequest wraps the tries in the request's TracingChannel
      return await traceRequest(plan.trace, () =>
        transport.run(plan, async (attempt: Attempt, history) => {
          const response = await transport.send(attempt, url, { ...fetchInit });
          noteResponse(plan.trace, response); // diagnostics
          const type = response.headers.get("content-type") ?? "";
          if (type.includes("text/event-stream")) {
            const opened = await openStream(transport, attempt, response);
            publishStreamFirst(plan.trace); // diagnostics
            return forwardStream(opened, transport, plan, history.slice());
          }
          // Read the whole body inside the try, so the timeout and retries cover it.
          const bytes = await response.arrayBuffer();
          noteAnswerBytes(plan.trace, bytes); // diagnostics: model, usage (parsed only if traced)
          return new Response(bytes, {
            status: response.status,
            statusText: response.statusText,
            headers: decodedHeaders(response.headers),
          });
        }),
      );
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (isVeniceError(error) && error.status >= 400) return failureResponse(error);
      throw error;
    }
  };
}
