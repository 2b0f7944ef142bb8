import { describe, expect, it } from "vitest";
import { delay } from "./delay.js";

describe("delay", () => {
  it("resolves after the time", async () => {
    const start = performance.now();
    await delay(20);
    expect(performance.now() - start).toBeGreaterThanOrEqual(15);
  });

  it("rejects with the signal's reason as soon as it aborts", async () => {
    const controller = new AbortController();
    const start = performance.now();
    const waiting = delay(10_000, controller.signal);
    setTimeout(() => controller.abort(new Error("stop")), 10);
    await expect(waiting).rejects.toThrow("stop");
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it("rejects at once for a signal that already aborted", async () => {
    await expect(delay(10_000, AbortSignal.abort(new Error("gone")))).rejects.toThrow("gone");
  });
});
