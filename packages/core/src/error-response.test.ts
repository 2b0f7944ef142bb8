import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { connectionRefused, essentials, FIELD_ERRORS_BODY } from "./__fixtures__/relay.js";
import { veniceActionError } from "./action-error.js";
import { veniceErrorResponse } from "./error-response.js";
import { parseVeniceError } from "./parse-venice-error.js";
import { veniceStreamErrorText } from "./stream-error-text.js";
import { toVeniceError } from "./to-venice-error.js";
import { VeniceError } from "./venice-error.js";

const NOW = 1_790_000_000_000;
const KEY = "sk-venice-0123456789abcdef";
const PRIVATE = {
  Authorization: `Bearer ${KEY}`,
  Cookie: `session=${KEY}`,
  "Set-Cookie": `__cf_bm=${KEY}`,
  "X-Api-Key": KEY,
  "x-internal-trace": "internal",
};

/** Errors a server meets, each with the details the browser must get back. */
const SERVER_ERRORS: Array<[name: string, error: VeniceError, status: number]> = [
  [
    "429 with Retry-After and rate limits",
    toVeniceError(
      {
        status: 429,
        headers: {
          ...PRIVATE,
          "Retry-After": "1.2",
          "x-request-id": "req_429",
          "x-ratelimit-remaining-requests": "0",
          "x-ratelimit-reset-requests": String(NOW + 60_000),
        },
        body: { error: "Rate limit exceeded" },
      },
      { now: NOW },
    ),
    429,
  ],
  [
    "400 with field errors",
    toVeniceError({
      status: 400,
      headers: { ...PRIVATE, "CF-RAY": "8f2a-FRA" },
      body: FIELD_ERRORS_BODY,
    }),
    400,
  ],
  [
    "402 out of credits",
    toVeniceError({ status: 402, headers: { "x-venice-balance-usd": "0" }, body: "" }),
    402,
  ],
  ["connection error (no HTTP answer)", toVeniceError(connectionRefused()), 502],
  [
    "in-stream overload (stream status 200)",
    toVeniceError({
      status: 200,
      body: { error: { message: "overloaded", code: "model_overloaded", retry_after: 30 } },
    }),
    429,
  ],
];

function expectNoSecret(text: string) {
  expect(text).not.toContain(KEY);
  expect(text).not.toMatch(/authorization|cookie|api-key|x-internal-trace/i);
}

describe.each(SERVER_ERRORS)("%s", (_name, error, status) => {
  it("veniceErrorResponse: real status, relayed headers, no-store, JSON body", async () => {
    const response = veniceErrorResponse(error);
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const wait = error.retryAfterMs;
    expect(response.headers.get("retry-after")).toBe(
      wait === undefined ? null : String(Math.ceil(wait / 1000)),
    );
    expect(response.headers.get("x-request-id")).toBe(error.requestId ?? null);
    const headers = JSON.stringify([...response.headers]);
    expectNoSecret(headers);
    const text = await response.text();
    expectNoSecret(text);
    expect(JSON.parse(text)).toEqual({ error: JSON.parse(JSON.stringify(error.toJSON())) });
  });

  it("the browser revives the Response, its parsed body and the error text", async () => {
    const revived = await parseVeniceError(veniceErrorResponse(error));
    expect(essentials(revived)).toEqual(essentials(error));
    const body = await veniceErrorResponse(error).json();
    expect(essentials(toVeniceError(body))).toEqual(essentials(error));
    expect(essentials(toVeniceError(body.error))).toEqual(essentials(error));
    const asText = new Error(await veniceErrorResponse(error).text());
    expect(essentials(toVeniceError(asText))).toEqual(essentials(error));
  });

  it("veniceActionError is plain JSON that revives to the same error", () => {
    const result = veniceActionError(error);
    expect(result.ok).toBe(false);
    // React serializes plain data only: the JSON round trip must lose nothing.
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    expect(structuredClone(result)).toEqual(result);
    expectNoSecret(JSON.stringify(result));
    expect(essentials(toVeniceError(result))).toEqual(essentials(error));
    expect(essentials(toVeniceError(result.error))).toEqual(essentials(error));
  });

  it("veniceStreamErrorText revives from useChat's new Error(errorText)", () => {
    const text = veniceStreamErrorText(error);
    expectNoSecret(text);
    expect(essentials(toVeniceError(new Error(text)))).toEqual(essentials(error));
  });

  it("the openai client reads the relayed answer as the same error", async () => {
    const client = new OpenAI({
      apiKey: "sk-relay-test",
      baseURL: "http://127.0.0.1:9/api",
      maxRetries: 0,
      fetch: async () => veniceErrorResponse(error),
    });
    const thrown = await client.models.list().catch((caught: unknown) => caught);
    expect(thrown).toBeInstanceOf(OpenAI.APIError);
    expect((thrown as InstanceType<typeof OpenAI.APIError>).message).toContain(error.message);
    expect(essentials(toVeniceError(thrown))).toMatchObject({
      ...essentials(error),
      // openai sees the relayed HTTP status; the relayed body keeps the original one.
      status: error.status,
    });
  });
});

describe("veniceErrorResponse options and hostile input", () => {
  it("init adds headers and overrides the status", () => {
    const error = SERVER_ERRORS[0]![1];
    const response = veniceErrorResponse(error, {
      status: 503,
      headers: { "x-app": "1", "cache-control": "private, no-store" },
    });
    expect(response.status).toBe(503);
    expect(response.headers.get("x-app")).toBe("1");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
  });

  it("rounds Retry-After up to whole seconds", () => {
    const error = new VeniceError({ code: "RATE_LIMIT_EXCEEDED", retryAfterMs: 1001 });
    expect(veniceErrorResponse(error).headers.get("retry-after")).toBe("2");
    const zero = new VeniceError({ code: "RATE_LIMIT_EXCEEDED", retryAfterMs: 0 });
    expect(veniceErrorResponse(zero).headers.get("retry-after")).toBe("0");
  });

  it("accepts anything toVeniceError does, and never throws", async () => {
    const cyclic: Record<string, unknown> = { error: "Inference processing failed" };
    cyclic.self = cyclic;
    for (const input of [
      new Error("boom"),
      "plain text",
      null,
      { status: 500, body: cyclic },
      { status: 503, headers: { "x-ratelimit-type": "bad\r\nvalue" } },
    ]) {
      const response = veniceErrorResponse(input);
      expect(response.status).toBeGreaterThanOrEqual(400);
      const revived = await parseVeniceError(response);
      expect(revived.code).toBe(toVeniceError(input).code);
    }
    expect(veniceActionError(new Error("boom")).error.code).toBe("UNKNOWN_ERROR");
  });
});
