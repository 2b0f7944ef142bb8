import { describe, expect, it } from "vitest";
import { VENICE_TABLE } from "./__fixtures__/venice-table.js";
import type { VeniceErrorCode } from "./catalog.js";
import { toVeniceError } from "./to-venice-error.js";

const NOW = 1_790_000_000_000;
const classify = (status: number | undefined, body: unknown, headers?: Record<string, string>) =>
  toVeniceError({ status, body, headers }, { now: NOW });

describe("every table code", () => {
  const rows = VENICE_TABLE.map(([code, status, message]) => ({ code, status, message }));

  it.each(rows)("$code from its exact message", ({ code, status, message }) => {
    const error = classify(status, { error: message });
    expect(error).toMatchObject({ code, status, message, matchedBy: "message" });
  });

  it.each(rows)("$code from its message with a suffix", ({ code, status, message }) => {
    const suffixed = `${message} Reference request ID: 8f2a1b3c-77aa.`;
    expect(classify(status, { error: suffixed })).toMatchObject({ code, message: suffixed });
  });

  it.each(rows)(
    "$code from the raw JSON text and from a plain-text body",
    ({ code, status, message }) => {
      expect(classify(status, JSON.stringify({ error: message })).code).toBe(code);
      expect(classify(status, message).code).toBe(code);
    },
  );

  it.each(rows)(
    "$code from an OpenAI-style error object, in-stream (status 200)",
    ({ code, message }) => {
      const error = classify(200, { error: { message, type: "server_error", param: null } });
      expect(error).toMatchObject({ code, status: 200, message });
    },
  );

  it.each(rows)("$code from each structured field", ({ code, status }) => {
    const other = "Something the server said";
    for (const body of [
      { code, error: other },
      { error: { message: other, code } },
      { error: { message: other, type: code } },
      { error: code, message: other },
    ]) {
      const error = classify(status, body);
      expect(error, JSON.stringify(body)).toMatchObject({
        code,
        serverCode: code,
        matchedBy: "code-field",
        message: other,
      });
    }
  });
});

describe("status defaults (venice-api-facts §1.3)", () => {
  it.each<[number, VeniceErrorCode]>([
    [400, "INVALID_REQUEST"],
    [401, "AUTHENTICATION_FAILED"],
    [402, "INSUFFICIENT_BALANCE"],
    [403, "UNAUTHORIZED"],
    [410, "RESOURCE_RETIRED"],
    [413, "PAYLOAD_TOO_LARGE"],
    [415, "INVALID_CONTENT_TYPE"],
    [429, "RATE_LIMIT_EXCEEDED"],
    [504, "REQUEST_TIMEOUT"],
    // Cloudflare's "A timeout occurred" page: no answer within 100 s, as a 504 would say.
    [524, "REQUEST_TIMEOUT"],
    [404, "UNKNOWN_ERROR"],
    [409, "UNKNOWN_ERROR"],
    [500, "UNKNOWN_ERROR"],
    [502, "UNKNOWN_ERROR"],
    [503, "UNKNOWN_ERROR"],
    [520, "UNKNOWN_ERROR"],
    [418, "UNKNOWN_ERROR"],
  ])("%i without a body is %s and keeps its status", (status, code) => {
    const error = classify(status, undefined);
    expect(error).toMatchObject({ code, status, matchedBy: "status" });
  });

  it.each([
    [500, true],
    [502, true],
    [503, true],
    [524, true],
    [408, true],
    [404, false],
    [409, false],
    [418, false],
  ])("UNKNOWN_ERROR with status %i: retryable %s", (status, retryable) => {
    expect(classify(status, "").retryable).toBe(retryable);
  });
});

type Expectation = Partial<Record<string, unknown>> & { code: VeniceErrorCode };
type Shape = [name: string, input: unknown, expected: Expectation];

const lockOut = (text: string) => ({ status: 429, body: { error: text } });

