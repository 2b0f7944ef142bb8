// Realistic raw Venice error bodies with the headers Venice sends: the inputs of both
// classification benchmarks (classify.bench.ts and shapes.mjs).

const common = {
  "content-type": "application/json; charset=utf-8",
  "cf-ray": "8f2a1b3c4d5e6f70-FRA",
  date: "Tue, 10 Nov 2026 10:00:00 GMT",
  server: "cloudflare",
  "x-venice-version": "20261110.1",
  "x-ratelimit-limit-requests": "500",
  "x-ratelimit-remaining-requests": "499",
  "x-ratelimit-reset-requests": "1794300000000",
  "x-ratelimit-limit-tokens": "1000000",
  "x-ratelimit-remaining-tokens": "998000",
  "x-ratelimit-reset-tokens": "1",
};

/**
 * @param {string} name
 * @param {number} status
 * @param {unknown} body
 * @param {Record<string, string>} [extra]
 */
const input = (name, status, body, extra = {}) => ({
  name,
  status,
  body: typeof body === "string" ? body : JSON.stringify(body),
  headers: new Headers({ ...common, ...extra }),
});

/** ~10 realistic raw bodies, with the headers Venice sends. */
/** @type {Array<{ name: string; status: number; body: string; headers: Headers }>} */
export const INPUTS = [
  input(
    "402 standard",
    402,
    {
      error:
        "Insufficient USD or Diem balance to complete request. Visit https://venice.ai/settings/api to add credits.",
    },
    { "x-venice-balance-usd": "0.00", "x-venice-balance-diem": "0.0" },
  ),
  input("400 detailed validation", 400, {
    error: "Invalid request parameters",
    details: {
      _errors: [],
      messages: { _errors: [], 0: { _errors: [], content: { _errors: ["Required"] } } },
      temperature: { _errors: ["Number must be less than or equal to 2"] },
    },
    issues: [
      {
        code: "invalid_type",
        expected: "string",
        path: ["messages", 0, "content"],
        message: "Required",
      },
      {
        code: "too_big",
        maximum: 2,
        path: ["temperature"],
        message: "Number must be less than or equal to 2",
      },
    ],
  }),
  input(
    "429 abuse lock-out",
    429,
    {
      error:
        "Too many failed attempts (> 20) resulting in a non-success status code. Please wait 30s and try again.",
    },
    { "retry-after": "30", "x-ratelimit-remaining": "0", "x-ratelimit-resets": "30000" },
  ),
  input(
    "429 rate limit",
    429,
    { error: "Rate limit exceeded" },
    {
      "x-ratelimit-remaining-requests": "0",
      "x-ratelimit-type": "requests",
    },
  ),
  input(
    "404 did-you-mean",
    404,
    {
      error: "Specified model not found. Did you mean: llama-3.3-70b?",
    },
    { "x-request-id": "req_01J9ZK3Q4X" },
  ),
  input("400 context length (OpenAI style)", 400, {
    error: {
      message:
        "Your request exceeds the model's maximum context. Please reduce your prompt or completion length.",
      type: "invalid_request_error",
      param: "messages",
      code: "context_length_exceeded",
    },
  }),
  input("422 video content policy", 422, {
    error: {
      message: "Your generation was blocked due to the model provider's content policies.",
      type: "provider_content_policy",
      recommended_model: "wan-2.5-preview-image-to-video",
      credits_refunded: true,
    },
  }),
  input(
    "502 HTML",
    502,
    "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>cloudflare</center></body></html>",
    { "content-type": "text/html" },
  ),
  input("500 inference failed", 500, {
    error:
      "Inference processing failed, reference request ID: 8f2a1b3c-77aa-4c1e-9d1b-0a5e3c2f1d00",
  }),
  input(
    "200 in-stream event",
    200,
    {
      error: {
        message: "The model is currently overloaded. Please try again later.",
        type: "server_error",
        code: "model_overloaded",
        retry_after: 30,
      },
    },
    { "content-type": "text/event-stream" },
  ),
  input("400 validation, 2024 form", 400, {
    error: [
      {
        code: "invalid_type",
        expected: "string",
        received: "undefined",
        path: ["model"],
        message: "Required",
      },
    ],
  }),
  input("400 details as a string", 400, {
    error: "Invalid request parameters",
    details: "temperature must be between 0 and 2",
  }),
  input("400 upstream with request_id", 400, {
    error: "Upstream provider rejected the request",
    request_id: "req_9f8e7d6c5b4a",
  }),
  input("413 code field", 413, {
    code: "PAYLOAD_TOO_LARGE",
    error: "The request payload is too large. Please reduce the size of your request.",
  }),
  input("409 consent", 409, {
    error: { code: "needs_consent", message: "You must accept the model's terms first." },
    consent_flow: { url: "https://venice.ai/consent/abc" },
  }),
  input(
    "402 x402 payment",
    402,
    {
      x402Version: 1,
      error: "Payment required",
      accepts: [{ scheme: "exact", network: "base", maxAmountRequired: "10000" }],
    },
    { "payment-required": "x402" },
  ),
  input("410 retired, empty body", 410, "", {
    deprecation: "@1794300000",
    sunset: "Tue, 01 Dec 2026 00:00:00 GMT",
    link: '<https://docs.venice.ai/models>; rel="deprecation"',
  }),
  input("503 plain text", 503, "The model is at capacity. Please try again later.", {
    "content-type": "text/plain",
  }),
];
