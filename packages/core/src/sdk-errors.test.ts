import { APICallError } from "@ai-sdk/provider";
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { describe, expect, it } from "vitest";
import { toVeniceError } from "./to-venice-error.js";

/** openai-node's `safeJSON` (internal/utils/values.ts), which its client applies to error bodies. */
function safeJSON(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Exactly what openai-node's client does with a failed response (client.ts, makeStatusError). */
function openaiError(status: number, text: string, headers: Record<string, string> = {}) {
  const json = safeJSON(text);
  return APIError.generate(
    status,
    json as object | undefined,
    json ? undefined : text,
    new Headers(headers),
  );
}

/** What the Vercel AI SDK's postJsonToApi throws for a failed response. */
function aiSdkError(status: number, text: string, headers: Record<string, string> = {}) {
  return new APICallError({
    message: `Request failed with status ${status}`,
    url: "https://api.venice.ai/api/v1/chat/completions",
    requestBodyValues: { model: "venice-uncensored" },
    statusCode: status,
    responseHeaders: headers,
    responseBody: text,
  });
}

const BODIES: Array<
  [name: string, status: number, text: string, expected: Record<string, unknown>]
> = [
  [
    "402 standard",
    402,
    '{"error":"Insufficient USD or Diem balance to complete request. Visit https://venice.ai/settings/api to add credits."}',
    { code: "INSUFFICIENT_BALANCE", retryable: false },
  ],
  [
    "400 context length",
    400,
    '{"error":{"message":"too long","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}',
    { code: "TOO_MANY_TOKENS", serverCode: "context_length_exceeded", message: "too long" },
  ],
  [
    "400 validation (older issue list)",
    400,
    '{"error":[{"code":"invalid_type","expected":"string","path":["model"],"message":"Required"}]}',
    { code: "INVALID_REQUEST", fieldErrors: { model: ["Required"] } },
  ],
  [
    "404 did you mean",
    404,
    '{"error":"Specified model not found. Did you mean: llama-3.3-70b?"}',
    { code: "MODEL_NOT_FOUND", recommendedModel: "llama-3.3-70b" },
  ],
  [
    "429 abuse lock-out",
    429,
    '{"error":"Too many failed attempts (> 20) resulting in a non-success status code. Please wait 30s and try again."}',
    { code: "TOO_MANY_FAILED_ATTEMPTS", retryAfterMs: 30_000 },
  ],
  [
    "502 HTML",
    502,
    "<html><body>Bad gateway</body></html>",
    { code: "UNKNOWN_ERROR", retryable: true },
  ],
  ["500 empty", 500, "", { code: "UNKNOWN_ERROR", message: "An unknown error occurred" }],
  [
    "503 plain text",
    503,
    "The model is at capacity. Please try again later.",
    { code: "MODEL_AT_CAPACITY" },
  ],
];

const HEADERS = { "CF-RAY": "8f2a-FRA", "x-request-id": "req_42" };
/** `{"code":"PAYMENT_REQUIRED",…}`: openai keeps only the body's `error` field, the AI SDK all of it. */
const X402_TEXT = '{"code":"PAYMENT_REQUIRED","reason":"insufficient_balance"}';

describe("openai package errors", () => {
  it.each(BODIES)("%s", (_name, status, text, expected) => {
    const error = toVeniceError(openaiError(status, text, HEADERS));
    expect(error).toMatchObject({ ...expected, status, requestId: "req_42" });
    expect(error.message).not.toMatch(/^\d{3} |status code \(no body\)/);
  });

  it("a JSON body without an error field: status default and catalog message", () => {
    const error = toVeniceError(openaiError(402, X402_TEXT, HEADERS));
    expect(error).toMatchObject({
      code: "INSUFFICIENT_BALANCE",
      message: expect.stringMatching(/^Insufficient USD/),
    });
  });

  it("keeps the headers openai received", () => {
    const headers = { ...HEADERS, "Retry-After": "3" };
    const error = toVeniceError(openaiError(429, '{"error":"Rate limit exceeded"}', headers));
    expect(error).toMatchObject({ code: "RATE_LIMIT_EXCEEDED", retryAfterMs: 3000 });
    expect(error.headers["cf-ray"]).toBe("8f2a-FRA");
  });

  it("an in-band stream error (APIError without status, with the event's error object)", () => {
    // openai's Stream raises `new APIError(undefined, event.error, undefined, headers)`.
    const event = {
      message: "The model is currently overloaded. Please try again later.",
      type: "server_error",
      code: "model_overloaded",
      retry_after: 30,
    };
    const input = new APIError(undefined, event, undefined, new Headers());
    expect(toVeniceError(input)).toMatchObject({
      code: "MODEL_OVERLOADED",
      status: 200,
      retryAfterMs: 30_000,
      matchedBy: "code-field",
    });
  });

  it.each([
    [
      "APIConnectionError",
      new APIConnectionError({ cause: new TypeError("fetch failed") }),
      "CONNECTION_ERROR",
    ],
    ["APIConnectionTimeoutError", new APIConnectionTimeoutError(), "CLIENT_TIMEOUT"],
    ["APIUserAbortError", new APIUserAbortError(), "ABORTED"],
    [
      "generate without headers (as the client on a network failure)",
      APIError.generate(undefined, new Error("socket hang up"), "Connection error.", undefined),
      "CONNECTION_ERROR",
    ],
  ])("%s", (_name, input, code) => {
    expect(toVeniceError(input)).toMatchObject({ code, status: 0, matchedBy: "client" });
  });
});

describe("Vercel AI SDK errors", () => {
  it.each(BODIES)("APICallError: %s", (_name, status, text, expected) => {
    const error = toVeniceError(aiSdkError(status, text, HEADERS));
    expect(error).toMatchObject({ ...expected, status, requestId: "req_42" });
  });

  it("APICallError keeps the whole body", () => {
    expect(toVeniceError(aiSdkError(402, X402_TEXT)).code).toBe("PAYMENT_REQUIRED");
  });

  it("APICallError for a connection failure (no status, fetch TypeError as cause)", () => {
    const cause = new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } });
    const input = new APICallError({
      message: "Cannot connect to API: fetch failed",
      url: "https://api.venice.ai/api/v1/chat/completions",
      requestBodyValues: {},
      cause,
      isRetryable: true,
    });
    expect(toVeniceError(input)).toMatchObject({ code: "CONNECTION_ERROR", status: 0 });
  });

  it("returns our own error from a wrapper's cause (a failed stream, as createVeniceFetch makes it)", () => {
    const ours = toVeniceError({
      status: 200,
      body: { error: { code: "content_filter_error", message: "Blocked" } },
    });
    const wrapper = new APICallError({
      message: "Failed to process successful response",
      url: "https://api.venice.ai/api/v1/chat/completions",
      requestBodyValues: {},
      statusCode: 200,
      responseHeaders: {},
      responseBody: "",
      cause: ours,
    });
    expect(toVeniceError(wrapper)).toBe(ours);
  });

  it("RetryError: classifies its last error", () => {
    // `ai`'s RetryError (not a dependency of core): { reason, errors, lastError }.
    const lastError = aiSdkError(
      503,
      '{"error":"The model is temporarily offline. Please try again later."}',
    );
    const retry = Object.assign(new Error("Failed after 3 attempts."), {
      name: "AI_RetryError",
      reason: "maxRetriesExceeded",
      errors: [lastError, lastError, lastError],
      lastError,
    });
    expect(toVeniceError(retry)).toMatchObject({ code: "MODEL_OFFLINE", status: 503 });
  });
});

