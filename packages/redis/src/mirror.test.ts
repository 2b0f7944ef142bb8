import { describe, expect, it } from "vitest";
import { KeyMirror } from "./mirror.js";

const limits = { maxFailures: 3, windowMs: 1000, maxWaitMs: 5000 };

describe("KeyMirror", () => {
  it("lets requests go with no failures in the window", () => {
    expect(new KeyMirror(limits).judge("m", 0)).toEqual({ kind: "go" });
  });

  it("asks the budget once a failure is in the window, and not after it left", () => {
    const mirror = new KeyMirror(limits);
    mirror.addFailure({ id: "a", at: 100 });
    expect(mirror.judge("m", 500).kind).toBe("budget");
    expect(mirror.judge("m", 1100).kind).toBe("go");
  });

  it("refuses without asking Redis once the window holds maxFailures failures", () => {
    const mirror = new KeyMirror(limits);
    for (const id of ["a", "b", "c"]) mirror.addFailure({ id, at: 100 });
    const verdict = mirror.judge("m", 200);
    expect(verdict.kind === "refuse" && verdict.error.code).toBe("TOO_MANY_FAILED_ATTEMPTS");
    expect(verdict.kind === "refuse" && verdict.error.retryAfterMs).toBe(900);
  });

  it("counts each failure once, whoever reports it", () => {
    const mirror = new KeyMirror(limits);
    mirror.addFailure({ id: "a", at: 100 });
    mirror.addFailure({ id: "a", at: 100 });
    expect(mirror.failuresAt(200)).toBe(1);
  });

  it("keeps a failure heard on pub/sub while an older Redis reply was on its way", () => {
    const mirror = new KeyMirror(limits);
    mirror.addFailure({ id: "heard", at: 150 }); // the event overtook the snapshot's reply
    mirror.mergeFailures([{ id: "old", at: 100 }]); // the reply, read before "heard" was pushed
    expect(mirror.failuresAt(200)).toBe(2);
    mirror.mergeFailures([
      { id: "old", at: 100 },
      { id: "heard", at: 150 },
    ]);
    expect(mirror.failuresAt(200)).toBe(2);
  });

  it("counts tries in flight against the local budget once failures are seen", () => {
    const mirror = new KeyMirror(limits);
    mirror.addFailure({ id: "a", at: 100 });
    mirror.slots.add({ member: undefined });
    expect(mirror.judgeLocally(200).kind).toBe("go");
    mirror.slots.add({ member: undefined });
    const verdict = mirror.judgeLocally(200);
    expect(verdict.kind).toBe("refuse");
    if (verdict.kind === "refuse") {
      expect(verdict.error.code).toBe("TOO_MANY_FAILED_ATTEMPTS");
      expect(verdict.error.status).toBe(0);
      expect(verdict.error.retryAfterMs).toBe(900);
    }
  });

  it("gives slots to the tries in flight that hold none, once", () => {
    const mirror = new KeyMirror(limits);
    const held = { member: "a:1" };
    mirror.slots.add(held).add({ member: undefined }).add({ member: undefined });
    let n = 0;
    expect(mirror.adopt(() => `b:${++n}`)).toEqual(["b:1", "b:2"]);
    expect(mirror.adopt(() => `b:${++n}`)).toEqual([]);
    expect(held.member).toBe("a:1");
  });

  it("waits out a model's cooldown; other models go", () => {
    const mirror = new KeyMirror(limits);
    mirror.setCooldown("m", 2000);
    expect(mirror.judge("m", 500)).toEqual({ kind: "wait", ms: 1500 });
    expect(mirror.judge("other", 500)).toEqual({ kind: "go" });
    expect(mirror.judge("m", 2000)).toEqual({ kind: "go" });
  });

  it("refuses a cooldown longer than maxWaitMs instead of sleeping", () => {
    const mirror = new KeyMirror(limits);
    mirror.setCooldown("m", 60_000);
    const verdict = mirror.judge("m", 0);
    expect(verdict.kind === "refuse" && verdict.error.code).toBe("RATE_LIMIT_EXCEEDED");
    expect(verdict.kind === "refuse" && verdict.error.retryAfterMs).toBe(60_000);
  });

  it("refuses every model during a lock-out", () => {
    const mirror = new KeyMirror(limits);
    mirror.lock(30_000);
    const verdict = mirror.judge("any", 10_000);
    expect(verdict.kind === "refuse" && verdict.error.code).toBe("TOO_MANY_FAILED_ATTEMPTS");
    expect(verdict.kind === "refuse" && verdict.error.retryAfterMs).toBe(20_000);
    expect(mirror.judge("any", 30_000).kind).toBe("go");
  });

  it("never shortens a cooldown or a lock-out", () => {
    const mirror = new KeyMirror(limits);
    mirror.setCooldown("m", 2000);
    mirror.setCooldown("m", 1000);
    mirror.lock(5000);
    mirror.lock(10);
    expect(mirror.cooldowns.get("m")).toBe(2000);
    expect(mirror.lockedUntil).toBe(5000);
  });
});
