import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ALL_VENICE_ERROR_CODES, isVeniceErrorCode } from "./catalog.js";
import { toVeniceError } from "./to-venice-error.js";

/** What `toJSON()` of a 503 looks like when an app's own server relays it. */
const RELAYED_503 = {
  name: "VeniceError",
  code: "MODEL_AT_CAPACITY",
  status: 503,
  message: "The model is at capacity. Please try again later.",
  matchedBy: "status",
  retryable: true,
  category: "capacity",
  userAction: "wait_and_retry",
  docsUrl: "https://docs.venice.ai/api-reference/error-codes",
  retryAfterMs: 30_000,
  requestId: "req_relayed",
};

/** Serializes, then parses: the error must survive the way to a browser. */
function roundTrip(input: unknown) {
  const error = toVeniceError(input);
  return { error, json: JSON.parse(JSON.stringify(error.toJSON())) };
}

describe("relayed toJSON() bodies (issue 11, defect 8)", () => {
  it("the status of a real answer wins: a 402 claiming a relayed 503 stays a 402", () => {
    for (const body of [
      { error: RELAYED_503 },
      RELAYED_503,
      JSON.stringify({ error: RELAYED_503 }),
    ]) {
      const error = toVeniceError({ status: 402, body });
      expect(error.status).toBe(402);
      expect(error.retryAfterMs).toBeUndefined();
    }
  });

  it("a relay whose status matches the answer is revived whole", () => {
    const error = toVeniceError({ status: 503, body: { error: RELAYED_503 } });
    expect(error).toMatchObject({
      code: "MODEL_AT_CAPACITY",
      status: 503,
      retryAfterMs: 30_000,
      requestId: "req_relayed",
      matchedBy: "status",
    });
  });

  it("fieldErrors: null is dropped, so toJSON() serializes", () => {
    const body = { error: { ...RELAYED_503, fieldErrors: null } };
    const { error, json } = roundTrip({ status: 503, body });
    expect(error.fieldErrors).toEqual({});
    expect(json).toMatchObject({ code: "MODEL_AT_CAPACITY", status: 503 });
  });

  it.each([1000, -1, 99, 600, 503.5, "503", null, Number.NaN, Number.POSITIVE_INFINITY])(
    "a relayed status of %s is not a relay: classified from the real answer",
    (status) => {
      const body = { error: { ...RELAYED_503, status } };
      const { error } = roundTrip({ status: 402, body });
      expect(error.status).toBe(402);
      // No HTTP answer to go by: still a valid status, never the claimed one.
      const bare = toVeniceError(body);
      expect(Number.isInteger(bare.status) && bare.status >= 0 && bare.status <= 599).toBe(true);
      expect(() => new Response(null, { status: bare.status || 500 })).not.toThrow();
    },
  );

  it.each([
    ["retryAfterMs", "30"],
    ["retryAfterMs", -5],
    ["retryAfterMs", Number.POSITIVE_INFINITY],
    ["requestId", 42],
    ["requestId", { id: 1 }],
    ["message", { text: "x" }],
    ["matchedBy", "attacker"],
    ["creditsRefunded", "yes"],
    ["fieldErrors", ["model"]],
    ["fieldErrors", { model: "Required" }],
    ["fieldErrors", { model: [1, 2] }],
    ["rateLimit", "lots"],
    ["balance", { usd: "2" }],
    ["deprecation", 7],
    ["attempts", [{ attempt: "1" }]],
    ["headers", { "x-request-id": 5 }],
    ["issues", "bad"],
    ["serverCode", 3],
  ])("a malformed %s (%j) is dropped and the rest revived", (field, value) => {
    const body = { error: { ...RELAYED_503, [field]: value } };
    const { error, json } = roundTrip({ status: 503, body });
    expect(error.code).toBe("MODEL_AT_CAPACITY");
    expect(error.status).toBe(503);
    expect(error.message).toBe(field === "message" ? error.entry.message : RELAYED_503.message);
    expect(json[field]).not.toEqual(value);
    if (field !== "retryAfterMs") expect(error.retryAfterMs).toBe(30_000);
  });

  it("keeps the well-formed part of a field and drops the rest", () => {
    const body = {
      error: {
        ...RELAYED_503,
        fieldErrors: { model: ["Required", 3], __proto__x: "no", input: [] },
        attempts: [{ attempt: 1, status: 503, code: "MODEL_AT_CAPACITY", waitedMs: 0 }, { x: 1 }],
        headers: { "x-request-id": "req_relayed", "x-bad": 1 },
      },
    };
    const error = toVeniceError({ status: 503, body });
    expect(error.fieldErrors).toEqual({ model: ["Required"] });
    expect(error.attempts).toEqual([
      { attempt: 1, status: 503, code: "MODEL_AT_CAPACITY", waitedMs: 0 },
    ]);
    expect(error.headers).toEqual({ "x-request-id": "req_relayed" });
  });

  it("a __proto__ field path stays an own key", () => {
    const body = JSON.parse(
      `{"error":${JSON.stringify(RELAYED_503).replace("}", ',"fieldErrors":{"__proto__":["polluted"]}}')}}`,
    );
    const error = toVeniceError({ status: 503, body });
    expect(Object.hasOwn(error.fieldErrors, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(error.fieldErrors)).toBe(Object.prototype);
  });

  it("a body can make an error less retryable, never more", () => {
    const notRetryable = toVeniceError({ status: 503, body: { ...RELAYED_503, retryable: false } });
    expect(notRetryable.retryable).toBe(false);
    const claims = toVeniceError({
      status: 400,
      body: { ...RELAYED_503, code: "INVALID_REQUEST", status: 400, retryable: true },
    });
    expect(claims.retryable).toBe(false);
  });

  it("a failure with no HTTP answer is relayed under 502 and keeps its status 0", () => {
    const relayed = { ...RELAYED_503, code: "CONNECTION_ERROR", status: 0, matchedBy: "client" };
    expect(toVeniceError({ status: 502, body: { error: relayed } })).toMatchObject({
      code: "CONNECTION_ERROR",
      status: 0,
    });
    expect(toVeniceError({ status: 500, body: { error: relayed } }).status).toBe(500);
  });

  it("an in-stream error (status 200) is relayed under its catalog status", () => {
    const relayed = { ...RELAYED_503, code: "MODEL_OVERLOADED", status: 200 };
    expect(toVeniceError({ status: 429, body: { error: relayed } })).toMatchObject({
      code: "MODEL_OVERLOADED",
      status: 200,
    });
    expect(toVeniceError({ status: 200, body: { error: relayed } }).status).toBe(200);
  });

  it("credentials inside a relayed body are not revived", () => {
    const body = {
      error: {
        ...RELAYED_503,
        message: "failed for Bearer sk-venice-0123456789abcdef",
        headers: { authorization: "Bearer sk-venice-0123456789abcdef", "x-request-id": "r" },
        body: { api_key: "sk-venice-0123456789abcdef", note: "api_key=sk-venice-0123456789abcdef" },
      },
    };
    const error = toVeniceError({ status: 503, body });
    const text = JSON.stringify(error.toJSON());
    expect(text).not.toContain("sk-venice-0123456789abcdef");
    expect(Object.keys(error.headers)).toEqual(["x-request-id"]);
  });

  it("any relay-shaped body: never throws, toJSON() serializes, the real status wins", () => {
    const anything = fc.oneof(
      fc.anything(),
      fc.constantFrom(null, Number.NaN, Number.POSITIVE_INFINITY, 1000, -1, "503"),
    );
    const relay = fc.record(
      {
        name: fc.constant("VeniceError"),
        code: fc.oneof(fc.constantFrom(...ALL_VENICE_ERROR_CODES), fc.string()),
        status: fc.oneof(fc.integer({ min: -1, max: 1001 }), anything),
        message: anything,
        retryable: anything,
        retryAfterMs: fc.oneof(fc.double(), anything),
        requestId: anything,
        fieldErrors: fc.oneof(fc.dictionary(fc.string(), fc.array(anything)), anything),
        attempts: anything,
        rateLimit: anything,
        headers: fc.oneof(fc.dictionary(fc.string(), anything), anything),
        matchedBy: anything,
        body: anything,
      },
      { requiredKeys: ["name", "code"] },
    );
    fc.assert(
      fc.property(relay, fc.integer({ min: 400, max: 599 }), fc.boolean(), (json, status, wrap) => {
        const body = wrap ? { error: json } : json;
        const error = toVeniceError({ status, body });
        expect(error.status).toBe(status);
        expect(() => JSON.stringify(error.toJSON())).not.toThrow();
        if (!isVeniceErrorCode(json.code)) return;
        const bare = toVeniceError(body);
        expect(Number.isInteger(bare.status) && bare.status >= 0 && bare.status <= 599).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
