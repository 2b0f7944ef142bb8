import { parseRateLimitHeaders, parseVeniceError, toVeniceError } from "@venice-errors/core";
import { describe, expect, it } from "vitest";
import { CLIENT_SIDE_CODES, createErrorBody, shapesFor } from "./bodies.js";
import { createGatewayErrorAnswer, createGatewayErrorResponse } from "./gateway.js";
import {
  exhaustedRateLimitHeaders,
  failureBudgetHeaders,
  type ResetUnit,
  rateLimitHeaders,
  retryAfterHeader,
  unsuffixedRateLimitHeaders,
} from "./headers.js";
import { createIdGenerator } from "./ids.js";
import { createErrorResponse } from "./responses.js";
import { createSseEvents, createSseResponse } from "./stream.js";
import { createVeniceError } from "./venice-error.js";

const NOW = Date.UTC(2026, 10, 1, 12, 0, 0);

describe("createErrorBody", () => {
  it("uses the shape Venice really sends for each code", () => {
    expect(createErrorBody("INSUFFICIENT_BALANCE")).toEqual({
      error:
        "Insufficient USD or Diem balance to complete request. Visit https://venice.ai/settings/api to add credits.",
    });
    expect(createErrorBody("TOO_MANY_TOKENS")).toEqual({
      error: {
        message:
          "Your request exceeds the model's maximum context. Please reduce your prompt or completion length.",
        type: "invalid_request_error",
        param: "messages",
        code: "context_length_exceeded",
      },
    });
    expect(createErrorBody("PAYLOAD_TOO_LARGE")).toEqual({
      code: "PAYLOAD_TOO_LARGE",
      error: "The request payload is too large. Please reduce the size of your request.",
    });
    expect(createErrorBody("CONTENT_POLICY_VIOLATION")).toMatchObject({ credits_refunded: true });
    expect(createErrorBody("CONSENT_REQUIRED")).toMatchObject({
      error: { code: "needs_consent" },
      consent_flow: expect.any(Object),
    });
    expect(createErrorBody("PAYMENT_REQUIRED")).toMatchObject({
      x402Version: 1,
      accepts: expect.any(Array),
    });
    expect(createErrorBody("TOO_MANY_FAILED_ATTEMPTS").error).toBe(
      "Too many failed attempts (> 20) resulting in a non-success status code. Please wait 30s and try again.",
    );
  });

  it("builds validation bodies whose details and issues agree with the field errors", () => {
    const fieldErrors = {
      "messages.0.content": ["Required"],
      "": ["Unrecognized key(s) in object: 'safe_mode'"],
    };
    const body = createErrorBody("INVALID_REQUEST", { fieldErrors });
    expect(body.details).toEqual({
      _errors: ["Unrecognized key(s) in object: 'safe_mode'"],
      messages: { _errors: [], 0: { _errors: [], content: { _errors: ["Required"] } } },
    });
    expect(body.issues).toContainEqual(
      expect.objectContaining({ path: ["messages", 0, "content"], message: "Required" }),
    );
    expect(toVeniceError({ status: 400, body }).fieldErrors).toEqual(fieldErrors);
    const legacy = createErrorBody("INVALID_REQUEST", { shape: "legacy-issues", fieldErrors });
    expect(toVeniceError({ status: 400, body: legacy }).fieldErrors).toEqual(fieldErrors);
  });

  it("merges message and extra fields", () => {
    const body = createErrorBody("MODEL_NOT_FOUND", {
      message: "Specified model not found. Did you mean: llama-3.3-70b?",
      fields: { request_id: "abc123456" },
    });
    const error = toVeniceError({ status: 404, body });
    expect(error.code).toBe("MODEL_NOT_FOUND");
    expect(error.recommendedModel).toBe("llama-3.3-70b");
    expect(error.requestId).toBe("abc123456");
  });

  it("refuses client-side codes and shapes a code never comes in", () => {
    for (const code of CLIENT_SIDE_CODES) {
      expect(() => createErrorBody(code)).toThrow(/client-side error.*createVeniceError/);
      expect(() => createErrorResponse(code)).toThrow(TypeError);
    }
    expect(() => createErrorBody("MODEL_OFFLINE", { shape: "consent" })).toThrow(
      /MODEL_OFFLINE does not come in the "consent" shape; use one of: standard/,
    );
    expect(shapesFor("INVALID_REQUEST")[0]).toBe("detailed");
  });
});

