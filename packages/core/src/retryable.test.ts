import { describe, expect, it } from "vitest";
import { catalog } from "./catalog.js";
import { MAX_TIMER_MS, retryDelay } from "./retry-delay.js";
import { isRetryable, statusIsRetryable, wasNeverSent } from "./retryable.js";
import { toVeniceError } from "./to-venice-error.js";
import { VeniceError } from "./venice-error.js";

const answer = (status: number, body: unknown = { error: "x" }, headers = {}) =>
  toVeniceError({ status, headers, body });

/** The start of Cloudflare's error page for `status` (the status is in its title). */
const CLOUDFLARE_PAGE = (status: number) =>
  `<!DOCTYPE html>\n<html lang="en-US"><head><title>api.venice.ai | ${status}</title></head><body>Cloudflare Ray ID: 8f1d2c3b4a5e6f70</body></html>`;

function refused(code = "ECONNREFUSED") {
  const cause = Object.assign(new Error(`connect ${code} 127.0.0.1:1`), { code });
  return toVeniceError(new TypeError("fetch failed", { cause }));
}

describe("one rule for retries", () => {
  it("408 is retryable the same way for a catalog row, an unknown code and a transport", () => {
    const timeout408 = answer(408, "Request Timeout");
    expect(timeout408.retryable).toBe(true);
    expect(isRetryable(timeout408)).toBe(true);
    expect(statusIsRetryable(408, "UNKNOWN_ERROR")).toBe(true);
  });

  it("the catalog's retryable flag is statusIsRetryable of its row", () => {
    for (const entry of Object.values(catalog)) {
      expect(entry.retryable).toBe(statusIsRetryable(entry.status, entry.code));
    }
  });

  it("never resends an abort or an abuse lock-out, though a person may retry the lock-out later", () => {
    const lockout = answer(429, {
      error:
        "Too many failed attempts (> 20) resulting in a non-success status code. Please wait 30s and try again.",
    });
    expect(lockout.code).toBe("TOO_MANY_FAILED_ATTEMPTS");
    expect(lockout.retryable).toBe(true);
    expect(isRetryable(lockout)).toBe(false);
    expect(retryDelay(lockout, 1)).toBeNull();
    expect(isRetryable(new VeniceError({ code: "ABORTED", status: 0 }))).toBe(false);
  });

  it.each([
    ["a 500", () => answer(500)],
    ["a 502 page", () => answer(502, "<html>bad gateway</html>")],
    ["a 503 without a wait hint", () => answer(503, { error: "The model is at capacity." })],
    ["a client timeout", () => new VeniceError({ code: "CLIENT_TIMEOUT", status: 0 })],
    [
      "a reset after sending",
      () =>
        toVeniceError(
          new TypeError("fetch failed", {
            cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }),
          }),
        ),
    ],
    ["a cut stream", () => new VeniceError({ code: "STREAM_INTERRUPTED", status: 0 })],
    ["an unreadable 200", () => new VeniceError({ code: "INVALID_RESPONSE", status: 0 })],
    ["Cloudflare's 520 (Venice answered oddly)", () => answer(520, CLOUDFLARE_PAGE(520))],
    ["Cloudflare's 524 (Venice took over 100 s)", () => answer(524, CLOUDFLARE_PAGE(524))],
  ])("a generation is not resent after %s, other requests are", (_name, make) => {
    const error = make();
    expect(isRetryable(error)).toBe(true);
    expect(isRetryable(error, { generation: true })).toBe(false);
    expect(retryDelay(error, 1, { generation: true })).toBeNull();
  });

  it.each([
    ["a 429", () => answer(429, { error: "Rate limit exceeded" })],
    ["a 503 with Retry-After", () => answer(503, { error: "x" }, { "retry-after": "3" })],
    [
      "an in-band overload with retry_after",
      () =>
        answer(200, {
          error: {
            message: "The model is currently overloaded.",
            code: "model_overloaded",
            retry_after: 30,
          },
        }),
    ],
    ["a refused connection", () => refused()],
    ["a connect timeout", () => refused("UND_ERR_CONNECT_TIMEOUT")],
  ])("a generation is resent after %s", (_name, make) => {
    expect(isRetryable(make(), { generation: true })).toBe(true);
  });

  it.each([521, 522, 523, 525, 526])(
    "a generation is resent after Cloudflare's %i (it never reached Venice)",
    (status) => {
      expect(isRetryable(answer(status, CLOUDFLARE_PAGE(status)), { generation: true })).toBe(true);
    },
  );

  it("sees a refusal inside an AggregateError only when every address refused", () => {
    const all = new AggregateError([
      Object.assign(new Error("a"), { code: "ECONNREFUSED" }),
      Object.assign(new Error("b"), { code: "ECONNREFUSED" }),
    ]);
    const some = new AggregateError([
      Object.assign(new Error("a"), { code: "ECONNREFUSED" }),
      Object.assign(new Error("b"), { code: "ECONNRESET" }),
    ]);
    expect(wasNeverSent(toVeniceError(new TypeError("fetch failed", { cause: all })))).toBe(true);
    expect(wasNeverSent(toVeniceError(new TypeError("fetch failed", { cause: some })))).toBe(false);
  });

  it("retryDelay never returns more than a timer can hold", () => {
    const hint = answer(429, { error: "Rate limit exceeded" }, { "retry-after": "2147484" });
    expect(hint.retryAfterMs).toBe(2_147_484_000);
    expect(retryDelay(hint, 1, { maxRetryAfterMs: Number.POSITIVE_INFINITY })).toBe(MAX_TIMER_MS);
    expect(retryDelay(hint, 1)).toBeNull();
  });
});
