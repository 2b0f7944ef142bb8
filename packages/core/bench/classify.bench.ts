/**
 * `pnpm bench`: the cost of classifying realistic raw Venice error bodies, side by side with
 * what the `openai` package does with the same body (a safe JSON.parse, then
 * `APIError.generate`, exactly as its client does) and with a bare `JSON.parse` (the floor).
 */
import { APIError } from "openai";
import { bench, describe } from "vitest";
import { toVeniceError } from "../src/index.js";

/** openai-node's own `safeJSON` (internal/utils/values): parse, or undefined. */
function safeJSON(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

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

interface Input {
  name: string;
  status: number;
  body: string;
  headers: Headers;
}

const input = (
  name: string,
  status: number,
  body: unknown,
  extra: Record<string, string> = {},
) => ({
  name,
  status,
  body: typeof body === "string" ? body : JSON.stringify(body),
  headers: new Headers({ ...common, ...extra }),
});

/** ~10 realistic raw bodies, with the headers Venice sends. */
export const INPUTS: Input[] = [
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
];

for (const { name, status, body, headers } of INPUTS) {
  describe(name, () => {
    bench("JSON.parse (floor)", () => {
      safeJSON(body);
    });
    bench("openai APIError.generate", () => {
      const json = safeJSON(body);
      APIError.generate(status, json, json ? undefined : body, headers);
    });
    bench("toVeniceError", () => {
      toVeniceError({ status, headers, body });
    });
  });
}

describe("all inputs", () => {
  bench("JSON.parse (floor)", () => {
    for (const { body } of INPUTS) safeJSON(body);
  });
  bench("openai APIError.generate", () => {
    for (const { status, body, headers } of INPUTS) {
      const json = safeJSON(body);
      APIError.generate(status, json, json ? undefined : body, headers);
    }
  });
  bench("toVeniceError", () => {
    for (const { status, body, headers } of INPUTS) toVeniceError({ status, headers, body });
  });
});
