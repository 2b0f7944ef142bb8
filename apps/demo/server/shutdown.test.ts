import { EventEmitter } from "node:events";
import { describe, expect, it, vi } from "vitest";
import { stopOnSignals } from "./shutdown.js";

function setup(close: () => Promise<void>, graceMs = 3_000) {
  const target = new EventEmitter();
  const exit = vi.fn<(code: number) => void>();
  const log = vi.fn<(line: string) => void>();
  const control = stopOnSignals({ close, exit, log, graceMs, target });
  return { target, exit, log, control };
}

describe("stopOnSignals", () => {
  it("closes once and exits 0, however many stop signals arrive", async () => {
    const close = vi.fn(() => Promise.resolve());
    const { target, exit, log, control } = setup(close);
    target.emit("SIGINT");
    target.emit("SIGINT");
    target.emit("SIGTERM");
    await vi.waitFor(() => expect(exit).toHaveBeenCalled());
    expect(close).toHaveBeenCalledTimes(1);
    expect(exit.mock.calls).toEqual([[0]]);
    expect(log).toHaveBeenCalledTimes(1);
    expect(control.stopping()).toBe(true);
  });

  it("exits 1 when closing failed", async () => {
    const { target, exit } = setup(() => Promise.reject(new Error("stuck")));
    target.emit("SIGTERM");
    await vi.waitFor(() => expect(exit).toHaveBeenCalled());
    expect(exit.mock.calls).toEqual([[1]]);
  });

  it("cuts a close that hangs short, still with status 0", async () => {
    vi.useFakeTimers();
    try {
      const { target, exit } = setup(() => new Promise(() => undefined), 500);
      target.emit("SIGINT");
      vi.advanceTimersByTime(499);
      expect(exit).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(exit.mock.calls).toEqual([[0]]);
    } finally {
      vi.useRealTimers();
    }
  });
});
