import pino from "pino";
import { err as pinoErr } from "pino-std-serializers";
import { describe, expect, it } from "vitest";
import { createVeniceErrorSerializer, veniceErrorSerializer } from "./serializer.js";
import { toVeniceError } from "./to-venice-error.js";
import type { VeniceError } from "./venice-error.js";

const KEY = "vk-serializer-PLANTED-9b7e2a51";

/** A real pino logger writing JSON lines into an array (its destination stream). */
function logger(serializers?: pino.LoggerOptions["serializers"]) {
  const lines: string[] = [];
  const log = pino(
    { timestamp: false, base: undefined, ...(serializers ? { serializers } : {}) },
    { write: (line: string) => lines.push(line) },
  );
  return { log, lines, last: () => JSON.parse(lines.at(-1) ?? "null") };
}

function rateLimited(): VeniceError {
  const error = toVeniceError(
    {
      status: 429,
      headers: {
        authorization: `Bearer ${KEY}`,
        "set-cookie": `session=${KEY}`,
        "x-request-id": "req-7f3a",
        "retry-after": "2",
        "x-echo": `key was ${KEY}`,
      },
      body: { error: "Rate limit exceeded", api_key: KEY },
    },
    { secrets: [KEY] },
  );
  error.attempts = [{ attempt: 1, status: 429, code: "RATE_LIMIT_EXCEEDED", waitedMs: 0 }];
  return error;
}

describe("veniceErrorSerializer with pino", () => {
  it("writes code, status, requestId and the retry facts of a VeniceError, and no secret", () => {
    const { log, lines, last } = logger({ err: veniceErrorSerializer });
    log.error({ err: rateLimited() }, "Venice call failed");
    const line = last();
    expect(line.msg).toBe("Venice call failed");
    expect(line.err).toEqual({
      type: "VeniceError",
      message: "Rate limit exceeded",
      stack: expect.stringMatching(/^VeniceError: Rate limit exceeded\n\s+at /),
      code: "RATE_LIMIT_EXCEEDED",
      status: 429,
      requestId: "req-7f3a",
      retryable: true,
      retryAfterMs: 2000,
      attempts: [{ attempt: 1, status: 429, code: "RATE_LIMIT_EXCEEDED", waitedMs: 0 }],
    });
    expect(lines.join("\n")).not.toContain(KEY);
  });

  it("is used for an error logged directly, as pino's own err serializer is", () => {
    const { log, last } = logger({ err: veniceErrorSerializer });
    log.error(rateLimited());
    expect(last().err).toMatchObject({ type: "VeniceError", code: "RATE_LIMIT_EXCEEDED" });
  });

  it("redacts credentials in the messages and stacks of causes", () => {
    const { log, lines, last } = logger({ err: veniceErrorSerializer });
    const cause = new Error(`connect failed (Authorization: Bearer ${KEY})`);
    log.error({ err: toVeniceError(new TypeError("fetch failed", { cause })) });
    expect(last().err.code).toBe("CONNECTION_ERROR");
    expect(last().err.message).toContain("connect failed");
    expect(last().err.stack).toContain("caused by: Error: connect failed");
    expect(lines.join("\n")).not.toContain(KEY);
  });

  it("writes any other error exactly as pino's standard serializer does", () => {
    const plain = new Error("disk full", { cause: new RangeError("quota") });
    Object.assign(plain, { code: "ENOSPC", path: "/tmp/x", nested: new TypeError("inner") });
    const aggregate = new AggregateError([new Error("a"), new Error("b")], "two failed");
    class CustomError extends Error {
      readonly detail = { retry: false };
    }
    const values: unknown[] = [plain, aggregate, new CustomError("custom"), "not an error", 42];
    for (const value of values) {
      const ours = logger({ err: veniceErrorSerializer });
      const pinos = logger();
      ours.log.error({ err: value }, "failed");
      pinos.log.error({ err: value }, "failed");
      expect(ours.lines).toEqual(pinos.lines);
      expect(JSON.stringify(veniceErrorSerializer(value))).toBe(
        JSON.stringify(pinoErr(value as Error)),
      );
    }
    // The `raw` error stays reachable for custom serializers, not written.
    expect((veniceErrorSerializer(plain) as { raw: unknown }).raw).toBe(plain);
  });

  it("createVeniceErrorSerializer hands other errors to the serializer it is given", () => {
    const handedOn: unknown[] = [];
    const serializer = createVeniceErrorSerializer((error) => {
      handedOn.push(error);
      return pino.stdSerializers.err(error as Error);
    });
    const { log, lines, last } = logger({ err: serializer });
    const plain = new Error("plain");
    log.error({ err: plain });
    expect(handedOn).toEqual([plain]);
    expect(last().err).toMatchObject({ type: "Error", message: "plain" });
    log.error({ err: rateLimited() });
    expect(handedOn).toHaveLength(1);
    expect(last().err.requestId).toBe("req-7f3a");
    expect(lines.join("\n")).not.toContain(KEY);
  });
});
