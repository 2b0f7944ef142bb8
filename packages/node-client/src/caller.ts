import type { VeniceAttempt } from "@venice-errors/core";
import type { Attempt } from "./attempt.js";
import { describeRequest, noteAnswer, traceRequest } from "./diagnostics.js";
import type { VeniceRequestOptions } from "./options.js";
import { modelOf, pathOf } from "./request-meta.js";
import { openStream, VeniceStream } from "./stream.js";
import { NO_HISTORY, type RequestPlan, type Transport } from "./transport.js";

/** A query parameter; arrays repeat the parameter (`?tags=a&tags=b`). */
export type QueryValue = string | number | boolean | undefined;

/** What one call sends, besides its method and path. */
export interface VeniceCallInit extends VeniceRequestOptions {
  /**
   * The body: a `FormData` goes as multipart, a `Blob`/`Uint8Array`/`ArrayBuffer` as bytes (with
   * `contentType`), anything else as JSON.
   */
  body?: unknown;
  /** Content type of a binary body (default the `Blob`'s type, else `application/octet-stream`). */
  contentType?: string;
  /** Appended to the URL. */
  query?: Record<string, QueryValue | readonly QueryValue[]> | undefined;
  /** The `Accept` header (default `application/json`). */
  accept?: string;
  /** A generation request: see `RequestPlan.generation`. */
  generation?: boolean;
}

/** Reads a successful answer; whatever it throws fails the try (a `VeniceError` as is). */
export type AnswerReader<T> = (response: Response) => Promise<T>;

/** What the client's resources need: calls, streams, the clock and the wait. */
export interface VeniceCaller {
  call<T>(method: string, path: string, init: VeniceCallInit, read: AnswerReader<T>): Promise<T>;
  stream<T>(method: string, path: string, init: VeniceCallInit): Promise<VeniceStream<T>>;
  /** The API key and other strings to keep out of errors. */
  readonly secrets: readonly string[];
  readonly now: () => number;
  /** Waits `ms`; rejects when `signal` aborts. */
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

function buildUrl(base: string, path: string, query: VeniceCallInit["query"]): string {
  let url = base + (path.startsWith("/") ? path : `/${path}`);
  if (query) {
    const search = new URLSearchParams();
    for (const [name, raw] of Object.entries(query)) {
      const values: readonly QueryValue[] = Array.isArray(raw) ? raw : [raw as QueryValue];
      for (const value of values) if (value !== undefined) search.append(name, String(value));
    }
    const text = search.toString();
    if (text) url += (url.includes("?") ? "&" : "?") + text;
  }
  return url;
}

/** The body to send and the content type it implies (`undefined`: fetch decides, as for FormData). */
function encodeBody(
  body: unknown,
  contentType: string | undefined,
): { body?: BodyInit; contentType?: string } {
  if (body === undefined) return {};
  if (body instanceof FormData) return { body };
  if (body instanceof URLSearchParams) return contentType ? { body, contentType } : { body };
  if (body instanceof Blob) {
    return { body, contentType: contentType ?? (body.type || "application/octet-stream") };
  }
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body) || body instanceof ReadableStream) {
    return { body: body as BodyInit, contentType: contentType ?? "application/octet-stream" };
  }
  return { body: JSON.stringify(body), contentType: contentType ?? "application/json" };
}

/** Creates the caller every resource sends through: URL, headers and body in one place. */
export function createCaller(
  transport: Transport,
  settings: {
    base: string;
    apiKey: string;
    sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  },
): VeniceCaller {
  const authorization = `Bearer ${settings.apiKey}`;
  // Shared by every JSON request (and every JSON stream) without extra headers: fetch copies them.
  const jsonHeaders = {
    authorization,
    accept: "application/json",
    "content-type": "application/json",
  };
  const streamHeaders = { ...jsonHeaders, accept: "text/event-stream" };

  /** The shared headers a request can send as they are, or `undefined` when it needs its own. */
  function sharedHeaders(
    init: VeniceCallInit,
    accept: string,
    contentType: string | undefined,
  ): Record<string, string> | undefined {
    if (init.headers !== undefined || init.body instanceof FormData) return undefined;
    if (accept === "application/json") {
      return contentType === undefined || contentType === "application/json"
        ? jsonHeaders
        : undefined;
    }
    // Only with a JSON body: the shared stream headers name one.
    if (accept === "text/event-stream" && contentType === "application/json") return streamHeaders;
    return undefined;
  }

  function prepare(
    method: string,
    path: string,
    init: VeniceCallInit,
    accept: string,
    stream: boolean,
  ) {
    const url = buildUrl(settings.base, path, init.query);
    const encoded = encodeBody(init.body, init.contentType);
    let headers = sharedHeaders(init, accept, encoded.contentType);
    if (headers === undefined) {
      headers = { ...init.headers, authorization, accept };
      // A content type the caller set (any case) wins over the one the body implies.
      const given =
        init.headers &&
        Object.keys(init.headers).some((name) => name.toLowerCase() === "content-type");
      if (encoded.contentType !== undefined && !given)
        headers["content-type"] = encoded.contentType;
    }
    const body = encoded.body;
    const streamed = body instanceof ReadableStream;
    const plan: RequestPlan = {
      method,
      path: pathOf(path.startsWith("/") ? path : `/${path}`),
      signal: init.signal,
      timeoutMs: init.timeoutMs,
      // A stream body is consumed by the first try: there is nothing to resend.
      maxRetries: streamed ? 0 : init.maxRetries,
      generation: init.generation,
      model: encoded.contentType === "application/json" ? modelOf(init.body) : undefined,
    };
    plan.trace = describeRequest(url, plan, init.body, stream); // diagnostics: undefined unless subscribed
    const fetchInit = (): RequestInit =>
      body === undefined
        ? { method, headers }
        : streamed
          ? ({ method, headers, body, duplex: "half" } as RequestInit)
          : { method, headers, body };
    return { url, plan, fetchInit };
  }

  return {
    secrets: transport.secrets,
    now: transport.now,
    sleep: settings.sleep,
    call(method, path, init, read) {
      const { url, plan, fetchInit } = prepare(
        method,
        path,
        init,
        init.accept ?? "application/json",
        false,
      );
      const trace = plan.trace;
      // diagnostics: traceRequest runs the tries inside the request's TracingChannel
      return traceRequest(trace, () =>
        transport.run(plan, async (attempt: Attempt) =>
          noteAnswer(trace, await read(await transport.send(attempt, url, fetchInit()))),
        ),
      );
    },
    stream<T>(method: string, path: string, init: VeniceCallInit) {
      const { url, plan, fetchInit } = prepare(method, path, init, "text/event-stream", true);
      return traceRequest(plan.trace, () =>
        transport.run(plan, async (attempt: Attempt, history: readonly VeniceAttempt[]) => {
          const response = await transport.send(attempt, url, fetchInit());
          const opened = await openStream(transport, attempt, response, plan.trace);
          // The history is frozen as it was (a stream that opened after failed tries keeps them).
          return new VeniceStream<T>(
            opened,
            transport,
            plan,
            history.length === 0 ? NO_HISTORY : history.slice(),
          );
        }),
      );
    },
  };
}
