import { toVeniceError, VeniceError } from "@venice-errors/core";
import { describe, expect, it } from "vitest";
import { retryAtOf, secondsUntil } from "./countdown.js";

describe("retryAtOf", () => {
  it("adds the server's wait to now for retryable errors", () => {
    const error = toVeniceError({ status: 429, headers: { "retry-after": "12" }, body: "{}" });
    expect(retryAtOf(error, 1000)).toBe(13_000);
  });

  it("is undefined without a wait or when retrying cannot help", () => {
    expect(retryAtOf(new VeniceError({ code: "RATE_LIMIT_EXCEEDED" }), 0)).toBeUndefined();
    expect(
      retryAtOf(new VeniceError({ code: "INSUFFICIENT_BALANCE", retryAfterMs: 5000 }), 0),
    ).toBeUndefined();
    expect(
      retryAtOf(new VeniceError({ code: "RATE_LIMIT_EXCEEDED", retryAfterMs: 0 }), 0),
    ).toBeUndefined();
  });
});

describe("secondsUntil", () => {
  it.each([
    [12_000, 0, 12],
    [12_000, 1, 12],
    [12_000, 11_001, 1],
    [12_000, 11_999, 1],
    [12_000, 12_000, 0],
    [12_000, 20_000, 0],
  ])("until %i at %i -> %i s", (at, now, seconds) => {
    expect(secondsUntil(at, now)).toBe(seconds);
  });

  it("is undefined without a target", () => {
    expect(secondsUntil(undefined, 0)).toBeUndefined();
  });
});
