import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isVeniceErrorCode } from "./catalog.js";
import { formatVeniceError } from "./format.js";
import { ko } from "./locales/ko.js";
import { toVeniceError } from "./to-venice-error.js";
import { isVeniceError, VeniceError } from "./venice-error.js";

const statuses = fc.oneof(
  fc.constantFrom(
    0,
    200,
    400,
    401,
    402,
    403,
    404,
    409,
    410,
    413,
    415,
    422,
    429,
    500,
    502,
    503,
    504,
  ),
  fc.integer(),
);
const tricky = fc.constantFrom(
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "error",
  "code",
  "details",
  "issues",
  "_errors",
  "path",
  "message",
  "status",
  "headers",
  "body",
  "name",
);
const key = fc.oneof(tricky, fc.string());
/** JSON-like values whose keys are often dangerous or meaningful to the classifier. */
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.string(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(key, tie("value"), { maxKeys: 5 }),
  ),
})).value;
const headerValue = fc.oneof(
  fc.string(),
  fc.integer().map(String),
  fc.constantFrom("0", "30", "1790000060", "1790000060000", "Wed, 21 Oct 2026 07:28:00 GMT"),
);
const headerName = fc.oneof(
  fc.constantFrom(
    "retry-after",
    "Retry-After-Ms",
    "x-request-id",
    "CF-RAY",
    "x-ratelimit-reset-requests",
    "X-RateLimit-Remaining",
    "x-ratelimit-resets",
    "payment-required",
    "x-venice-balance-usd",
    "Deprecation",
  ),
  fc.string(),
);
const headers = fc.dictionary(headerName, headerValue, { maxKeys: 6 });
const body = fc.oneof(
  json,
  json.map((value) => JSON.stringify(value)),
  fc.string(),
  json.map((value) => JSON.stringify(value).slice(0, -3)),
);
const responseLike = fc.record({ status: statuses, headers, body }, { requiredKeys: [] });
const anyInput = fc.oneof(
  fc.anything({
    withBigInt: true,
    withTypedArray: true,
    withMap: true,
    withSet: true,
    withDate: true,
    withNullPrototype: true,
    withObjectString: true,
  }),
  responseLike,
  json,
  body,
);

/** Everything a user might touch on the result; none of it may throw. */
function touchAll(input: unknown) {
  const error = toVeniceError(input);
  expect(isVeniceError(error)).toBe(true);
  expect(isVeniceErrorCode(error.code)).toBe(true);
  expect(typeof error.message).toBe("string");
  void [
    error.headers,
    error.fieldErrors,
    error.rateLimit,
    error.balance,
    error.deprecation,
    error.requestId,
    error.stack,
  ];
  error.toJSON();
  formatVeniceError(error, { locale: ko });
  return error;
}

const prototypes = [
  Object.prototype,
  Array.prototype,
  Function.prototype,
  String.prototype,
  Error.prototype,
];
const snapshot = () =>
  prototypes.map((proto) => Reflect.ownKeys(proto).map(String).sort().join(","));