/** Every body shape of venice-api-facts §2, §4 and §8. */
const SHAPES: Shape[] = [
  // §2
  [
    "standard",
    { status: 400, body: { error: "Invalid request parameters" } },
    { code: "INVALID_REQUEST" },
  ],
  [
    "video content policy with credits_refunded",
    {
      status: 422,
      body: {
        error:
          "Your generation was blocked due to the model provider's content policies. Credits have been refunded.",
        credits_refunded: true,
      },
    },
    { code: "CONTENT_POLICY_VIOLATION", creditsRefunded: true, matchedBy: "message" },
  ],
  [
    "validation with details tree and issues",
    {
      status: 400,
      body: {
        error: "Invalid request parameters",
        details: { _errors: [], field: { _errors: ["Field is required"] } },
        issues: [{ code: "invalid_type", path: ["field"], message: "Field is required" }],
      },
    },
    { code: "INVALID_REQUEST", fieldErrors: { field: ["Field is required"] } },
  ],
  [
    "older validation form {error: [issues]}",
    {
      status: 400,
      body: { error: [{ code: "too_small", minimum: 1, path: ["messages"], message: "Required" }] },
    },
    { code: "INVALID_REQUEST", fieldErrors: { messages: ["Required"] } },
  ],
  [
    "details as a plain string",
    { status: 400, body: { error: "Invalid request parameters", details: "model is required" } },
    { code: "INVALID_REQUEST", fieldErrors: {} },
  ],
  [
    "OpenAI-compatible context length",
    {
      status: 400,
      body: {
        error: {
          message: "This model's maximum context length is 8192 tokens.",
          type: "invalid_request_error",
          param: "messages",
          code: "context_length_exceeded",
        },
      },
    },
    { code: "TOO_MANY_TOKENS", serverCode: "context_length_exceeded", matchedBy: "code-field" },
  ],
  [
    "/video/retrieve provider_content_policy, nested credits_refunded",
    {
      status: 422,
      body: {
        error: {
          message: "Blocked by the provider",
          type: "provider_content_policy",
          recommended_model: "wan-2.5-preview",
          credits_refunded: true,
        },
      },
    },
    {
      code: "CONTENT_POLICY_VIOLATION",
      recommendedModel: "wan-2.5-preview",
      creditsRefunded: true,
    },
  ],
  [
    "upstream 400 with request_id",
    { status: 400, body: { error: "Invalid model specified", request_id: "req_upstream_1" } },
    { code: "INVALID_MODEL", requestId: "req_upstream_1" },
  ],
  [
    "422 audio with suggested_prompt",
    {
      status: 422,
      body: { error: "Your prompt violates the content policy", suggested_prompt: "A calm sea" },
    },
    { code: "CONTENT_POLICY_VIOLATION", suggestedPrompt: "A calm sea" },
  ],
  [
    "413 with top-level code",
    { status: 413, body: { code: "PAYLOAD_TOO_LARGE", error: "Request body exceeds 25MB" } },
    { code: "PAYLOAD_TOO_LARGE", matchedBy: "code-field", message: "Request body exceeds 25MB" },
  ],
  [
    "409 needs_consent with consent_flow object",
    {
      status: 409,
      body: {
        error: { code: "needs_consent", message: "Accept the terms" },
        consent_flow: { id: 1 },
      },
    },
    { code: "CONSENT_REQUIRED", serverCode: "needs_consent", status: 409 },
  ],
  [
    "410 Gone with Deprecation, Sunset and Link headers",
    {
      status: 410,
      headers: {
        Deprecation: "@1780000000",
        Sunset: "Wed, 01 Jul 2026 00:00:00 GMT",
        Link: '<https://docs.venice.ai/models>; rel="deprecation"',
        "X-Venice-Deprecated-Replacement": "venice-uncensored",
      },
      body: { error: "This model has been retired" },
    },
    {
      code: "RESOURCE_RETIRED",
      status: 410,
      recommendedModel: "venice-uncensored",
      deprecation: {
        date: "@1780000000",
        sunset: "Wed, 01 Jul 2026 00:00:00 GMT",
        link: '<https://docs.venice.ai/models>; rel="deprecation"',
        replacement: "venice-uncensored",
      },
    },
  ],
  // §3
  [
    "abuse lock-out (> 20), 30s",
    lockOut(
      "Too many failed attempts (> 20) resulting in a non-success status code. Please wait 30s and try again.",
    ),
    { code: "TOO_MANY_FAILED_ATTEMPTS", retryAfterMs: 30_000, retryable: true },
  ],
  [
    "x402 discovery body",
    {
      status: 402,
      body: {
        x402Version: 1,
        error: "Payment required",
        accepts: [{ scheme: "exact", network: "base" }],
        authOptions: [],
      },
    },
    { code: "PAYMENT_REQUIRED", retryable: false },
  ],
  [
    "x402 {code: PAYMENT_REQUIRED, reason}",
    { status: 402, body: { code: "PAYMENT_REQUIRED", reason: "insufficient_balance" } },
    { code: "PAYMENT_REQUIRED", matchedBy: "code-field" },
  ],
  [
    "402 with a PAYMENT-REQUIRED header",
    { status: 402, headers: { "PAYMENT-REQUIRED": "eyJ4NDAyVmVyc2lvbiI6MX0=" }, body: "" },
    { code: "PAYMENT_REQUIRED" },
  ],
  // §4 streaming
  [
    "in-stream model_overloaded with retry_after",
    {
      status: 200,
      body: {
        error: {
          message: "The model is currently overloaded. Please try again later.",
          type: "server_error",
          code: "model_overloaded",
          retry_after: 30,
        },
      },
    },
    { code: "MODEL_OVERLOADED", status: 200, retryAfterMs: 30_000, retryable: true },
  ],
  [
    "in-stream string form",
    { status: 200, body: { error: "Inference processing failed" } },
    { code: "INFERENCE_FAILED", status: 200 },
  ],
  [
    "in-stream e2ee_attestation_stale",
    { status: 200, body: { error: { message: "stale", code: "e2ee_attestation_stale" } } },
    { code: "TEE_ATTESTATION_FAILED", serverCode: "e2ee_attestation_stale" },
  ],
  // §8
  ...[
    "INVALID_PAYLOAD",
    "PARSE_ERROR",
    "INVALID_MESSAGE",
    "ADDRESS_MISMATCH",
    "INVALID_CHAIN_ID",
    "CHAIN_MISMATCH",
    "UNSUPPORTED_CHAIN",
    "MISSING_NONCE",
    "DOMAIN_MISMATCH",
    "TIMESTAMP_MISMATCH",
    "EXPIRED",
    "FUTURE_TIMESTAMP",
    "NOT_BEFORE",
    "INVALID_SIGNATURE",
    "INVALID_WALLET",
    "NONCE_REUSED",
  ].map(
    (reason): Shape => [
      `x402 sign-in X402_SIGN_IN_${reason}`,
      {
        status: 401,
        body: { error: `Sign-in rejected: ${reason}`, code: `X402_SIGN_IN_${reason}` },
      },
      { code: "X402_INVALID_SIGN_IN", serverCode: `X402_SIGN_IN_${reason}`, status: 401 },
    ],
  ),
  [
    "429 X402_CONCURRENCY_LIMIT",
    {
      status: 429,
      body: { error: "Too many concurrent requests", code: "X402_CONCURRENCY_LIMIT" },
    },
    { code: "RATE_LIMIT_EXCEEDED", serverCode: "X402_CONCURRENCY_LIMIT", retryable: true },
  ],
  [
    "/x402/top-up code in error, message beside it",
    {
      status: 400,
      body: {
        error: "X402_INVALID_PAYMENT",
        message: "Invalid payment header",
        details: { reason: "signature_mismatch" },
      },
    },
    {
      code: "INVALID_REQUEST",
      serverCode: "X402_INVALID_PAYMENT",
      message: "Invalid payment header",
      fieldErrors: {},
    },
  ],
  ...[
    "INVALID_PAYMENT_FORMAT",
    "INVALID_PAYMENT",
    "UNSUPPORTED_NETWORK",
    "INVALID_PAYMENT_RECIPIENT",
    "UNSUPPORTED_TOKEN",
    "UNSUPPORTED_SCHEME",
    "INVALID_AMOUNT",
    "INVALID_PAYMENT_PAYER",
    "AMOUNT_TOO_LOW",
    "AMOUNT_TOO_HIGH",
    "PAYMENT_VERIFICATION_FAILED",
  ].map(
    (code): Shape => [
      `top-up 400 ${code}`,
      { status: 400, body: { error: code, message: `Top-up failed: ${code.toLowerCase()}` } },
      { code: "INVALID_REQUEST", serverCode: code, status: 400, retryable: false },
    ],
  ),
  [
    "top-up 402 SETTLEMENT_FAILED",
    { status: 402, body: { error: "SETTLEMENT_FAILED", message: "Settlement failed" } },
    { code: "PAYMENT_REQUIRED", serverCode: "SETTLEMENT_FAILED", status: 402, retryable: false },
  ],
  [
    "top-up 409 PAYMENT_IN_PROGRESS",
    { status: 409, body: { error: "PAYMENT_IN_PROGRESS", message: "A payment is in progress" } },
    { code: "UNKNOWN_ERROR", serverCode: "PAYMENT_IN_PROGRESS", status: 409 },
  ],
  [
    "top-up 503 X402_NOT_CONFIGURED",
    { status: 503, body: { error: "X402_NOT_CONFIGURED", message: "x402 is not configured" } },
    { code: "UNKNOWN_ERROR", serverCode: "X402_NOT_CONFIGURED", status: 503, retryable: true },
  ],
  [
    "top-up 504 SETTLEMENT_TIMEOUT",
    { status: 504, body: { error: "SETTLEMENT_TIMEOUT", message: "Settlement timed out" } },
    { code: "REQUEST_TIMEOUT", serverCode: "SETTLEMENT_TIMEOUT", retryable: true },
  ],
  [
    "older x402 form {error: PAYMENT_REQUIRED, paymentInfo}",
    { status: 402, body: { error: "PAYMENT_REQUIRED", message: "Pay first", paymentInfo: {} } },
    { code: "PAYMENT_REQUIRED", message: "Pay first" },
  ],
  [
    "402 'Authentication required' without its x402 fields (openai-node keeps only `error`)",
    { status: 402, body: { error: "Authentication required" } },
    { code: "PAYMENT_REQUIRED", matchedBy: "message", message: "Authentication required" },
  ],
  [
    "x402 discovery saying 'Authentication required'",
    {
      status: 402,
      body: { x402Version: 2, error: "Authentication required", accepts: [] },
    },
    { code: "PAYMENT_REQUIRED", message: "Authentication required" },
  ],
  [
    "400 for a wrong Content-Type",
    { status: 400, body: { error: "Invalid request content-type" } },
    { code: "INVALID_CONTENT_TYPE", status: 400 },
  ],
  [
    "415 undecodable encoding",
    { status: 415, body: { error: "Request encoding is not supported" } },
    { code: "INVALID_CONTENT_TYPE" },
  ],
  [
    "400 image-edit content-policy refusal",
    { status: 400, body: { error: "Image edit blocked by moderation" } },
    { code: "CONTENT_POLICY_VIOLATION", status: 400 },
  ],
  [
    "overload surfacing as 500",
    { status: 500, body: { error: "Upstream model overloaded" } },
    { code: "MODEL_OVERLOADED", status: 500 },
  ],
  [
    "timeout surfacing as 500",
    { status: 500, body: { error: "Upstream request timed out" } },
    { code: "REQUEST_TIMEOUT", status: 500 },
  ],
  [
    "410 expired download_url",
    { status: 410, body: { error: "The download_url has expired" } },
    { code: "MEDIA_NOT_FOUND", status: 410 },
  ],
  [
    "410 retired endpoint whose message names video (veniceai/skills venice-video)",
    {
      status: 410,
      headers: { Deprecation: "true", Link: '</api/v1/chat/completions>; rel="successor-version"' },
      body: {
        error:
          "POST /video/transcriptions has been removed. To analyze a video, call POST /chat/completions with a video_url content part.",
      },
    },
    { code: "RESOURCE_RETIRED", status: 410 },
  ],
  [
    "zod issues without message",
    {
      status: 400,
      body: {
        error: "Invalid request parameters",
        issues: [{ code: "too_big", maximum: 4096, path: ["input"] }],
      },
    },
    { code: "INVALID_REQUEST", fieldErrors: { input: ["Must be at most 4096"] } },
  ],
  [
    "root-level issue with an empty path",
    {
      status: 400,
      body: {
        error: "Invalid request parameters",
        issues: [
          {
            code: "unrecognized_keys",
            keys: ["safe_mode"],
            path: [],
            message: "Unrecognized key(s) in object: 'safe_mode'",
          },
        ],
      },
    },
    {
      code: "INVALID_REQUEST",
      fieldErrors: { "": ["Unrecognized key(s) in object: 'safe_mode'"] },
    },
  ],
  [
    "details and issues that disagree",
    {
      status: 400,
      body: {
        error: "Invalid request parameters",
        details: {
          _errors: [],
          voice: { _errors: ["Invalid voice"] },
          supported_voices: ["af_sky"],
        },
        issues: [{ code: "invalid_value", path: ["speed"], message: "Too fast" }],
      },
    },
    { code: "INVALID_REQUEST", fieldErrors: { voice: ["Invalid voice"], speed: ["Too fast"] } },
  ],
  [
    '"Invalid request parameters: language"',
    { status: 400, body: { error: "Invalid request parameters: language" } },
    { code: "INVALID_REQUEST", matchedBy: "message" },
  ],
  [
    "request id inside the message",
    {
      status: 400,
      headers: { "CF-RAY": "8f2a-FRA" },
      body: {
        error:
          "Invalid request parameters. For assistance, please reach out to support@venice.ai and reference request ID: 6d1f3b2a-0c4e",
      },
    },
    { code: "INVALID_REQUEST", requestId: "6d1f3b2a-0c4e" },
  ],
  [
    "numeric code in the error object",
    { body: { error: { message: "Invalid API key", type: "authentication_error", code: 401 } } },
    { code: "AUTHENTICATION_FAILED", status: 401, serverCode: "authentication_error" },
  ],
  [
    "a specific message outranks a broad error type",
    {
      status: 401,
      body: {
        error: {
          message: "This model is only available to Pro users",
          type: "authentication_error",
          code: 401,
        },
      },
    },
    {
      code: "PRO_ONLY_MODEL",
      status: 401,
      matchedBy: "message",
      serverCode: "authentication_error",
    },
  ],
  [
    "content policies wording without 'blocked'",
    {
      status: 422,
      body: { error: "Your generation violates the model provider's content policies." },
    },
    { code: "CONTENT_POLICY_VIOLATION", status: 422, matchedBy: "message" },
  ],
  [
    "numeric code only",
    { body: { error: { message: "Invalid API key", code: 401 } } },
    { code: "AUTHENTICATION_FAILED", status: 401, serverCode: "401" },
  ],
  [
    "stream content_filter_error",
    {
      status: 200,
      body: {
        error: {
          message: "Blocked",
          type: "content_filter_error",
          code: "content_blocked_by_provider",
          param: null,
        },
      },
    },
    { code: "CONTENT_POLICY_VIOLATION", status: 200, serverCode: "content_blocked_by_provider" },
  ],
  [
    "stream api_error upstream_error",
    {
      status: 200,
      body: { error: { message: "Upstream failed", type: "api_error", code: "upstream_error" } },
    },
    { code: "INFERENCE_FAILED", status: 200, serverCode: "upstream_error", retryable: true },
  ],
  [
    "/responses response.failed event",
    {
      type: "response.failed",
      response: {
        id: "resp_1",
        status: "failed",
        error: { code: "rate_limit_exceeded", message: "Slow down" },
      },
    },
    { code: "RATE_LIMIT_EXCEEDED", serverCode: "rate_limit_exceeded", message: "Slow down" },
  ],
  [
    "abuse lock-out (> 50)",
    lockOut(
      "Too many failed attempts (> 50) resulting in a non-success status code. Please wait 30s and try again.",
    ),
    { code: "TOO_MANY_FAILED_ATTEMPTS", retryAfterMs: 30_000 },
  ],
  [
    "abuse lock-out (> 200), 'Please wait 30 seconds … See https://…'",
    lockOut(
      "Too many failed attempts (> 200) resulting in a non-success status code. Please wait 30 seconds and try again. See https://docs.venice.ai/api-reference/rate-limiting for more information.",
    ),
    { code: "TOO_MANY_FAILED_ATTEMPTS", retryAfterMs: 30_000, matchedBy: "message" },
  ],
  [
    "abuse lock-out on an otherwise 200 route",
    {
      status: 200,
      body: {
        error:
          "Too many failed attempts (> 20) resulting in a non-success status code. Please wait 30s and try again.",
      },
    },
    { code: "TOO_MANY_FAILED_ATTEMPTS", status: 200 },
  ],
  [
    "crypto RPC unsuffixed rate-limit headers",
    {
      status: 429,
      headers: {
        "X-RateLimit-Limit": "100",
        "X-RateLimit-Remaining": "0",
        "X-RateLimit-Reset": "1790000060",
      },
      body: { jsonrpc: "2.0", id: 1, error: { code: -32005, message: "Rate limit exceeded" } },
    },
    {
      code: "RATE_LIMIT_EXCEEDED",
      retryAfterMs: 60_000,
      rateLimit: { limit: 100, remaining: 0, resetAt: 1_790_000_060_000 },
    },
  ],
  [
    "/billing/usage 429 with failure budget, Retry-After, Deprecation and Link",
    {
      status: 429,
      headers: {
        "x-ratelimit-remaining": "0",
        "x-ratelimit-resets": "45000",
        "Retry-After": "60",
        Deprecation: "true",
        Link: '<https://docs.venice.ai/api-reference/endpoint/billing/usage>; rel="successor-version"',
      },
      body: { error: "Rate limit exceeded" },
    },
    {
      code: "RATE_LIMIT_EXCEEDED",
      retryAfterMs: 60_000,
      rateLimit: { remainingFailures: 0, failuresResetAt: NOW + 45_000 },
      deprecation: {
        date: "true",
        link: '<https://docs.venice.ai/api-reference/endpoint/billing/usage>; rel="successor-version"',
      },
    },
  ],
  [
    "video JSON status body with leading spaces, labelled video/mp4",
    {
      status: 200,
      headers: { "Content-Type": "video/mp4" },
      body: new TextEncoder().encode('  {"status":"FAILED","error":"generation failed"}'),
    },
    {
      code: "UNKNOWN_ERROR",
      status: 200,
      message: "generation failed",
      body: { status: "FAILED", error: "generation failed" },
    },
  ],
  [
    "409 consent with consent_flow as a string",
    {
      status: 409,
      body: {
        error: "Consent required",
        consent_flow: "seedance",
        face_media_roles: ["reference"],
        consent: { consent_version: "1", policy_text: "…" },
        docs_url: "https://docs.venice.ai/consent",
      },
    },
    { code: "CONSENT_REQUIRED", status: 409 },
  ],
  [
    "Did you mean",
    { status: 404, body: { error: "Specified model not found. Did you mean: llama-3.3-70b?" } },
    { code: "MODEL_NOT_FOUND", recommendedModel: "llama-3.3-70b", matchedBy: "message" },
  ],
  [
    "Did you mean, ending with a full stop",
    { status: 404, body: { error: "Specified model not found. Did you mean: qwen3-235b." } },
    { code: "MODEL_NOT_FOUND", recommendedModel: "qwen3-235b" },
  ],
  [
    "JSON-RPC per-item error",
    {
      status: 200,
      body: { jsonrpc: "2.0", id: 2, error: { code: -32602, message: "invalid params" } },
    },
    { code: "INVALID_REQUEST", status: 200, serverCode: "-32602", message: "invalid params" },
  ],
  // §1 keywords within the status
  [
    "404 + character",
    { status: 404, body: { error: "Character 'x' does not exist" } },
    { code: "CHARACTER_NOT_FOUND" },
  ],
  [
    "404 + model",
    { status: 404, body: { error: "No such model: foo" } },
    { code: "MODEL_NOT_FOUND" },
  ],
  [
    "404 + video",
    { status: 404, body: { error: "Video queue entry missing" } },
    { code: "MEDIA_NOT_FOUND" },
  ],
  [
    "422 + moderation",
    { status: 422, body: { error: "Rejected by moderation" } },
    { code: "CONTENT_POLICY_VIOLATION" },
  ],
  [
    "403 + own wallet",
    { status: 403, body: { error: "Not your own wallet" } },
    { code: "X402_WALLET_MISMATCH" },
  ],
  [
    "402 + DIEM spend limit",
    { status: 402, body: { error: "Spend limit reached for DIEM" } },
    { code: "API_KEY_DIEM_SPEND_LIMIT_EXCEEDED" },
  ],
  [
    "402 + USD spend limit",
    { status: 402, body: { error: "USD spend limit hit" } },
    { code: "API_KEY_USD_SPEND_LIMIT_EXCEEDED" },
  ],
  // Bodies that carry nothing
  [
    "HTML 502 from Cloudflare",
    {
      status: 502,
      headers: { "content-type": "text/html", "cf-ray": "8f2a-AMS" },
      body: "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1>cloudflare</body></html>",
    },
    {
      code: "UNKNOWN_ERROR",
      status: 502,
      retryable: true,
      requestId: "8f2a-AMS",
      message: "An unknown error occurred",
    },
  ],
  [
    "empty body",
    { status: 503, body: "" },
    { code: "UNKNOWN_ERROR", status: 503, retryable: true },
  ],
  [
    "truncated JSON",
    { status: 402, body: '{"error":"Insufficient USD or Diem bal' },
    {
      code: "INSUFFICIENT_BALANCE",
      status: 402,
      message:
        "Insufficient USD or Diem balance to complete request. Visit https://venice.ai/settings/api to add credits.",
      body: '{"error":"Insufficient USD or Diem bal',
    },
  ],
];

