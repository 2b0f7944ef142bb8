import { VeniceError } from "@venice-errors/core";
import { describe, expect, it, vi } from "vitest";
import type { VeniceToast } from "./toast.js";
import { createToastQueue, noToasts } from "./toast-queue.js";

const toast = (id: string, key: string, expiresAt?: number): VeniceToast => ({
  id,
  key,
  error: new VeniceError({ code: "UNKNOWN_ERROR" }),
  blocking: expiresAt === undefined,
  createdAt: 0,
  ...(expiresAt === undefined ? {} : { expiresAt }),
});

describe("toast queue", () => {
  it("adds, replaces by key, keeps a limit and notifies", () => {
    const queue = createToastQueue(2);
    const listener = vi.fn();
    const unsubscribe = queue.subscribe(listener);
    queue.add(toast("1", "a"));
    queue.add(toast("2", "b"));
    queue.add(toast("3", "a"));
    expect(queue.getSnapshot().map((t) => t.id)).toEqual(["2", "3"]);
    queue.add(toast("4", "c"));
    expect(queue.getSnapshot().map((t) => t.id)).toEqual(["3", "4"]);
    expect(listener).toHaveBeenCalledTimes(4);
    unsubscribe();
    queue.dismiss("3");
    expect(listener).toHaveBeenCalledTimes(4);
    expect(queue.getSnapshot().map((t) => t.id)).toEqual(["4"]);
  });

  it("keeps the same snapshot when nothing changes", () => {
    const queue = createToastQueue();
    const before = queue.getSnapshot();
    queue.dismiss("nope");
    queue.prune(10);
    expect(queue.getSnapshot()).toBe(before);
    expect(noToasts()).toBe(noToasts());
  });

  it("prunes expired toasts, keeps those without expiry, and pauses", () => {
    const queue = createToastQueue();
    queue.add(toast("1", "a", 100));
    queue.add(toast("2", "b"));
    queue.pause(50);
    queue.prune(500);
    expect(queue.getSnapshot()).toHaveLength(2);
    queue.resume(150); // paused 100 ms: expiry moves to 200
    expect(queue.getSnapshot()[0]?.expiresAt).toBe(200);
    queue.prune(199);
    expect(queue.getSnapshot()).toHaveLength(2);
    queue.prune(200);
    expect(queue.getSnapshot().map((t) => t.id)).toEqual(["2"]);
  });
});
