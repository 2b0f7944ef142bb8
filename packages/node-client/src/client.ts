import { type VeniceAttempt, VeniceError, type VeniceRateLimit } from "@venice-errors/core";
import type { Attempt } from "./attempt.js";
import {
  describeRequest,
  noteAnswer,
  noteResponse,
  publishStreamFirst,
  traceRequest,
} from "./diagnostics.js";
import { clientError } from "./errors.js";
import { DEFAULTS, type VeniceRequestOptions, type VeniceTransportOptions } from "./options.js";
import { type RequestPlan, Transport } from "./retry.js";
import { openStream, VeniceStream } from "./stream.js";
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
  /** Sent as JSON. */
  body?: unknown;
  /** Appended to the URL. */
  query?: Record<string, string | number | boolean | undefined>;
  /** Read the answer as server-sent events: resolves to a `VeniceStream`. */
  stream?: boolean;
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
  const base = (options.baseURL ?? DEFAULTS.baseURL).replace(/\/+$/, "");
  const transport = new Transport(options, [apiKey]);
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
    const body = init.body === undefined ? undefined : JSON.stringify(init.body);
    const headers: Record<string, string> =
      init.headers === undefined && !init.stream
        ? jsonHeaders
        : {
            ...init.headers,
            authorization,
            accept: init.stream ? "text/event-stream" : "application/json",
            "content-type": "application/json",
          };
    const plan: RequestPlan = {
      method,
      path,
      signal: init.signal,
      timeoutMs: init.timeoutMs,
      maxRetries: init.maxRetries,
      trace: describeRequest(method, url, init.body, init.stream === true), // diagnostics: undefined without subscribers
    };
    const trace = plan.trace;
    const fetchInit = (): RequestInit =>
      body === undefined ? { method, headers } : { method, headers, body };
    if (init.stream) {
      return traceRequest(trace, () =>
        transport.run(plan, async (attempt: Attempt, history: readonly VeniceAttempt[]) => {
          const response = await transport.send(attempt, url, fetchInit());
          noteResponse(trace, response);
          const opened = await openStream(transport, attempt, response);
          publishStreamFirst(trace);
          return new VeniceStream(opened, transport, plan, history.slice());
        }),
      );
    }
    return traceRequest(trace, () =>
      transport.run(plan, async (attempt) => {
        const response = await transport.send(attempt, url, fetchInit());
        noteResponse(trace, response);
        return noteAnswer(trace, await readJson(response));
      }),
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
