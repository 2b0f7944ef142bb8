import { describe, expect, it } from "vitest";
import { createDedupe, dedupeKey } from "./dedupe.js";

describe("dedupe", () => {
  it("keys by code and status", () => {
    expect(dedupeKey({ code: "RATE_LIMIT_EXCEEDED", status: 429 })).toBe("RATE_LIMIT_EXCEEDED:429");
    expect(dedupeKey({ code: "UNKNOWN_ERROR", status: 502 })).not.toBe(
      dedupeKey({ code: "UNKNOWN_ERROR", status: 500 }),
    );
  });

  it("holds a key back within the window, counted from when it was shown", () => {
    const dedupe = createDedupe();
    expect(dedupe.showing("A:1", 0, 1000)).toBeUndefined();
    dedupe.shown("A:1", "t1", 0);
    expect(dedupe.showing("A:1", 999, 1000)).toBe("t1");
    expect(dedupe.showing("B:1", 999, 1000)).toBeUndefined();
    expect(dedupe.showing("A:1", 1000, 1000)).toBeUndefined();
  });

  it("a window of 0 holds nothing back", () => {
    const dedupe = createDedupe();
    dedupe.shown("A:1", "t1", 5);
    expect(dedupe.showing("A:1", 5, 0)).toBeUndefined();
  });

  it("forgets a key once its toast is gone, but not for an older toast of the key", () => {
    const dedupe = createDedupe();
    dedupe.shown("A:1", "t1", 0);
    dedupe.shown("A:1", "t2", 10);
    dedupe.gone("t1");
    expect(dedupe.showing("A:1", 20, 1000)).toBe("t2");
    dedupe.gone("t2");
    expect(dedupe.showing("A:1", 20, 1000)).toBeUndefined();
  });

  it("stays bounded: 10,000 different errors leave at most `limit` keys, the newest", () => {
    const dedupe = createDedupe(64);
    for (let i = 0; i < 10_000; i++) dedupe.shown(`UNKNOWN_ERROR:${1000 + i}`, `t${i}`, i);
    expect(dedupe.size).toBe(64);
    expect(dedupe.showing("UNKNOWN_ERROR:10999", 10_000, 5000)).toBe("t9999");
    expect(dedupe.showing("UNKNOWN_ERROR:1000", 10_000, 5000)).toBeUndefined();
  });
});
