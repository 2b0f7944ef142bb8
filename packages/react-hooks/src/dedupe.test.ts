import { describe, expect, it } from "vitest";
import { createDedupe, dedupeKey } from "./dedupe.js";

describe("dedupe", () => {
  it("keys by code and status", () => {
    expect(dedupeKey({ code: "RATE_LIMIT_EXCEEDED", status: 429 })).toBe("RATE_LIMIT_EXCEEDED:429");
    expect(dedupeKey({ code: "UNKNOWN_ERROR", status: 502 })).not.toBe(
      dedupeKey({ code: "UNKNOWN_ERROR", status: 500 }),
    );
  });

  it("admits a key once per window, counted from when it was shown", () => {
    const dedupe = createDedupe();
    expect(dedupe.admit("A:1", 0, 1000)).toBe(true);
    expect(dedupe.admit("A:1", 999, 1000)).toBe(false);
    expect(dedupe.admit("B:1", 999, 1000)).toBe(true);
    // Suppressed repeats do not extend the window.
    expect(dedupe.admit("A:1", 1000, 1000)).toBe(true);
    expect(dedupe.admit("A:1", 1500, 1000)).toBe(false);
  });

  it("a window of 0 admits everything", () => {
    const dedupe = createDedupe();
    expect(dedupe.admit("A:1", 5, 0)).toBe(true);
    expect(dedupe.admit("A:1", 5, 0)).toBe(true);
  });
});