describe("toVeniceError on arbitrary input", () => {
  it("never throws, always gives a VeniceError with a catalog code", () => {
    fc.assert(
      fc.property(anyInput, (input) => void touchAll(input)),
      { numRuns: 1500 },
    );
  });

  it("toJSON of a response-like input is always JSON-serialisable", () => {
    fc.assert(
      fc.property(responseLike, (input) => {
        const text = JSON.stringify(toVeniceError(input));
        expect(JSON.parse(text).name).toBe("VeniceError");
      }),
      { numRuns: 800 },
    );
  });

  it("never pollutes prototypes", () => {
    const before = snapshot();
    fc.assert(
      fc.property(anyInput, (input) => {
        const error = touchAll(input);
        toVeniceError(JSON.parse(JSON.stringify(error)));
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 800 },
    );
    const hostile =
      '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"error":{"__proto__":{"polluted":1}},"details":{"_errors":[],"__proto__":{"_errors":["x"]}},"issues":[{"path":["__proto__","polluted"],"message":"m"}]}';
    const error = touchAll({
      status: 400,
      headers: { __proto__: "x", constructor: "y" },
      body: hostile,
    });
    expect(error.fieldErrors["__proto__.polluted"]).toEqual(["m"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(snapshot()).toEqual(before);
  });

  it("never copies a credential header into its output", () => {
    const secretName = fc
      .constantFrom(
        "authorization",
        "proxy-authorization",
        "cookie",
        "set-cookie",
        "x-api-key",
        "api-key",
        "x-venice-api-key",
      )
      .chain((name) =>
        fc.constantFrom(
          name,
          name.toUpperCase(),
          name.replace(/(^|-)\w/g, (c) => c.toUpperCase()),
        ),
      );
    const secret = fc.stringMatching(/^[A-Za-z0-9]{16,32}$/).map((s) => `sk-vn-${s}`);
    const wrap = fc.constantFrom(
      (s: string) => `Bearer ${s}`,
      (s: string) => s,
      (s: string) => `session=${s}; Path=/`,
    );
    const kind = fc.constantFrom("object", "Headers", "Map", "tuples");
    fc.assert(
      fc.property(
        secretName,
        secret,
        wrap,
        headers,
        body,
        statuses,
        kind,
        (name, value, format, others, payload, status, shape) => {
          const pairs: Array<[string, string]> = [...Object.entries(others), [name, format(value)]];
          const made =
            shape === "Headers"
              ? safeHeadersObject(pairs)
              : shape === "Map"
                ? new Map(pairs)
                : shape === "tuples"
                  ? pairs
                  : Object.fromEntries(pairs);
          const error = touchAll({ status, headers: made, body: payload });
          const outputs = [
            JSON.stringify(error),
            JSON.stringify(error.headers),
            error.message,
            String(error.stack),
            JSON.stringify(formatVeniceError(error)),
          ];
          for (const output of outputs) expect(output).not.toContain(value);
        },
      ),
      { numRuns: 600 },
    );
  });

  it("survives hostile objects", () => {
    const throwing = new Proxy(
      {},
      {
        get: () => {
          throw new Error("trap");
        },
        ownKeys: () => {
          throw new Error("trap");
        },
        has: () => {
          throw new Error("trap");
        },
      },
    );
    const revocable = Proxy.revocable({}, {});
    revocable.revoke();
    const cyclic: Record<string, unknown> = { error: "Rate limit exceeded" };
    cyclic.self = cyclic;
    const getter = Object.defineProperty({ status: 429 }, "body", {
      get: () => {
        throw new Error("getter");
      },
      enumerable: true,
    });
    const deep = Array.from({ length: 5000 }).reduce<unknown>((inner) => ({ error: inner }), "x");
    const inputs = [
      throwing,
      revocable.proxy,
      { status: 429, body: cyclic },
      getter,
      deep,
      { status: 400, headers: throwing, body: {} },
      { status: 400, body: { error: throwing } },
      Object.create(null),
      Symbol("s"),
      () => 1,
      10n,
    ];
    for (const input of inputs) expect(() => touchAll(input)).not.toThrow();
  });
});

/** Headers rejects names and values that are not valid HTTP; keep the valid pairs. */
function safeHeadersObject(pairs: Array<[string, string]>): Headers {
  const out = new Headers();
  for (const [name, value] of pairs) {
    try {
      out.append(name, value);
    } catch {
      // not a valid HTTP header: skipped, as fetch would
    }
  }
  return out;
}

/** Values `JSON.stringify` chokes on, and Proxies/getters that throw when read. */
function hostileLeaf(kind: number): unknown {
  const trap = () => {
    throw new Error("trap");
  };
  switch (kind) {
    case 0:
      return new Proxy({}, { get: trap, ownKeys: trap, has: trap });
    case 1: {
      const revocable = Proxy.revocable({}, {});
      revocable.revoke();
      return revocable.proxy;
    }
    case 2:
      return Object.defineProperty({}, "x", { enumerable: true, get: trap });
    case 3:
      return { toJSON: trap };
    case 4:
      return () => 1;
    default:
      return Symbol("s");
  }
}

/** Where a planted secret goes: places a secret rule must find without being told the secret. */
const plantings = [
  (secret: string) => ({ api_key: secret }),
  (secret: string) => ({ "x-venice-api-key": secret }),
  (secret: string) => ({ auth: { access_token: secret } }),
  (secret: string) => `Bearer ${secret}`,
  (secret: string) => `https://api.venice.ai/api/v1/models?key=${secret}&type=text`,
  (secret: string) => `api_key=${secret}`,
] as const;

/**
 * A JSON-like tree made hostile: leaves replaced by BigInts, Proxies, throwing getters; a cycle
 * back to the root or to a child; wrapped thousands deep; with a secret planted somewhere.
 */
const hostileBody = fc
  .record({
    tree: fc.dictionary(key, json, { maxKeys: 5 }),
    big: fc.option(fc.bigInt(), { nil: undefined }),
    leaf: fc.option(fc.nat(5), { nil: undefined }),
    cycle: fc.constantFrom("none", "root", "child", "array"),
    depth: fc.oneof(fc.constant(0), fc.nat(20), fc.integer({ min: 5000, max: 12_000 })),
    asArray: fc.boolean(),
    secret: fc.stringMatching(/^[A-Za-z0-9]{16,24}$/).map((s) => `sk-vn-${s}`),
    planting: fc.nat(plantings.length - 1),
    plantAt: fc.constantFrom("top", "nested", "message"),
  })
  .map((spec) => {
    const root: Record<string, unknown> = { ...spec.tree };
    if (spec.big !== undefined) root.big = spec.big;
    if (spec.leaf !== undefined) root.leaf = hostileLeaf(spec.leaf);
    const child: Record<string, unknown> = { parent: root };
    if (spec.cycle === "root") root.self = root;
    if (spec.cycle === "child") root.child = child;
    if (spec.cycle === "array") root.list = [1, root];
    const planted = plantings[spec.planting]!(spec.secret);
    if (spec.plantAt === "top") root.planted = planted;
    else if (spec.plantAt === "nested") root.nested = { deeper: [planted] };
    else root.error = typeof planted === "string" ? `Failed: ${planted}` : planted;
    let body: unknown = root;
    for (let i = 0; i < spec.depth; i++) body = spec.asArray ? [body] : { error: body };
    return { body, secret: spec.secret };
  });

describe("toJSON() on hostile input", () => {
  it("JSON.stringify(err.toJSON()) always succeeds and never shows a planted secret", () => {
    fc.assert(
      fc.property(
        hostileBody,
        statuses,
        fc.constantFrom("response", "sdk", "direct", "openai"),
        ({ body, secret }, status, shape) => {
          const error =
            shape === "response"
              ? toVeniceError({ status, headers: { "x-api-key": secret }, body })
              : shape === "sdk"
                ? toVeniceError(
                    Object.assign(new Error("failed"), {
                      statusCode: status === 0 ? Number.POSITIVE_INFINITY : status,
                      responseBody: body,
                      responseHeaders: { "proxy-authorization": `Basic ${secret}` },
                    }),
                  )
                : shape === "openai"
                  ? toVeniceError(
                      Object.assign(new Error(`${status} failed`), {
                        status,
                        headers: new Headers({ "x-auth-token": secret }),
                        error: body,
                      }),
                    )
                  : new VeniceError({ code: "INVALID_REQUEST", status, body, issues: [body] });
          const text = JSON.stringify(error.toJSON());
          const parsed = JSON.parse(text);
          expect(parsed.name).toBe("VeniceError");
          expect(Number.isInteger(parsed.status) && parsed.status >= 0 && parsed.status < 600).toBe(
            true,
          );
          expect(text).not.toContain(secret);
          expect(toVeniceError(parsed).code).toBe(error.code);
        },
      ),
      { numRuns: 400 },
    );
  });
});