describe("platform errors", () => {
  it.each([
    [
      "DOMException AbortError",
      new DOMException("This operation was aborted", "AbortError"),
      "ABORTED",
    ],
    ["AbortSignal.abort() reason", AbortSignal.abort().reason, "ABORTED"],
    [
      "DOMException TimeoutError",
      new DOMException("The operation timed out.", "TimeoutError"),
      "CLIENT_TIMEOUT",
    ],
    [
      "Error named AbortError",
      Object.assign(new Error("aborted"), { name: "AbortError" }),
      "ABORTED",
    ],
    [
      "fetch TypeError ECONNREFUSED",
      new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } }),
      "CONNECTION_ERROR",
    ],
    [
      "undici ETIMEDOUT",
      new TypeError("fetch failed", {
        cause: Object.assign(new Error("t"), { code: "ETIMEDOUT" }),
      }),
      "CLIENT_TIMEOUT",
    ],
    ["browser 'Failed to fetch'", new TypeError("Failed to fetch"), "CONNECTION_ERROR"],
    ["Safari 'Load failed'", new TypeError("Load failed"), "CONNECTION_ERROR"],
    [
      "Firefox NetworkError",
      new TypeError("NetworkError when attempting to fetch resource."),
      "CONNECTION_ERROR",
    ],
    [
      "Node ECONNRESET",
      Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }),
      "CONNECTION_ERROR",
    ],
  ])("%s", (_name, input, code) => {
    const error = toVeniceError(input);
    expect(error).toMatchObject({ code, status: 0, matchedBy: "client" });
    expect(error.cause).toBeDefined();
  });

  it("a TypeError that is not about the network stays UNKNOWN_ERROR", () => {
    expect(toVeniceError(new TypeError("x is not a function")).code).toBe("UNKNOWN_ERROR");
  });

  it("abort errors are not retryable, connection errors and timeouts are", () => {
    expect(toVeniceError(new DOMException("a", "AbortError")).retryable).toBe(false);
    expect(toVeniceError(new DOMException("t", "TimeoutError")).retryable).toBe(true);
    expect(toVeniceError(new TypeError("fetch failed")).retryable).toBe(true);
  });
});
