/** Regression tests for issue 11 #9 (`toJSON()` is total, statuses are real) and #7 (secrets in causes). */
/// <reference types="node" />
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { redactText, redactUrl } from "./redact.js";
import { toVeniceError } from "./to-venice-error.js";
import { VeniceError } from "./venice-error.js";

const KEY = "sk-vn-planted0123456789abcdef";

function throwingProxy(): object {
  const trap = () => {
    throw new Error("trap");
  };
  return new Proxy({}, { get: trap, ownKeys: trap, has: trap, getOwnPropertyDescriptor: trap });
}

function hostileBodies(): Array<[string, unknown]> {
  const cyclic: Record<string, unknown> = { error: "Rate limit exceeded" };
  cyclic.self = cyclic;
  const cyclicArray: unknown[] = [1];
  cyclicArray.push(cyclicArray);
  const deep = Array.from({ length: 10_000 }).reduce<unknown>((inner) => ({ error: inner }), "x");
  const deepArray = Array.from({ length: 10_000 }).reduce<unknown>((inner) => [inner], "x");
  const getter = Object.defineProperty({ error: "x", fine: 1 }, "broken", {
    enumerable: true,
    get: () => {
      throw new Error("getter");
    },
  });
  const revocable = Proxy.revocable({}, {});
  revocable.revoke();
  const badToJSON = {
    toJSON: () => {
      throw new Error("toJSON");
    },
  };
  const wide = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, { i }]));
  return [
    ["cyclic object", cyclic],
    ["cyclic array", cyclicArray],
    ["10,000 deep object", deep],
    ["10,000 deep array", deepArray],
    ["BigInt", { error: "x", amount: 10n ** 30n, list: [1n] }],
    ["throwing getter", getter],
    ["throwing Proxy", { error: "x", inner: throwingProxy() }],
    ["throwing Proxy as the body", throwingProxy()],
    ["revoked Proxy", { error: "x", inner: revocable.proxy }],
    ["throwing toJSON", { error: "x", inner: badToJSON }],
    ["functions and symbols", { error: "x", fn: () => 1, sym: Symbol("s"), [Symbol("k")]: 1 }],
    ["50,000 objects", wide],
  ];
}

describe("toJSON() is total", () => {
  it.each(hostileBodies())("serialises a %s body", (_name, body) => {
    for (const error of [
      toVeniceError({ status: 429, body }),
      new VeniceError({ code: "INVALID_REQUEST", body, issues: [body] }),
    ]) {
      const text = JSON.stringify(error.toJSON());
      const parsed = JSON.parse(text);
      expect(parsed).toMatchObject({ name: "VeniceError", code: error.code });
      expect(text.length).toBeLessThan(3_000_000);
      expect(toVeniceError(parsed).code).toBe(error.code);
    }
  });

  it("serialises hostile details given by hand or by a relayed form (null, cyclic, BigInt)", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const details = {
      fieldErrors: null,
      issues: [cyclic],
      rateLimit: { remaining: 10n },
      attempts: null,
      retryAfterMs: 5n,
      balance: throwingProxy(),
    } as unknown as Partial<ConstructorParameters<typeof VeniceError>[0]>;
    const error = new VeniceError({ code: "RATE_LIMIT_EXCEEDED", ...details });
    const json = JSON.parse(JSON.stringify(error.toJSON()));
    expect(json).not.toHaveProperty("fieldErrors");
    expect(json).toMatchObject({
      issues: [{ self: "[Circular]" }],
      rateLimit: { remaining: "10" },
      retryAfterMs: "5",
      balance: "[Unserializable]",
    });
  });

  it("marks cycles, stringifies BigInts and skips what cannot be read", () => {
    const cyclic: Record<string, unknown> = { error: "x" };
    cyclic.self = cyclic;
    cyclic.big = 12345678901234567890n;
    Object.defineProperty(cyclic, "broken", {
      enumerable: true,
      get: () => {
        throw new Error("getter");
      },
    });
    cyclic.proxy = throwingProxy();
    cyclic.fn = () => 1;
    cyclic.when = new Date(0);
    const json = new VeniceError({ code: "INVALID_REQUEST", body: cyclic }).toJSON();
    expect(json.body).toEqual({
      error: "x",
      self: "[Circular]",
      big: "12345678901234567890",
      proxy: "[Unserializable]",
      when: "1970-01-01T00:00:00.000Z",
    });
  });

  it("keeps a shared (not cyclic) object twice and cuts depth past 32", () => {
    const shared = { a: 1 };
    const deep = Array.from({ length: 40 }).reduce<unknown>((inner) => ({ n: inner }), 0);
    const body = new VeniceError({
      code: "INVALID_REQUEST",
      body: { x: shared, y: shared, deep },
    }).toJSON().body as Record<string, unknown>;
    expect(body.x).toEqual({ a: 1 });
    expect(body.y).toEqual({ a: 1 });
    expect(JSON.stringify(body.deep)).toContain("[Truncated]");
  });

  it("redacts credentials in the body it writes, but leaves the error's own body intact", () => {
    const body = {
      error: `Invalid key (Bearer ${KEY})`,
      api_key: KEY,
      url: `https://api.example/v1?key=${KEY}&model=x`,
      nested: { "x-venice-api-key": KEY, auth: { token: KEY } },
    };
    const error = toVeniceError({ status: 401, body });
    const text = JSON.stringify(error);
    expect(text).not.toContain(KEY);
    expect(text).toContain("model=x");
    expect(error.body).toBe(body);
  });

  it.each([
    ["Infinity", Number.POSITIVE_INFINITY, 500],
    ["NaN", Number.NaN, 500],
    ["1000", 1000, 500],
    ["2.5", 2.5, 500],
    ["-1", -1, 500],
    ["42", 42, 500],
  ])("an SDK error with status %s gets a real status", (_name, statusCode, expected) => {
    const sdk = Object.assign(new Error("failed"), { statusCode, responseBody: "" });
    const error = toVeniceError(sdk);
    expect(error.status).toBe(expected);
    expect(JSON.parse(JSON.stringify(error)).status).toBe(expected);
    expect(new VeniceError({ code: "RATE_LIMIT_EXCEEDED", status: statusCode }).status).toBe(429);
  });

  it("keeps status 0 (no answer) and real statuses", () => {
    expect(new VeniceError({ code: "CONNECTION_ERROR", status: 0 }).status).toBe(0);
    expect(new VeniceError({ code: "UNKNOWN_ERROR", status: 418 }).status).toBe(418);
  });

  it("crosses a structured-clone boundary as toJSON(), revived by toVeniceError", () => {
    const error = toVeniceError({
      status: 429,
      headers: { "retry-after": "7", "x-request-id": "req-1", authorization: `Bearer ${KEY}` },
      body: { error: "Rate limit exceeded" },
    });
    // structuredClone(error) keeps only message and stack (a plain Error): the documented way is toJSON().
    expect(structuredClone(error)).not.toHaveProperty("code");
    const revived = toVeniceError(structuredClone(error.toJSON()));
    expect(revived).toMatchObject({
      code: "RATE_LIMIT_EXCEEDED",
      status: 429,
      retryAfterMs: 7000,
      requestId: "req-1",
      message: error.message,
    });
    expect(revived.toJSON()).toEqual(error.toJSON());
  });
});

