import type { VeniceError } from "@venice-errors/core";

/**
 * When a retry makes sense (epoch ms): `now` plus the server's wait hint. `undefined` when the
 * error is not retryable or came without a hint.
 */
export function retryAtOf(error: VeniceError, now: number): number | undefined {
  const wait = error.retryAfterMs;
  return error.retryable && wait !== undefined && wait > 0 ? now + wait : undefined;
}

/** Whole seconds left until `at` (rounded up, never below 0); `undefined` when there is no `at`. */
export function secondsUntil(at: number | undefined, now: number): number | undefined {
  return at === undefined ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}
