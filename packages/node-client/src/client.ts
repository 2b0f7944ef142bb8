import { type VeniceAttempt, VeniceError, type VeniceRateLimit } from "@venice-errors/core";
import type { Attempt } from "./attempt.js";
import { clientError } from "./errors.js";
import { DEFAULTS, type VeniceRequestOptions, type VeniceTransportOptions } from "./options.js";
import { modelOf } from "./request-meta.js";
import { openStream, VeniceStream } from "./stream.js";
import { type RequestPlan, Transport } from "./transport.js";
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParams,
  ImageGenerateParams,
  ImageGenerateResponse,
  ModelListParams,
  VeniceModelList,
} from "./types.js";

/** Options of `createVeniceClient`. */
export interface VeniceClientOptions extends VeniceTransportOptions {
  /** Default `process.env.VENICE_API_KEY`; the client throws at construction when neither is set. */
  apiKey?: string;
  /** Default `https://api.venice.ai/api/v1`. */
  baseURL?: string;
}

/** Options of `client.request`. */
export interface VeniceRawRequestOptions extends VeniceRequestOptions {
  /**
   * Sent as JSON; binary and form bodies (`Uint8Array`, `ArrayBuffer`, `Blob`, `FormData`,
   * `URLSearchParams`, `ReadableStream`) are sent as they are, with the `content-type` of
   * `headers` (fetch sets the multipart boundary of a `FormData`). A `ReadableStream` cannot be
   * replayed, so it is never retried.
   */
  body?: unknown;
  /** Appended to the URL. */
  query?: Record<string, string | number | boolean | undefined>;
  /** Read the answer as server-sent events: resolves to a `VeniceStream`. */
  stream?: boolean;
  /**
   * The request starts paid work, so it is retried only on answers that prove the work did not
   * happen (429, a 503 or overload with a wait hint, a connection refused before sending).
   * Default: true for POSTs to chat, completions, responses, image, audio and video routes.
   */
  generation?: boolean;
}

/** A Venice API client whose every failure is a `VeniceError`. */
export interface VeniceClient {
  /**
   * Any endpoint: `request("GET", "/models")`. Resolves to the parsed JSON answer, or with
   * `stream: true` to a `VeniceStream` of parsed events.
   */
  request<T = unknown>(
    method: string,
    path: string,
    options: VeniceRawRequestOptions & { stream: true },
  ): Promise<VeniceStream<T>>;
  request<T = unknown>(method: string, path: string, options?: VeniceRawRequestOptions): Promise<T>;
  chat: {
    completions: {
      /** `POST /chat/completions`; with `stream: true`, an async iterable of chunks. */
      create(
        params: ChatCompletionCreateParams & { stream: true },
        options?: VeniceRequestOptions,
      ): Promise<VeniceStream<ChatCompletionChunk>>;
      create(
        params: ChatCompletionCreateParams & { stream?: false | null },
        options?: VeniceRequestOptions,
      ): Promise<ChatCompletion>;
      create(
        params: ChatCompletionCreateParams,
        options?: VeniceRequestOptions,
      ): Promise<ChatCompletion | VeniceStream<ChatCompletionChunk>>;
    };
  };
  models: {
    /** `GET /models`. */
    list(params?: ModelListParams, options?: VeniceRequestOptions): Promise<VeniceModelList>;
  };
  images: {
    /** `POST /image/generate` (base64 images). */
    generate(
      params: ImageGenerateParams,
      options?: VeniceRequestOptions,
    ): Promise<ImageGenerateResponse>;
  };
  /** The last rate-limit headers seen (any answer), parsed; reset times are epoch ms. */
  readonly rateLimits: VeniceRateLimit | undefined;
}

function environmentKey(): string | undefined {
  return typeof process === "undefined" ? undefined : process.env.VENICE_API_KEY;
}

/** `baseURL` without trailing slashes (a loop: `/\/+$/` is quadratic on a long run of slashes). */
export function trimTrailingSlashes(url: string): string {
  let end = url.length;
  while (end > 0 && url.charCodeAt(end - 1) === 47 /* "/" */) end--;
  return end === url.length ? url : url.slice(0, end);
}

/** Bodies sent as they are (uploads, multipart); anything else is sent as JSON. */
function isRawBody(body: unknown): body is BodyInit {
  return (
    typeof body === "object" &&
    body !== null &&
    (body instanceof ArrayBuffer ||
      ArrayBuffer.isView(body) ||
      body instanceof Blob ||
      body instanceof FormData ||
      body instanceof URLSearchParams ||
      body instanceof ReadableStream)
  );
}