describe("body shapes", () => {
  it.each(SHAPES)("%s", (_name, input, expected) => {
    const error = toVeniceError(input, { now: NOW });
    expect(error).toMatchObject(expected);
  });
});

describe("request id, retry hints and headers", () => {
  it("prefers x-request-id, then the body's request_id, then CF-RAY", () => {
    const headers = { "CF-RAY": "ray-1", "X-Request-Id": "xreq-1" };
    expect(classify(400, { error: "x", request_id: "body-1" }, headers).requestId).toBe("xreq-1");
    expect(
      classify(400, { error: "x", request_id: "body-1" }, { "CF-RAY": "ray-1" }).requestId,
    ).toBe("body-1");
    expect(classify(400, { error: "x" }, { "CF-RAY": "ray-1" }).requestId).toBe("ray-1");
    expect(classify(400, { error: "x" }).requestId).toBeUndefined();
  });

  it.each([
    [{ "Retry-After": "30" }, 30_000],
    [{ "retry-after": "1.5" }, 1500],
    [{ "Retry-After": "30", "retry-after-ms": "1234" }, 1234],
    [{ "retry-after-ms": "250" }, 250],
    [{ "Retry-After": new Date(NOW + 20_000).toUTCString() }, 20_000],
    [{ "Retry-After": new Date(NOW - 20_000).toUTCString() }, 0],
    [{ "Retry-After": "soon" }, undefined],
    [
      { "x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": String(NOW + 5000) },
      5000,
    ],
    [{ "x-ratelimit-remaining-tokens": "0", "x-ratelimit-reset-tokens": "7" }, 7000],
    [
      { "x-ratelimit-remaining-requests": "3", "x-ratelimit-reset-requests": String(NOW + 5000) },
      undefined,
    ],
  ])("429 with %j waits %s ms", (headers, retryAfterMs) => {
    expect(classify(429, { error: "Rate limit exceeded" }, headers).retryAfterMs).toBe(
      retryAfterMs,
    );
  });

  it("reads headers in any case, from Headers, Map, tuples and plain objects", () => {
    const pairs: Array<[string, string]> = [
      ["X-REQUEST-ID", "r-1"],
      ["Retry-After", "2"],
      ["X-Venice-Balance-USD", "1.25"],
      ["x-venice-balance-diem", "0"],
    ];
    for (const headers of [new Headers(pairs), new Map(pairs), pairs, Object.fromEntries(pairs)]) {
      const error = toVeniceError({ status: 429, headers, body: "" });
      expect(error).toMatchObject({
        requestId: "r-1",
        retryAfterMs: 2000,
        balance: { usd: 1.25, diem: 0 },
      });
    }
  });

  it("keeps the body intact and the real status", () => {
    const body = { error: "Rate limit exceeded", extra: { nested: [1, 2] } };
    const error = classify(429, JSON.stringify(body));
    expect(error.body).toEqual(body);
    expect(error.status).toBe(429);
  });

  it("redacts the given secrets and credentials in messages and bodies", () => {
    const error = toVeniceError(
      {
        status: 401,
        body: { error: "Key sk-live-abcdef is not valid (Bearer sk-live-abcdef)", api_key: "x" },
      },
      { secrets: ["sk-live-abcdef"] },
    );
    expect(error.message).not.toContain("sk-live-abcdef");
    expect(JSON.stringify(error)).not.toContain("sk-live-abcdef");
    expect(error.body).toEqual({
      error: "Key [REDACTED] is not valid (Bearer [REDACTED])",
      api_key: "[REDACTED]",
    });
  });
});

