import {
  isVeniceError,
  toVeniceError,
  type VeniceAttempt,
  type VeniceError,
} from "@venice-errors/core";
import type { Attempt } from "./attempt.js";
import {
  describeRequest,
  noteAnswerBytes,
  noteChunk,
  publishStreamClosed,
  publishStreamEnd,
  publishStreamError,
  traceRequest,
} from "./diagnostics.js";
import { scrubCause } from "./errors.js";
import { encodeEvent, type StreamItem } from "./event-reader.js";
import type { VeniceTransportOptions } from "./options.js";
import { headerSecrets, modelOf, pathOf, querySecrets, rawHeaderSecrets } from "./request-meta.js";
import type { SseEvent } from "./sse.js";
import { type OpenedStream, openStream } from "./stream.js";
import { attemptRecord, type RequestPlan, Transport } from "./transport.js";

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
  const { reader, attempt, response } = opened;
  const trace = plan.trace; // diagnostics: undefined without subscribers
  const finish = (error?: VeniceError) => {
    attempt.end(error);
    reader.cancel();
    attempt.cancel();
  };
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const first = reader.shift(); // openStream found it: a data event or [DONE]
      controller.enqueue(encoder.encode(encodeEvent(first.event as SseEvent)));
      if (first.kind === "done") {
        publishStreamEnd(trace); // diagnostics
        controller.close();
        finish();
      }
    },
    async pull(controller) {
      let item: StreamItem | undefined;
      try {
        item = await reader.next();
      } catch (thrown) {
        const error = thrown as VeniceError;
        finish(error);
        const failure = transport.fail(error, plan, [...history, attemptRecord(attempt, error)]);
        controller.error(publishStreamError(trace, failure)); // diagnostics
        return;
      }
      if (item?.kind === "data") noteChunk(trace, item.value); // diagnostics: model, usage
      if (item !== undefined) {
        controller.enqueue(encoder.encode(encodeEvent(item.event as SseEvent)));
      }
      if (item === undefined || item.kind === "done") {
        publishStreamEnd(trace); // diagnostics
        controller.close();
        finish();
      }
    },
    cancel() {
      publishStreamClosed(trace); // diagnostics: the SDK stopped reading
      finish();
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
  // One transport (one coordinator). Each request redacts its own credentials: every tenant's key
  // is kept out of its errors, however many tenants share this fetch.
  const baseSecrets: readonly string[] = options.apiKey ? [options.apiKey] : [];
  const transport = new Transport(options, baseSecrets, options.apiKey);

  return async function veniceFetch(input, init = {}) {
    let request: Request | undefined;
    let headers: Headers;
    try {
      request = input instanceof Request ? new Request(input, init) : undefined;
      headers = new Headers(request ? request.headers : init.headers);
    } catch (thrown) {
      // undici names the bad value: `Headers.append: "Bearer sk-…" is an invalid header value`.
      const secrets = [...baseSecrets, ...rawHeaderSecrets(init.headers)];
      throw scrubCause(toVeniceError(thrown, { secrets }), secrets);
    }
    const url = request ? request.url : String(input);
    if (options.apiKey && !headers.has("authorization")) {
      headers.set("authorization", `Bearer ${options.apiKey}`);
    }
    const found = headerSecrets(headers);
    const inQuery = url.includes("?") ? querySecrets(url) : [];
    if (inQuery.length > 0) found.push(...inQuery);
    const secrets =
      found.length === 0 || (found.length === 1 && found[0] === options.apiKey)
        ? baseSecrets
        : [...baseSecrets, ...found];
    const method = (request?.method ?? init.method ?? "GET").toUpperCase();
    const body = request ? await request.arrayBuffer() : init.body;
    const replayable = body === undefined || body === null || !(body instanceof ReadableStream);
    const signal = request?.signal ?? init.signal ?? undefined;
    const plan: RequestPlan = {
      method,
      path: pathOf(url),
      signal,
      secrets,
      model: modelOf(body),
      apiKey: found[0] ?? options.apiKey,
    };
    if (!replayable) plan.maxRetries = 0;
    plan.trace = describeRequest(url, plan, body); // diagnostics: undefined unless subscribed
    const fetchInit: RequestInit = { ...init, method, headers };
    if (body !== undefined && body !== null) fetchInit.body = body as BodyInit;
    if (!replayable) (fetchInit as RequestInit & { duplex: string }).duplex = "half";

    try {
      // diagnostics: traceRequest runs the tries inside the request's TracingChannel
      return await traceRequest(plan.trace, () =>
        transport.run(plan, async (attempt: Attempt, history) => {
          const response = await transport.send(attempt, url, { ...fetchInit });
          const type = response.headers.get("content-type") ?? "";
          if (type.includes("text/event-stream")) {
            const opened = await openStream(transport, attempt, response, plan.trace, true);
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