function buildUrl(base: string, path: string, query: VeniceRawRequestOptions["query"]): string {
  let url = base + (path.startsWith("/") ? path : `/${path}`);
  if (query) {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined) search.set(name, String(value));
    }
    const text = search.toString();
    if (text) url += (url.includes("?") ? "&" : "?") + text;
  }
  return url;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw clientError(
      "INVALID_RESPONSE",
      "The Venice API answered with a body that is not JSON",
      cause,
    );
  }
}

/**
 * Creates a Venice API client: retries that help (429 after its hint, 5xx, connection errors,
 * timeouts) and never ones that hurt (402, other 4xx, abuse lock-outs, streams that started),
 * abort that also cancels retry waits, a failure budget, and a `VeniceError` for every failure.
 */
export function createVeniceClient(options: VeniceClientOptions = {}): VeniceClient {
  const apiKey = options.apiKey ?? environmentKey();
  if (!apiKey) {
    throw new VeniceError({
      code: "AUTHENTICATION_FAILED",
      status: 0,
      matchedBy: "client",
      message:
        "No Venice API key: pass `apiKey` to createVeniceClient or set the VENICE_API_KEY environment variable",
    });
  }
  const base = trimTrailingSlashes(options.baseURL ?? DEFAULTS.baseURL);
  // fetch trims the value it sends: a key with stray whitespace comes back trimmed in echoes.
  const trimmed = apiKey.trim();
  const transport = new Transport(
    options,
    trimmed === apiKey ? [apiKey] : [apiKey, trimmed],
    apiKey,
  );
  const authorization = `Bearer ${apiKey}`;
  // Shared by every request without extra headers (fetch copies them).
  const jsonHeaders = {
    authorization,
    accept: "application/json",
    "content-type": "application/json",
  };

  function request(
    method: string,
    path: string,
    init: VeniceRawRequestOptions = {},
  ): Promise<unknown> {
    const url = buildUrl(base, path, init.query);
    const given = init.body;
    const raw = isRawBody(given);
    const body: BodyInit | undefined =
      given === undefined ? undefined : isRawBody(given) ? given : JSON.stringify(given);
    const accept = init.stream ? "text/event-stream" : "application/json";
    const headers: Record<string, string> = raw
      ? { ...init.headers, authorization, accept }
      : init.headers === undefined && !init.stream
        ? jsonHeaders
        : { ...init.headers, authorization, accept, "content-type": "application/json" };
    const relative = path.startsWith("/") ? path : `/${path}`;
    const query = relative.indexOf("?");
    const plan: RequestPlan = {
      method,
      path: query === -1 ? relative : relative.slice(0, query),
      signal: init.signal,
      timeoutMs: init.timeoutMs,
      // A stream body is consumed by the first try: there is nothing to resend.
      maxRetries: body instanceof ReadableStream ? 0 : init.maxRetries,
      generation: init.generation,
      model: raw ? undefined : modelOf(init.body),
    };
    const fetchInit = (): RequestInit =>
      body === undefined
        ? { method, headers }
        : body instanceof ReadableStream
          ? ({ method, headers, body, duplex: "half" } as RequestInit)
          : { method, headers, body };
    if (init.stream) {
      return transport.run(plan, async (attempt: Attempt, history: readonly VeniceAttempt[]) => {
        const response = await transport.send(attempt, url, fetchInit());
        const opened = await openStream(transport, attempt, response);
        return new VeniceStream(opened, transport, plan, history.slice());
      });
    }
    return transport.run(plan, async (attempt) =>
      readJson(await transport.send(attempt, url, fetchInit())),
    );
  }

  const client = {
    request,
    chat: {
      completions: {
        create: (params: ChatCompletionCreateParams, requestOptions: VeniceRequestOptions = {}) =>
          request("POST", "/chat/completions", {
            ...requestOptions,
            body: params,
            stream: params.stream === true,
          }),
      },
    },
    models: {
      list: (params: ModelListParams = {}, requestOptions: VeniceRequestOptions = {}) =>
        request("GET", "/models", { ...requestOptions, query: { type: params.type } }),
    },
    images: {
      generate: (params: ImageGenerateParams, requestOptions: VeniceRequestOptions = {}) =>
        request("POST", "/image/generate", { ...requestOptions, body: params }),
    },
    get rateLimits() {
      return transport.rateLimits;
    },
  };
  return client as VeniceClient;
}
