import { toVeniceError } from "@venice-errors/core";
import { describe, expect, it } from "vitest";
import "./vitest.js";
import { createVeniceError } from "./factories/venice-error.js";
import { veniceMatchers } from "./matchers.js";

/** The message a failed assertion throws. */
function failure(assertion: () => void): string {
  try {
    assertion();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("the assertion passed");
}

describe("toBeVeniceError", () => {
  it("passes for a VeniceError, with and without a code", () => {
    const error = createVeniceError("RATE_LIMIT_EXCEEDED");
    expect(error).toBeVeniceError();
    expect(error).toBeVeniceError("RATE_LIMIT_EXCEEDED");
    expect(error).not.toBeVeniceError("MODEL_OVERLOADED");
    expect(new Error("x")).not.toBeVeniceError();
  });

  it("works with rejects and as an asymmetric matcher", async () => {
    await expect(Promise.reject(createVeniceError("ABORTED"))).rejects.toBeVeniceError("ABORTED");
    expect({ error: createVeniceError("MODEL_OFFLINE") }).toEqual({
      error: expect.toBeVeniceError("MODEL_OFFLINE"),
    });
  });

  it("explains a wrong code with both codes, the status and the message", () => {
    const message = failure(() =>
      expect(createVeniceError("MODEL_OVERLOADED")).toBeVeniceError("RATE_LIMIT_EXCEEDED"),
    );
    expect(message).toBe(
      'expected a VeniceError with code RATE_LIMIT_EXCEEDED (status 429), but received VeniceError MODEL_OVERLOADED (status 429): "The model is currently overloaded. Please try again later."',
    );
  });

  it("explains a value that is not a VeniceError", () => {
    expect(failure(() => expect(new TypeError("fetch failed")).toBeVeniceError())).toBe(
      "expected a VeniceError, but received TypeError: fetch failed",
    );
    expect(failure(() => expect({ status: 429 }).toBeVeniceError("RATE_LIMIT_EXCEEDED"))).toBe(
      'expected a VeniceError with code RATE_LIMIT_EXCEEDED, but received {"status":429}',
    );
  });

  it("explains .not", () => {
    expect(
      failure(() => expect(createVeniceError("UNAUTHORIZED")).not.toBeVeniceError("UNAUTHORIZED")),
    ).toBe(
      'expected VeniceError UNAUTHORIZED (status 403): "Unauthorized access" not to be a VeniceError with code UNAUTHORIZED',
    );
  });

  it("rejects codes that do not exist", () => {
    const wrong = "RATE_LIMITED" as unknown as "RATE_LIMIT_EXCEEDED";
    expect(
      failure(() => expect(createVeniceError("UNAUTHORIZED")).toBeVeniceError(wrong)),
    ).toContain('"RATE_LIMITED" is not a Venice error code');
  });
});

describe("toBeRetryable", () => {
  it("follows the catalog's retry decision", () => {
    expect(createVeniceError("MODEL_AT_CAPACITY")).toBeRetryable();
    expect(createVeniceError("INSUFFICIENT_BALANCE")).not.toBeRetryable();
  });

  it("says why not", () => {
    expect(
      failure(() => expect(createVeniceError("INSUFFICIENT_BALANCE")).toBeRetryable()),
    ).toMatch(
      /^expected VeniceError INSUFFICIENT_BALANCE \(status 402\): ".*" to be retryable, but it is not \(category billing, action add_credits\)$/,
    );
    expect(failure(() => expect("boom").toBeRetryable())).toBe(
      'expected a retryable VeniceError, but received "boom"',
    );
  });
});

describe("toHaveRetryAfter", () => {
  it("checks the server's wait hint", () => {
    const error = createVeniceError("RATE_LIMIT_EXCEEDED", { retryAfterMs: 12_000 });
    expect(error).toHaveRetryAfter(12_000);
    expect(error).toHaveRetryAfter();
    expect(error).not.toHaveRetryAfter(30_000);
    expect(createVeniceError("UNAUTHORIZED")).not.toHaveRetryAfter();
  });

  it("reads the hint of a classified answer", () => {
    const error = toVeniceError({ status: 429, headers: { "Retry-After": "7" }, body: "" });
    expect(error).toHaveRetryAfter(7000);
  });

  it("prints both waits in ms and seconds", () => {
    const error = createVeniceError("MODEL_OVERLOADED");
    expect(failure(() => expect(error).toHaveRetryAfter(5000))).toBe(
      "expected a VeniceError with retryAfterMs 5000 ms (5 s), but MODEL_OVERLOADED has retryAfterMs 30000 ms (30 s)",
    );
    expect(failure(() => expect(createVeniceError("UNAUTHORIZED")).toHaveRetryAfter())).toBe(
      "expected a VeniceError with a retry hint, but UNAUTHORIZED has no retry hint",
    );
  });
});

describe("veniceMatchers (jest-compatible object)", () => {
  it("returns { pass, message } without a test runner", () => {
    const result = veniceMatchers.toBeVeniceError.call({}, createVeniceError("ABORTED"), "ABORTED");
    expect(result.pass).toBe(true);
    const miss = veniceMatchers.toBeRetryable.call({}, createVeniceError("ABORTED"));
    expect(miss.pass).toBe(false);
    expect(miss.message()).toContain("to be retryable, but it is not");
  });
});
