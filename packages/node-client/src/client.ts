import { VeniceError, type VeniceRateLimit } from "@venice-errors/core";
import {
  readBinary,
  readBodyStream,
  readJson,
  type VeniceBinary,
  type VeniceBodyStream,
} from "./answers.js";
import { type AnswerReader, createCaller, type VeniceCallInit } from "./caller.js";
import { delay } from "./delay.js";
import { DEFAULTS, type VeniceRequestOptions, type VeniceTransportOptions } from "./options.js";
import { createApiKeys, type VeniceApiKeys } from "./resources/api-keys.js";
import { createAudio, type VeniceAudio } from "./resources/audio.js";
import { createBilling, type VeniceBilling } from "./resources/billing.js";
import { createCharacters, type VeniceCharacters } from "./resources/characters.js";
import { createEmbeddings, type VeniceEmbeddings } from "./resources/embeddings.js";
import { createImages, type VeniceImages } from "./resources/images.js";
import { createResponses, type VeniceResponses } from "./resources/responses.js";
import { createVideo, type VeniceVideo } from "./resources/video.js";
import type { VeniceStream } from "./stream.js";
import { Transport } from "./transport.js";
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParams,
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
   * A `FormData` is sent as multipart; a `Blob`, `Uint8Array` (or any typed array), `ArrayBuffer`,
   * `URLSearchParams` or `ReadableStream` as it is (with `contentType`); anything else as JSON. A
   * `ReadableStream` cannot be replayed, so it is never retried.
   */
  body?: unknown;
  /** Content type of a binary body (default the `Blob`'s type, else `application/octet-stream`). */
  contentType?: string;
  /** Appended to the URL; arrays repeat the parameter. */
  query?: VeniceCallInit["query"];
  /** Read the answer as server-sent events: resolves to a `VeniceStream`. */
  stream?: boolean;
  /**
   * The request starts paid work, so it is retried only on answers that prove the work did not
   * happen (429, a 503 or overload with a wait hint, a connection refused before sending).
   * Default: true for POSTs to chat, completions, responses, image, audio and video routes.
   */
  generation?: boolean;
  /**
   * How to read a successful answer: `"json"` (default), `"bytes"` (a `VeniceBinary`: bytes,
   * content type, headers) or `"body"` (a `VeniceBodyStream` to read yourself).
   */
  answer?: "json" | "bytes" | "body";
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
  request(
    method: string,
    path: string,
    options: VeniceRawRequestOptions & { answer: "bytes" },
  ): Promise<VeniceBinary>;
  request(
    method: string,
    path: string,
    options: VeniceRawRequestOptions & { answer: "body" },
  ): Promise<VeniceBodyStream>;
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
  /** Generate, edit, multi-edit, upscale and remove backgrounds; flagged images are thrown. */
  images: VeniceImages;
  embeddings: VeniceEmbeddings;
  /** Speech, transcriptions, and queued audio jobs. */
  audio: VeniceAudio;
  /** Queued video jobs. */
  video: VeniceVideo;
  /** The Responses API (beta). */
  responses: VeniceResponses;
  characters: VeniceCharacters;
  apiKeys: VeniceApiKeys;
  billing: VeniceBilling;
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

const READERS: Record<NonNullable<VeniceRawRequestOptions["answer"]>, AnswerReader<unknown>> = {
  json: readJson,
  bytes: readBinary,
  body: readBodyStream,
};

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
  const caller = createCaller(transport, { base, apiKey, sleep: options.sleep ?? delay });

  function request(
    method: string,
    path: string,
    init: VeniceRawRequestOptions = {},
  ): Promise<unknown> {
    const { stream, answer, ...call } = init;
    if (stream) return caller.stream(method, path, call);
    return caller.call(method, path, call, READERS[answer ?? "json"]);
  }

  const client = {
    request,
    chat: {
      completions: {
        create: (params: ChatCompletionCreateParams, requestOptions: VeniceRequestOptions = {}) => {
          const init = { ...requestOptions, body: params, generation: true };
          return params.stream === true
            ? caller.stream("POST", "/chat/completions", init)
            : caller.call("POST", "/chat/completions", init, readJson);
        },
      },
    },
    models: {
      list: (params: ModelListParams = {}, requestOptions: VeniceRequestOptions = {}) =>
        request("GET", "/models", { ...requestOptions, query: { type: params.type } }),
    },
    images: createImages(caller),
    embeddings: createEmbeddings(caller),
    audio: createAudio(caller),
    video: createVideo(caller),
    responses: createResponses(caller),
    characters: createCharacters(caller),
    apiKeys: createApiKeys(caller),
    billing: createBilling(caller),
    get rateLimits() {
      return transport.rateLimits;
    },
  };
  return client as VeniceClient;
}
