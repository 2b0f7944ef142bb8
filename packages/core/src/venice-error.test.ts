import { describe, expect, it, vi } from "vitest";
import { ALL_VENICE_ERROR_CODES, catalog } from "./catalog.js";
import { redactText } from "./redact.js";
import { toVeniceError } from "./to-venice-error.js";
import { isVeniceError, VeniceError } from "./venice-error.js";

const NOW = 1_790_000_000_000;
const SECRET = "sk-venice-0123456789abcdef";

const HEADERS = {
  Authorization: `Bearer ${SECRET}`,
  "Proxy-Authorization": `Basic ${SECRET}`,
  Cookie: `session=${SECRET}`,
  "Set-Cookie": `__cf_bm=${SECRET}; HttpOnly`,
  "X-Api-Key": SECRET,
  "X-Venice-Api-Key": SECRET,
  "CF-RAY": "8f2a1b3c-FRA",
  "x-request-id": "req_7",
  "x-ratelimit-remaining-requests": "0",
  "x-ratelimit-reset-requests": String(NOW + 10_000),
  "x-venice-balance-usd": "2.5",
  "x-internal-trace": "not for browsers",
};

/** Realistic errors with every optional field filled somewhere. */
const SAMPLES = [
  toVeniceError(
    {
      status: 400,
      headers: HEADERS,
      body: {
        error: "Invalid request parameters",
        details: { _errors: [], model: { _errors: ["Required"] } },
        issues: [{ code: "too_big", maximum: 4096, path: ["input"] }],
      },
    },
    { now: NOW },
  ),
  toVeniceError(
    { status: 429, headers: HEADERS, body: '{"error":"Rate limit exceeded"}' },
    { now: NOW },
  ),
  toVeniceError(
    {
      status: 422,
      headers: { ...HEADERS, Deprecation: "true", Sunset: "Wed, 01 Jul 2026 00:00:00 GMT" },
      body: {
        error: {
          message: "Blocked",
          type: "provider_content_policy",
          recommended_model: "m2",
          credits_refunded: true,
        },
        suggested_prompt: "a cat",
      },
    },
    { now: NOW },
  ),
  toVeniceError({
    status: 401,
    headers: HEADERS,
    body: { error: "x", code: "X402_SIGN_IN_EXPIRED" },
  }),
  toVeniceError(new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } })),
  Object.assign(toVeniceError({ status: 503, headers: HEADERS }), {
    attempts: [
      { attempt: 1, status: 503, code: "UNKNOWN_ERROR" as const, waitedMs: 0 },
      { attempt: 2, status: 503, code: "UNKNOWN_ERROR" as const, waitedMs: 412, requestId: "r2" },
    ],
  }),
];