describe("other inputs", () => {
  it("returns a VeniceError as is", () => {
    const error = classify(500, "");
    expect(toVeniceError(error)).toBe(error);
  });

  it.each<[string, unknown, VeniceErrorCode]>([
    ["a bare message string", "Specified model not found", "MODEL_NOT_FOUND"],
    [
      "a parsed stream event",
      { error: { message: "x", code: "model_overloaded" } },
      "MODEL_OVERLOADED",
    ],
    ["a { statusCode } object", { statusCode: 402 }, "INSUFFICIENT_BALANCE"],
    [
      "an axios-style error",
      Object.assign(new Error("Request failed with status code 404"), {
        response: {
          status: 404,
          headers: { "x-request-id": "ax-1" },
          data: { error: "Specified model not found" },
        },
        config: { headers: { Authorization: "Bearer sk-axios-secret" } },
      }),
      "MODEL_NOT_FOUND",
    ],
    ["an unreadable Response", new Response(null, { status: 429 }), "RATE_LIMIT_EXCEEDED"],
    ["null", null, "UNKNOWN_ERROR"],
    ["a number", 42, "UNKNOWN_ERROR"],
    ["a plain Error", new Error("boom"), "UNKNOWN_ERROR"],
  ])("classifies %s", (_name, input, code) => {
    expect(toVeniceError(input).code).toBe(code);
  });

  it("keeps anything else as the cause, credentials removed", () => {
    const error = toVeniceError({ weird: true, authorization: "Bearer sk-cause-secret" });
    expect(error).toMatchObject({ code: "UNKNOWN_ERROR", matchedBy: "client" });
    expect(error.cause).toEqual({ weird: true, authorization: "[REDACTED]" });
  });
});
