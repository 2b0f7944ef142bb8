import { describe, expect, it } from "vitest";
import { toVeniceError } from "../to-venice-error.js";
import {
  consentRequiredErrorBodySchema,
  detailedErrorBodySchema,
  openAIErrorBodySchema,
  providerContentPolicyErrorBodySchema,
  responseFailedEventSchema,
  serializedVeniceErrorSchema,
  standardErrorBodySchema,
  streamErrorEventSchema,
  veniceErrorBodySchema,
  x402DiscoveryBodySchema,
} from "./index.js";

// Bodies as venice-api-facts §2, §4 and §8 show them.
const bodies = {
  standard: { error: "Invalid request parameters" },
  detailed: {
    error: "Invalid request parameters",
    details: { _errors: [], field: { _errors: ["Field is required"] } },
    issues: [{ code: "invalid_type", path: ["field"], message: "Field is required" }],
  },
  issueWithoutMessage: {
    error: "Invalid request parameters",
    details: { _errors: [] },
    issues: [{ code: "too_big", maximum: 4096, path: ["input"] }],
  },
  legacy: { error: [{ code: "invalid_type", path: ["model"], message: "Required" }] },
  openai: {
    error: {
      message: "Your request exceeds the model's maximum context.",
      type: "invalid_request_error",
      param: "messages",
      code: "context_length_exceeded",
    },
  },
  numericCode: { error: { message: "Invalid API key", type: "authentication_error", code: 401 } },
  providerPolicy: {
    error: {
      message: "Blocked by the provider",
      type: "provider_content_policy",
      recommended_model: "wan-2.1",
      credits_refunded: true,
    },
  },
  payloadTooLarge: { code: "PAYLOAD_TOO_LARGE", error: "The request payload is too large." },
  consent: {
    error: { code: "needs_consent", message: "Accept the terms" },
    consent_flow: "seedance",
  },
  discovery: { x402Version: 1, error: "Authentication required", accepts: [], authOptions: [] },
  topUp: {
    error: "X402_INVALID_PAYMENT",
    message: "Invalid payment header",
    details: { reason: "x" },
  },
  responseFailed: {
    type: "response.failed",
    response: { error: { code: "upstream_error", message: "Upstream failed" } },
  },
};

describe("body schemas", () => {
  it.each(Object.entries(bodies))("the union accepts the %s shape", (_name, body) => {
    expect(veniceErrorBodySchema.safeParse(body).success).toBe(true);
  });

  it("each specific schema accepts its own shape and rejects a different one", () => {
    const pairs = [
      [standardErrorBodySchema, bodies.standard, bodies.openai],
      [detailedErrorBodySchema, bodies.detailed, bodies.standard],
      [openAIErrorBodySchema, bodies.openai, bodies.standard],
      [providerContentPolicyErrorBodySchema, bodies.providerPolicy, bodies.openai],
      [consentRequiredErrorBodySchema, bodies.consent, bodies.standard],
      [x402DiscoveryBodySchema, bodies.discovery, bodies.standard],
      [responseFailedEventSchema, bodies.responseFailed, bodies.openai],
    ] as const;
    for (const [schema, good, bad] of pairs) {
      expect(schema.safeParse(good).success).toBe(true);
      expect(schema.safeParse(bad).success).toBe(false);
    }
  });

  it("stream error events come as an object or a string", () => {
    expect(streamErrorEventSchema.safeParse({ error: "Model overloaded" }).success).toBe(true);
    expect(
      streamErrorEventSchema.safeParse({
        error: { message: "busy", type: "server_error", code: "model_overloaded", retry_after: 30 },
      }).success,
    ).toBe(true);
    expect(streamErrorEventSchema.safeParse({ choices: [] }).success).toBe(false);
  });

  it("rejects what is not an error body", () => {
    expect(veniceErrorBodySchema.safeParse({ choices: [] }).success).toBe(false);
    expect(veniceErrorBodySchema.safeParse("Internal Server Error").success).toBe(false);
  });

  it("describes toJSON() output", () => {
    const json = toVeniceError({
      status: 429,
      headers: { "retry-after": "3", "x-request-id": "req_1" },
      body: { error: "Rate limit exceeded" },
    }).toJSON();
    expect(serializedVeniceErrorSchema.parse(JSON.parse(JSON.stringify(json)))).toMatchObject({
      code: "RATE_LIMIT_EXCEEDED",
      retryAfterMs: 3000,
    });
    expect(serializedVeniceErrorSchema.safeParse({ ...json, code: "NOT_A_CODE" }).success).toBe(
      false,
    );
  });
});
