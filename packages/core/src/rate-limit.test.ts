import { describe, expect, it } from "vitest";
import { parseRateLimitHeaders } from "./rate-limit.js";

const NOW = 1_790_000_000_000;

describe("parseRateLimitHeaders", () => {
  it("is undefined without rate-limit headers", () => {
    expect(parseRateLimitHeaders(undefined, NOW)).toBeUndefined();
    expect(parseRateLimitHeaders(null, NOW)).toBeUndefined();
    expect(parseRateLimitHeaders({ "content-type": "application/json" }, NOW)).toBeUndefined();
  });

  // venice-api-facts §5: >= 1e12 epoch ms, >= 1e9 epoch seconds, else seconds from now.
  it.each([
    ["13-digit epoch milliseconds", "1790000012345", 1_790_000_012_345],
    ["10-digit epoch seconds", "1790000060", 1_790_000_060_000],
    ["small relative seconds", "30", NOW + 30_000],
    ["fractional relative seconds", "0.5", NOW + 500],
    ["zero", "0", NOW],
  ])("reset in %s", (_unit, value, at) => {
    const limits = parseRateLimitHeaders(
      {
        "x-ratelimit-reset-requests": value,
        "x-ratelimit-reset-tokens": value,
        "X-RateLimit-Reset": value,
      },
      NOW,
    );
    expect(limits).toMatchObject({ resetRequestsAt: at, resetTokensAt: at, resetAt: at });
  });

  it.each([
    ["milliseconds from now", "45000", NOW + 45_000],
    ["13-digit epoch milliseconds", "1790000045000", 1_790_000_045_000],
  ])("x-ratelimit-resets (failure budget) in %s", (_unit, value, at) => {
    expect(
      parseRateLimitHeaders({ "x-ratelimit-remaining": "3", "x-ratelimit-resets": value }, NOW),
    ).toEqual({
      remainingFailures: 3,
      failuresResetAt: at,
    });
  });

  it("reads the full documented set", () => {
    const headers = new Headers({
      "x-ratelimit-limit-requests": "500",
      "x-ratelimit-remaining-requests": "499",
      "x-ratelimit-reset-requests": "1790000060000",
      "x-ratelimit-limit-tokens": "1000000",
      "x-ratelimit-remaining-tokens": "998000",
      "x-ratelimit-reset-tokens": "12",
      "x-ratelimit-type": "tokens",
    });
    expect(parseRateLimitHeaders(headers, NOW)).toEqual({
      limitRequests: 500,
      remainingRequests: 499,
      resetRequestsAt: 1_790_000_060_000,
      limitTokens: 1_000_000,
      remainingTokens: 998_000,
      resetTokensAt: NOW + 12_000,
      type: "tokens",
    });
  });

  it("crypto RPC: unsuffixed X-RateLimit-Limit/Remaining/Reset (Unix seconds)", () => {
    expect(
      parseRateLimitHeaders(
        {
          "X-RateLimit-Limit": "100",
          "X-RateLimit-Remaining": "7",
          "X-RateLimit-Reset": "1790000100",
        },
        NOW,
      ),
    ).toEqual({ limit: 100, remaining: 7, resetAt: 1_790_000_100_000 });
  });

  it.each([
    ["Headers", (pairs: Array<[string, string]>) => new Headers(pairs)],
    ["Map", (pairs: Array<[string, string]>) => new Map(pairs)],
    ["tuples", (pairs: Array<[string, string]>) => pairs],
    ["object", (pairs: Array<[string, string]>) => Object.fromEntries(pairs)],
  ])("reads header names in any case from %s", (_kind, make) => {
    const pairs: Array<[string, string]> = [
      ["X-RATELIMIT-REMAINING-REQUESTS", "0"],
      ["X-RateLimit-Reset-Requests", "5"],
      ["x-RateLimit-Limit-Tokens", "10"],
    ];
    expect(parseRateLimitHeaders(make(pairs), NOW)).toEqual({
      remainingRequests: 0,
      resetRequestsAt: NOW + 5000,
      limitTokens: 10,
    });
  });

  it("ignores values that are not numbers, and joins array values", () => {
    expect(
      parseRateLimitHeaders(
        { "x-ratelimit-limit-requests": "many", "x-ratelimit-remaining-requests": "" },
        NOW,
      ),
    ).toBeUndefined();
    expect(parseRateLimitHeaders({ "x-ratelimit-limit-requests": ["5"] }, NOW)).toEqual({
      limitRequests: 5,
    });
  });

  it("defaults the clock to Date.now() for relative resets", () => {
    const before = Date.now();
    const at = parseRateLimitHeaders({ "x-ratelimit-reset-tokens": "10" })?.resetTokensAt ?? 0;
    expect(at).toBeGreaterThanOrEqual(before + 10_000);
    expect(at).toBeLessThanOrEqual(Date.now() + 10_000);
  });
});