describe("createErrorResponse", () => {
  it("is a real Response with CF-RAY, x-request-id, Content-Type and rate limits", async () => {
    const response = createErrorResponse("RATE_LIMIT_EXCEEDED", { now: () => NOW, seed: 3 });
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(429);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("cf-ray")).toMatch(/^[0-9a-f]{16}-[A-Z]{3}$/);
    expect(response.headers.get("retry-after")).toBe("30");
    expect(response.headers.get("x-ratelimit-remaining-requests")).toBe("0");
    expect(response.headers.get("x-ratelimit-reset-requests")).toBe(String(NOW + 30_000));
    const error = await parseVeniceError(response, { now: NOW });
    expect(error.retryAfterMs).toBe(30_000);
    expect(error.rateLimit?.remainingRequests).toBe(0);
  });

  it("is deterministic for a seed and differs across seeds", () => {
    const ray = (seed: number) =>
      createErrorResponse("UNAUTHORIZED", { seed }).headers.get("cf-ray");
    expect(ray(1)).toBe(ray(1));
    expect(ray(1)).not.toBe(ray(2));
    const shared = createIdGenerator(5);
    const a = createErrorResponse("UNAUTHORIZED", { ids: shared }).headers.get("x-request-id");
    const b = createErrorResponse("UNAUTHORIZED", { ids: shared }).headers.get("x-request-id");
    expect(a).not.toBe(b);
  });

  it("carries the code's own headers", async () => {
    const retired = await parseVeniceError(
      createErrorResponse("RESOURCE_RETIRED", { now: () => NOW }),
    );
    expect(retired.code).toBe("RESOURCE_RETIRED");
    expect(retired.deprecation?.sunset).toBe(new Date(NOW).toUTCString());
    expect(retired.deprecation?.link).toContain('rel="deprecation"');
    expect(retired.recommendedModel).toBe("venice-uncensored");

    const payment = createErrorResponse("PAYMENT_REQUIRED");
    const header = JSON.parse(atob(payment.headers.get("payment-required") ?? ""));
    expect(header.x402Version).toBe(1);

    const balance = await parseVeniceError(createErrorResponse("INSUFFICIENT_BALANCE"));
    expect(balance.balance).toEqual({ usd: 0, diem: 0 });

    const abuse = await parseVeniceError(
      createErrorResponse("TOO_MANY_FAILED_ATTEMPTS", { now: () => NOW }),
    );
    expect(abuse.retryAfterMs).toBe(30_000);
    expect(abuse.rateLimit?.remainingFailures).toBe(0);
  });

  it("lets options change status, headers, Retry-After and the body", async () => {
    const response = createErrorResponse("MODEL_OVERLOADED", {
      status: 500,
      retryAfter: null,
      requestId: "req-fixed-1",
      headers: { "x-custom": "1", "cf-ray": null },
    });
    expect(response.status).toBe(500);
    expect(response.headers.get("retry-after")).toBeNull();
    expect(response.headers.get("cf-ray")).toBeNull();
    expect(response.headers.get("x-custom")).toBe("1");
    const error = await parseVeniceError(response);
    expect(error.code).toBe("MODEL_OVERLOADED");
    expect(error.requestId).toBe("req-fixed-1");

    const html = createErrorResponse("UNKNOWN_ERROR", {
      status: 502,
      body: "<html><body>502 Bad Gateway</body></html>",
      headers: { "content-type": "text/html" },
    });
    const gateway = await parseVeniceError(html);
    expect([gateway.code, gateway.status]).toEqual(["UNKNOWN_ERROR", 502]);
  });
});

describe("rate-limit header builders", () => {
  const units: ResetUnit[] = ["epoch-ms", "epoch-seconds", "seconds"];
  it.each(units)("writes resets in %s that core reads back as the same moment", (unit) => {
    const headers = rateLimitHeaders({
      unit,
      now: NOW,
      resetRequestsInMs: 20_000,
      resetTokensInMs: 5_000,
    });
    const parsed = parseRateLimitHeaders(headers, NOW);
    expect(parsed?.resetRequestsAt).toBe(NOW + 20_000);
    expect(parsed?.resetTokensAt).toBe(NOW + 5_000);
    expect(parsed?.limitRequests).toBe(500);
    expect(parsed?.remainingRequests).toBe(499);
  });

  it("writes the docs' mixed units (Unix seconds for requests, seconds-from-now for tokens)", () => {
    const headers = rateLimitHeaders({ unit: "epoch-seconds", tokensUnit: "seconds", now: NOW });
    expect(headers["x-ratelimit-reset-requests"]).toBe(String(NOW / 1000 + 60));
    expect(headers["x-ratelimit-reset-tokens"]).toBe("60");
  });

  it("builds the exhausted, failure-budget, unsuffixed and Retry-After headers", () => {
    expect(exhaustedRateLimitHeaders({ now: NOW })["x-ratelimit-remaining-requests"]).toBe("0");
    expect(
      parseRateLimitHeaders(failureBudgetHeaders({ remaining: 3, resetsInMs: 9000 }), NOW),
    ).toEqual({
      remainingFailures: 3,
      failuresResetAt: NOW + 9000,
    });
    expect(parseRateLimitHeaders(unsuffixedRateLimitHeaders({ now: NOW }), NOW)).toEqual({
      limit: 100,
      remaining: 99,
      resetAt: NOW + 60_000,
    });
    expect(retryAfterHeader(12)).toEqual({ "retry-after": "12" });
    expect(retryAfterHeader(new Date(NOW))).toEqual({ "retry-after": new Date(NOW).toUTCString() });
  });
});