describe("VeniceError", () => {
  it("is an Error with the catalog's defaults and keeps its stack trace", () => {
    const error = new VeniceError({ code: "MODEL_OFFLINE" });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: "VeniceError",
      code: "MODEL_OFFLINE",
      status: 503,
      retryable: true,
      message: "The model is temporarily offline. Please try again later.",
      category: "capacity",
      userAction: "wait_and_retry",
      attempts: [],
    });
    expect(error.stack).toMatch(/^VeniceError: The model is temporarily offline/);
    expect(error.stack).toContain("venice-error.test.ts");
  });

  // The constructor skips redaction for a message that is exactly the catalog's text; that is
  // only sound while no catalog text looks like a credential to the redaction patterns.
  it("the catalog's texts pass redaction unchanged, and a server's text is still redacted", () => {
    for (const code of ALL_VENICE_ERROR_CODES) {
      expect(redactText(catalog[code].message), code).toBe(catalog[code].message);
      expect(new VeniceError({ code, message: catalog[code].message }).message).toBe(
        catalog[code].message,
      );
    }
    const leaked = `${catalog.INSUFFICIENT_BALANCE.message} Authorization: Bearer ${SECRET}`;
    const error = new VeniceError({ code: "INSUFFICIENT_BALANCE", message: leaked });
    expect(error.message).not.toContain(SECRET);
    expect(error.stack).not.toContain(SECRET);
  });

  it("an unknown code becomes UNKNOWN_ERROR", () => {
    for (const code of ["NOPE", "toString", "__proto__"]) {
      expect(new VeniceError({ code: code as "UNKNOWN_ERROR" }).code).toBe("UNKNOWN_ERROR");
    }
  });

  it("derives request id, rate limit, balance and deprecation from the headers when built by hand", () => {
    const error = new VeniceError({ code: "RATE_LIMIT_EXCEEDED", headers: HEADERS, now: NOW });
    expect(error).toMatchObject({
      requestId: "req_7",
      rateLimit: { remainingRequests: 0, resetRequestsAt: NOW + 10_000 },
      balance: { usd: 2.5 },
    });
    expect(error.deprecation).toBeUndefined();
  });

  it("headers are lower-case with every credential removed", () => {
    const headers = SAMPLES[0]!.headers;
    expect(headers["cf-ray"]).toBe("8f2a1b3c-FRA");
    for (const name of [
      "authorization",
      "proxy-authorization",
      "cookie",
      "set-cookie",
      "x-api-key",
      "x-venice-api-key",
    ]) {
      expect(headers).not.toHaveProperty(name);
    }
    expect(JSON.stringify(headers)).not.toContain(SECRET);
  });

  it.each(SAMPLES.map((error) => [error.code, error] as const))(
    "%s: toJSON has no credentials and only public headers",
    (_code, error) => {
      const json = error.toJSON();
      const text = JSON.stringify(error);
      expect(text).not.toContain(SECRET);
      expect(text).not.toMatch(/authorization|cookie|api-key/i);
      expect(Object.keys(json.headers ?? {})).not.toContain("x-internal-trace");
      expect(json).toMatchObject({ name: "VeniceError", code: error.code, status: error.status });
    },
  );

  it.each(SAMPLES.map((error) => [error.code, error] as const))(
    "%s: toVeniceError(JSON round trip) gives the same error",
    (_code, error) => {
      const revived = toVeniceError(JSON.parse(JSON.stringify(error)));
      expect(revived).not.toBe(error);
      expect(revived.toJSON()).toEqual(error.toJSON());
      expect(revived).toMatchObject({
        code: error.code,
        status: error.status,
        message: error.message,
        retryable: error.retryable,
        requestId: error.requestId,
        fieldErrors: error.fieldErrors,
      });
    },
  );

  it("a serialized error relayed as another server's body is revived", () => {
    const original = SAMPLES[0]!;
    const relayed = toVeniceError({ status: 400, body: JSON.stringify({ error: original }) });
    expect(relayed).toMatchObject({
      code: "INVALID_REQUEST",
      status: 400,
      fieldErrors: original.fieldErrors,
    });
    // The real answer's status wins over the one the body claims (relayed.test.ts has more).
    expect(toVeniceError({ status: 500, body: { error: original.toJSON() } }).status).toBe(500);
  });

  it("optional fields are absent, not undefined own properties", () => {
    const error = new VeniceError({ code: "ABORTED", status: 0 });
    expect(Object.hasOwn(error, "serverCode")).toBe(false);
    expect(Object.keys(error.toJSON()).sort()).toEqual(
      [
        "category",
        "code",
        "docsUrl",
        "matchedBy",
        "message",
        "name",
        "retryable",
        "status",
        "userAction",
      ].sort(),
    );
  });

  it.each(ALL_VENICE_ERROR_CODES)("%s: isVeniceError and isInstance are true", (code) => {
    const error = new VeniceError({ code });
    expect(isVeniceError(error)).toBe(true);
    expect(VeniceError.isInstance(error)).toBe(true);
  });

  it.each([
    null,
    undefined,
    {},
    new Error("x"),
    { name: "VeniceError", code: "UNKNOWN_ERROR" },
    "VeniceError",
  ])("isVeniceError(%j) is false", (value) => {
    expect(isVeniceError(value)).toBe(false);
  });

  it("works across two copies of the package (brand, not class)", async () => {
    // A fresh module graph: a second instance of the package with its own VeniceError class.
    vi.resetModules();
    const copy = await import("./index.js");
    expect(copy.VeniceError).not.toBe(VeniceError);
    const foreign = copy.toVeniceError({ status: 402 });
    expect(foreign).not.toBeInstanceOf(VeniceError);
    expect(isVeniceError(foreign)).toBe(true);
    expect(copy.isVeniceError(new VeniceError({ code: "ABORTED" }))).toBe(true);
    // toVeniceError returns a foreign VeniceError as is instead of wrapping it.
    expect(toVeniceError(foreign)).toBe(foreign);
  });
});
