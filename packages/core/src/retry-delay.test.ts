import { describe, expect, it } from "vitest";
import { retryDelay } from "./retry-delay.js";
import { VeniceError } from "./venice-error.js";

const retryable = (retryAfterMs?: number) =>
  new VeniceError({
    code: "MODEL_OVERLOADED",
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
const ALMOST_ONE = 0.999_999_999;

describe("retryDelay", () => {
  it.each([
    "INSUFFICIENT_BALANCE",
    "INVALID_REQUEST",
    "AUTHENTICATION_FAILED",
    "ABORTED",
    "CONTENT_POLICY_VIOLATION",
  ] as const)("is null for non-retryable %s, even with a hint", (code) => {
    expect(retryDelay(new VeniceError({ code, retryAfterMs: 10 }), 1)).toBeNull();
  });

  it("honours retryAfterMs exactly, whatever the attempt and randomness", () => {
    for (const attempt of [1, 2, 7]) {
      expect(retryDelay(retryable(1234), attempt, { random: () => 0 })).toBe(1234);
      expect(retryDelay(retryable(0), attempt)).toBe(0);
    }
  });

  it("is null when the hint is above maxRetryAfterMs (default 60 s), and honours it at the limit", () => {
    expect(retryDelay(retryable(60_000), 1)).toBe(60_000);
    expect(retryDelay(retryable(60_001), 1)).toBeNull();
    expect(retryDelay(retryable(5_000), 1, { maxRetryAfterMs: 4_999 })).toBeNull();
    expect(retryDelay(retryable(5_000), 1, { maxRetryAfterMs: 5_000 })).toBe(5_000);
  });

  // Full jitter: uniform in [0, min(cap, base * 2^(attempt-1))).
  it.each([
    [1, 500],
    [2, 1000],
    [3, 2000],
    [4, 4000],
    [5, 8000],
    [6, 8000],
    [50, 8000],
  ])("attempt %i: full jitter within [0, %i)", (attempt, ceiling) => {
    expect(retryDelay(retryable(), attempt, { random: () => 0 })).toBe(0);
    const top = retryDelay(retryable(), attempt, { random: () => ALMOST_ONE });
    expect(top).toBe(ceiling - 1);
    expect(retryDelay(retryable(), attempt, { random: () => 0.5 })).toBe(ceiling / 2);
  });

  it("uses the policy's base and cap", () => {
    const policy = { baseDelayMs: 100, maxDelayMs: 300, random: () => ALMOST_ONE };
    expect([1, 2, 3, 4].map((attempt) => retryDelay(retryable(), attempt, policy))).toEqual([
      99, 199, 299, 299,
    ]);
  });

  it("stops after maxRetries", () => {
    const policy = { maxRetries: 2, random: () => 0 };
    expect(retryDelay(retryable(), 2, policy)).toBe(0);
    expect(retryDelay(retryable(), 3, policy)).toBeNull();
    expect(retryDelay(retryable(100), 3, policy)).toBeNull();
    expect(retryDelay(retryable(), 1, { maxRetries: 0 })).toBeNull();
  });

  it("treats a first or invalid attempt number as the first retry", () => {
    for (const attempt of [0, -3, Number.NaN]) {
      expect(retryDelay(retryable(), attempt, { random: () => ALMOST_ONE })).toBe(499);
    }
  });

  it("stays within bounds with Math.random", () => {
    for (let i = 0; i < 200; i++) {
      const delay = retryDelay(retryable(), 3) ?? -1;
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(2000);
      expect(Number.isInteger(delay)).toBe(true);
    }
  });
});