describe("SSE streams", () => {
  it("emits chunk events, the in-band error and [DONE]", () => {
    const events = createSseEvents({
      chunks: ["Hel", "lo"],
      error: "MODEL_OVERLOADED",
      now: () => NOW,
    });
    expect(events).toHaveLength(4);
    expect(JSON.parse(events[0]!.slice(6))).toMatchObject({
      object: "chat.completion.chunk",
      created: NOW / 1000,
      choices: [{ delta: { role: "assistant", content: "Hel" } }],
    });
    expect(JSON.parse(events[2]!.slice(6))).toEqual({
      error: {
        message: "The model is currently overloaded. Please try again later.",
        type: "server_error",
        code: "model_overloaded",
        param: null,
        retry_after: 30,
      },
    });
    expect(events[3]).toBe("data: [DONE]\n\n");
  });

  it("ends a clean stream with finish_reason stop", () => {
    const events = createSseEvents({ chunks: 1 });
    expect(JSON.parse(events[1]!.slice(6)).choices[0].finish_reason).toBe("stop");
  });

  it("createSseResponse streams, and errors mid-way with cutAfter", async () => {
    const text = await createSseResponse({ chunks: 3 }).text();
    expect(text.split("\n\n").filter(Boolean)).toHaveLength(5);
    const cut = createSseResponse({ chunks: 3, cutAfter: 2 });
    expect(cut.headers.get("content-type")).toBe("text/event-stream");
    await expect(cut.text()).rejects.toThrow(/terminated/);
  });
});

describe("createVeniceError", () => {
  it("classifies a realistic answer (matchedBy, request id, body)", () => {
    const error = createVeniceError("PAYLOAD_TOO_LARGE", { requestId: "req-42" });
    expect(error.matchedBy).toBe("code-field");
    expect(error.requestId).toBe("req-42");
    expect(error.body).toEqual(createErrorBody("PAYLOAD_TOO_LARGE"));
  });

  it("applies overrides", () => {
    const attempts = [
      { attempt: 1, status: 429, code: "RATE_LIMIT_EXCEEDED" as const, waitedMs: 0 },
    ];
    const error = createVeniceError("RATE_LIMIT_EXCEEDED", {
      retryAfterMs: 1500,
      attempts,
      message: "Slow down",
    });
    expect(error.retryAfterMs).toBe(1500);
    expect(error.attempts).toEqual(attempts);
    expect(error.message).toBe("Slow down");
    expect(error.code).toBe("RATE_LIMIT_EXCEEDED");
  });

  it.each(["CONNECTION_ERROR", "CLIENT_TIMEOUT", "ABORTED"] as const)(
    "%s has status 0 and a cause core classifies the same way",
    (code) => {
      const error = createVeniceError(code);
      expect(error.status).toBe(0);
      expect(error.matchedBy).toBe("client");
      expect(toVeniceError(error.cause).code).toBe(code);
    },
  );
});

describe("createGatewayErrorAnswer", () => {
  it.each([
    [502, "UNKNOWN_ERROR"],
    [520, "UNKNOWN_ERROR"],
    [522, "UNKNOWN_ERROR"],
    [524, "REQUEST_TIMEOUT"],
  ] as const)(
    "Cloudflare's %i page classifies as %s with its status and ray id",
    async (status, code) => {
      const response = createGatewayErrorResponse(status, { cfRay: "8f1d2c3b4a5e6f70-AMS" });
      expect(response.headers.get("content-type")).toMatch(/^text\/html/);
      const error = await parseVeniceError(response);
      expect(error).toMatchObject({
        code,
        status,
        retryable: true,
        requestId: "8f1d2c3b4a5e6f70-AMS",
      });
      // The page is not a message: the person sees the catalog's text, not HTML.
      expect(error.message).not.toMatch(/</);
    },
  );

  it("names the status in the page, is deterministic per seed, and refuses a status Cloudflare does not send", () => {
    const a = createGatewayErrorAnswer(523, { seed: 7 });
    expect(a.body).toContain("523: Origin is unreachable");
    expect(a.headers.server).toBe("cloudflare");
    expect(a.headers["x-request-id"]).toBeUndefined();
    expect(createGatewayErrorAnswer(523, { seed: 7 }).headers["cf-ray"]).toBe(a.headers["cf-ray"]);
    expect(() => createGatewayErrorAnswer(418 as never)).toThrow(TypeError);
  });
});
