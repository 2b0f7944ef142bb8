// A runtime-neutral suite over the whole catalog: plain ESM with no platform APIs beyond
// Headers/TextEncoder/DOMException. tests/runtimes.test.ts bundles it into one IIFE
// (global `veniceCatalogSuite`) and runs it in Node, Bun, Deno, the Edge Runtime and Chromium.
import {
  ALL_VENICE_ERROR_CODES,
  catalog,
  formatVeniceError,
  isVeniceError,
  parseRateLimitHeaders,
  retryDelay,
  toVeniceError,
  VENICE_ERROR_CODES,
} from "../../packages/core/dist/index.js";
import { ko } from "../../packages/core/dist/locales/ko.js";

const NOW = 1790000000000;
const HEADERS = {
  "CF-RAY": "8f2a1b3c4d5e6f70-FRA",
  "x-ratelimit-limit-requests": "500",
  "x-ratelimit-remaining-requests": "499",
  "x-ratelimit-reset-requests": "1790000060000",
  "x-ratelimit-reset-tokens": "12",
};

/** [name, input, expected code] */
function cases() {
  const list = [];
  for (const code of VENICE_ERROR_CODES) {
    const { status, message } = catalog[code];
    list.push([
      `${code}: table message`,
      { status, headers: HEADERS, body: JSON.stringify({ error: message }) },
      code,
    ]);
    list.push([
      `${code}: suffixed message`,
      { status, body: { error: `${message} Reference request ID: 8f2a1b3c-77aa.` } },
      code,
    ]);
    list.push([
      `${code}: code field`,
      { status, body: { code, error: "Something happened" } },
      code,
    ]);
    list.push([
      `${code}: in-stream`,
      { status: 200, body: { error: { message, type: "server_error" } } },
      code,
    ]);
  }
  list.push(
    [
      "lock-out",
      {
        status: 429,
        headers: { "Retry-After": "30" },
        body: '{"error":"Too many failed attempts (> 50) resulting in a non-success status code. Please wait 30 seconds and try again."}',
      },
      "TOO_MANY_FAILED_ATTEMPTS",
    ],
    [
      "x402 discovery",
      { status: 402, body: { x402Version: 1, error: "Authentication required", accepts: [] } },
      "PAYMENT_REQUIRED",
    ],
    [
      "consent",
      {
        status: 409,
        body: { error: { code: "needs_consent", message: "Accept" }, consent_flow: "seedance" },
      },
      "CONSENT_REQUIRED",
    ],
    [
      "retired",
      { status: 410, headers: { Sunset: "Wed, 01 Jul 2026 00:00:00 GMT" }, body: "" },
      "RESOURCE_RETIRED",
    ],
    [
      "x402 sign-in",
      { status: 401, body: { error: "Expired", code: "X402_SIGN_IN_EXPIRED" } },
      "X402_INVALID_SIGN_IN",
    ],
    [
      "context length",
      {
        status: 400,
        body: {
          error: {
            message: "too long",
            type: "invalid_request_error",
            code: "context_length_exceeded",
          },
        },
      },
      "TOO_MANY_TOKENS",
    ],
    [
      "validation",
      {
        status: 400,
        body: {
          error: "Invalid request parameters",
          details: { _errors: [], model: { _errors: ["Required"] } },
          issues: [{ code: "too_big", maximum: 4096, path: ["input"] }],
        },
      },
      "INVALID_REQUEST",
    ],
    [
      "did you mean",
      {
        status: 404,
        headers: new Headers({ "X-Request-Id": "req_1" }),
        body: '{"error":"Specified model not found. Did you mean: llama-3.3-70b?"}',
      },
      "MODEL_NOT_FOUND",
    ],
    [
      "video json as bytes",
      {
        status: 200,
        headers: { "content-type": "video/mp4" },
        body: new TextEncoder().encode('  {"status":"FAILED","error":"generation failed"}'),
      },
      "UNKNOWN_ERROR",
    ],
    ["html 502", { status: 502, body: "<html><body>Bad gateway</body></html>" }, "UNKNOWN_ERROR"],
    ["truncated", { status: 402, body: '{"error":"Insufficient USD' }, "INSUFFICIENT_BALANCE"],
    [
      "response.failed",
      {
        type: "response.failed",
        response: { error: { code: "model_overloaded", message: "busy" } },
      },
      "MODEL_OVERLOADED",
    ],
    [
      "fetch TypeError",
      new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } }),
      "CONNECTION_ERROR",
    ],
    ["timeout", new DOMException("timed out", "TimeoutError"), "CLIENT_TIMEOUT"],
    ["abort", new DOMException("aborted", "AbortError"), "ABORTED"],
    ["bad answer", new VeniceErrorLike("INVALID_RESPONSE"), "INVALID_RESPONSE"],
    ["cut stream", new VeniceErrorLike("STREAM_INTERRUPTED"), "STREAM_INTERRUPTED"],
  );
  return list;
}

/** A serialized error (toJSON output), as a server relays it. */
function VeniceErrorLike(code) {
  return {
    name: "VeniceError",
    code,
    status: 0,
    message: catalog[code].message,
    matchedBy: "client",
  };
}

function fingerprint(error) {
  const en = formatVeniceError(error, { locale: "en" });
  const korean = formatVeniceError(error, { locale: ko });
  return {
    code: error.code,
    status: error.status,
    brand: isVeniceError(error),
    matchedBy: error.matchedBy,
    retryable: error.retryable,
    retryAfterMs: error.retryAfterMs ?? null,
    requestId: error.requestId ?? null,
    serverCode: error.serverCode ?? null,
    recommendedModel: error.recommendedModel ?? null,
    fieldErrors: error.fieldErrors,
    delay: retryDelay(error, 2, { random: () => 0.5 }),
    json: JSON.stringify(error),
    en: [
      en.title,
      en.description,
      en.action?.kind ?? null,
      en.action?.label ?? null,
      en.action?.href ?? null,
    ],
    ko: [korean.title, korean.description, korean.action?.label ?? null],
  };
}

export function run() {
  const results = cases().map(([name, input, expected]) => ({
    name,
    expected,
    ...fingerprint(toVeniceError(input, { now: NOW })),
  }));
  return {
    codes: ALL_VENICE_ERROR_CODES,
    rateLimit: parseRateLimitHeaders(new Headers(HEADERS), NOW),
    results,
  };
}
