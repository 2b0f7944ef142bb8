import { parseRateLimitHeaders, toVeniceError } from "@venice-errors/core";
import { describe, expect, it } from "vitest";
import { createFailureBudget } from "./failure-budget.js";

describe("createFailureBudget", () => {
  it("defaults below Venice's abuse limit: 15 failures in 30 s, then refuses until the window frees", () => {
    let now = 1_000_000;
    const budget = createFailureBudget({ now: () => now });
    for (let i = 0; i < 15; i++) {
      expect(budget.check()).toBeUndefined();
      budget.record(400, undefined);
      now += 100;
    }
    const refusal = budget.check();
    expect(refusal).toMatchObject({
      code: "TOO_MANY_FAILED_ATTEMPTS",
      status: 0,
      matchedBy: "client",
      retryAfterMs: 30_000 - 1500,
    });
    now += 30_000 - 1500;
    expect(budget.check()).toBeUndefined();
  });

  it.each([200, 201, 429, 500, 503])("does not count status %i", (status) => {
    const budget = createFailureBudget({ maxFailures: 1 });
    budget.record(status, undefined);
    expect(budget.check()).toBeUndefined();
  });

  it.each([400, 401, 402, 403, 404, 409, 413, 415, 422])("counts status %i", (status) => {
    const budget = createFailureBudget({ maxFailures: 1 });
    budget.record(status, undefined);
    expect(budget.check()?.code).toBe("TOO_MANY_FAILED_ATTEMPTS");
  });

  it("obeys the server's error-budget headers", () => {
    const now = 5_000_000;
    const budget = createFailureBudget({ now: () => now });
    const headers = { "x-ratelimit-remaining": "0", "x-ratelimit-resets": "4000" };
    budget.record(200, parseRateLimitHeaders(headers, now));
    expect(budget.check()?.retryAfterMs).toBe(4000);
  });

  it("blocks for the lock-out Venice announced", () => {
    let now = 0;
    const budget = createFailureBudget({ now: () => now });
    const lockout = toVeniceError({
      status: 429,
      body: {
        error:
          "Too many failed attempts (> 20) resulting in a non-success status code. Please wait 30s and try again.",
      },
    });
    budget.record(429, undefined, lockout);
    expect(budget.check()?.retryAfterMs).toBe(30_000);
    now = 30_000;
    expect(budget.check()).toBeUndefined();
  });
});