describe("secrets in causes", () => {
  const outputs = (error: VeniceError) => [
    inspect(error, { depth: 10 }),
    String((error.cause as Error | undefined)?.message),
    String((error.cause as Error | undefined)?.stack),
    JSON.stringify(error),
  ];

  it("redacts undici's invalid-header text (the key in Authorization)", () => {
    let failure: unknown;
    try {
      new Headers({ authorization: `Bearer ${KEY}\u0000` });
    } catch (caught) {
      failure = caught;
    }
    expect(String(failure)).toContain(KEY);
    const error = toVeniceError(failure);
    for (const output of outputs(error)) expect(output).not.toContain(KEY);
  });

  it("redacts undici's invalid-header text for a bare key (x-api-key)", () => {
    const failure = new TypeError(`Headers.append: "${KEY}\u0000" is an invalid header value.`);
    for (const output of outputs(toVeniceError(failure))) expect(output).not.toContain(KEY);
  });

  it("redacts a custom fetch's error and every cause below it", () => {
    const root = Object.assign(new Error(`connect to https://proxy.local/?api_key=${KEY} failed`), {
      code: "ECONNREFUSED",
    });
    const custom = new Error(`custom fetch: x-api-key=${KEY} rejected`, { cause: root });
    const error = toVeniceError(custom);
    expect(error.code).toBe("CONNECTION_ERROR");
    for (const output of outputs(error)) expect(output).not.toContain(KEY);
    const inner = (error.cause as Error).cause as Error & { code?: string };
    expect(inner.code).toBe("ECONNREFUSED");
  });

  it("redacts exact secrets the caller names", () => {
    const failure = new Error(`upstream said ${KEY} is wrong`);
    const error = toVeniceError(failure, { secrets: [KEY] });
    for (const output of outputs(error)) expect(output).not.toContain(KEY);
  });

  it("keeps a cause without credentials as the same object", () => {
    const failure = Object.assign(new TypeError("fetch failed"), {
      cause: new Error("connect ECONNREFUSED 127.0.0.1:1"),
    });
    expect(toVeniceError(failure).cause).toBe(failure);
  });

  it("redacts causes of errors made directly (as clients do)", () => {
    const error = new VeniceError({
      code: "CONNECTION_ERROR",
      status: 0,
      cause: new Error(`Bearer ${KEY}`),
    });
    for (const output of outputs(error)) expect(output).not.toContain(KEY);
  });
});

describe("redactText and redactUrl", () => {
  it.each([
    ["?key=", `https://api.venice.ai/api/v1/models?key=${KEY}`],
    ["&api_key=", `/api/v1/chat?model=x&api_key=${KEY}`],
    ["?access_token=", `/v1?access_token=${KEY}#top`],
    ["?token=", `/v1?token=${KEY}&x=1`],
    ["&x-venice-api-key=", `/v1?a=1&x-venice-api-key=${KEY}`],
    ["Bearer", `Authorization: Bearer ${KEY}`],
    ["api_key=", `api_key=${KEY}`],
    ['"apiKey": "…"', `{"apiKey": "${KEY}"}`],
  ])("redacts %s", (_name, text) => {
    expect(redactText(text)).not.toContain(KEY);
    expect(redactText(text)).toContain("[REDACTED]");
    expect(redactUrl(text)).not.toContain(KEY);
  });

  it("keeps other query parameters and accepts a URL object", () => {
    expect(redactUrl(new URL(`https://h.test/v1/models?type=text&key=${KEY}&monkey=1`))).toBe(
      "https://h.test/v1/models?type=text&key=[REDACTED]&monkey=1",
    );
    expect(redactText("max_tokens=100&tokens=5")).toBe("max_tokens=100&tokens=5");
  });
});
