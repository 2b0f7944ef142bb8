import { VeniceError } from "@venice-errors/core";

function seconds(ms: number): number {
  return Math.ceil(ms / 1000);
}

function refusal(
  code: "TOO_MANY_FAILED_ATTEMPTS" | "RATE_LIMIT_EXCEEDED",
  waitMs: number,
  message: string,
) {
  return new VeniceError({
    code,
    status: 0,
    matchedBy: "client",
    retryAfterMs: Math.max(0, Math.ceil(waitMs)),
    message,
  });
}

/** The fleet's failure budget is spent: refuse before Venice's abuse protection blocks the key. */
export function budgetRefusal(waitMs: number, failures: number, windowMs: number): VeniceError {
  return refusal(
    "TOO_MANY_FAILED_ATTEMPTS",
    waitMs,
    `Request not sent: ${failures} failed requests in the last ${seconds(windowMs)} s across the fleet, to keep Venice's abuse protection from blocking the API key. Retry in ${seconds(waitMs)} s.`,
  );
}

/** Venice locked the key out (seen by any process of the fleet). */
export function lockoutRefusal(waitMs: number): VeniceError {
  return refusal(
    "TOO_MANY_FAILED_ATTEMPTS",
    waitMs,
    `Request not sent: Venice reported its failure limit for this API key. Retry in ${seconds(waitMs)} s.`,
  );
}

/** A cooldown longer than `maxWaitMs`: the caller decides instead of sleeping for minutes. */
export function cooldownRefusal(waitMs: number): VeniceError {
  return refusal(
    "RATE_LIMIT_EXCEEDED",
    waitMs,
    `Request not sent: Venice asked this API key and model to wait ${seconds(waitMs)} s.`,
  );
}
