import { MAX_TIMER_MS } from "@venice-errors/core";

/**
 * Resolves after `ms`, or rejects with `signal.reason` as soon as `signal` aborts (also when it
 * already has). The timer is cleared on abort, so a cancelled wait holds nothing alive. A wait
 * longer than a timer can hold (2^31 - 1 ms, about 24.8 days) is clamped to it: `setTimeout`
 * would otherwise fire at once.
 */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (ms <= 0 && !signal) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      },
      Math.min(ms, MAX_TIMER_MS),
    );
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
