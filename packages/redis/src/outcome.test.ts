import { toVeniceError } from "@venice-errors/core";
import { describe, expect, it } from "vitest";
import { readOutcome } from "./outcome.js";

const NOW = 1_750_000_000_000;

function answer(
  status: number,
  headers: Record<string, string> = {},
  body: unknown = { error: "x" },
) {
  const h = new Headers(headers);
  return {
    status,
    headers: h,
    error: status >= 400 ? toVeniceError({ status, headers, body }) : undefined,
  };
}

describe("readOutcome", () => {
  it("finds nothing to share in a healthy answer", () => {
    expect(
      readOutcome(answer(200, { "x-ratelimit-remaining-requests": "499" }), NOW),
    ).toBeUndefined();
    expect(readOutcome({ status: 200 }, NOW)).toBeUndefined();
  });

  it.each([400, 401, 403, 404, 422])("counts %i as a failed request", (status) => {
    expect(readOutcome(answer(status), NOW)).toEqual({
      failed: true,
      cooldownUntil: 0,
      lockedUntil: 0,
    });
  });

  it.each([429, 500, 503])("does not count %i (Venice's abuse limit ignores it)", (status) => {
    expect(readOutcome(answer(status), NOW)?.failed ?? false).toBe(false);
  });

  it("turns a 429 wait hint into a cooldown", () => {
    expect(readOutcome(answer(429, { "retry-after": "2" }), NOW)).toEqual({
      failed: false,
      cooldownUntil: NOW + 2000,
      lockedUntil: 0,
    });
  });

  it("turns x-ratelimit-remaining-requests: 0 into a cooldown until the reset", () => {
    const reset = NOW + 7000;
    const effect = readOutcome(
      answer(200, {
        "x-ratelimit-remaining-requests": "0",
        "x-ratelimit-reset-requests": String(reset),
      }),
      NOW,
    );
    expect(effect).toEqual({ failed: false, cooldownUntil: reset, lockedUntil: 0 });
  });

  it("turns Venice's lock-out into a key-wide lock for the time in its message", () => {
    const body = {
      error:
        "Too many failed attempts (> 20) resulting in a non-success status code. Please wait 30s and try again.",
    };
    const effect = readOutcome(answer(429, {}, body), NOW);
    expect(effect?.lockedUntil).toBe(NOW + 30_000);
    expect(effect?.cooldownUntil).toBe(0);
  });

  it("locks when the server's error budget says 0 left", () => {
    const effect = readOutcome(
      answer(400, { "x-ratelimit-remaining": "0", "x-ratelimit-resets": "12000" }),
      NOW,
    );
    expect(effect).toEqual({ failed: true, cooldownUntil: 0, lockedUntil: NOW + 12_000 });
  });
});
