/** Parses a finite number from a header or body value; `undefined` when it is not one. */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value !== "string" || value.trim() === "") return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

/** `value` when it is an HTTP status (an integer in 100..599), else `undefined`. */
export function httpStatus(value: unknown): number | undefined {
  return Number.isInteger(value) && (value as number) >= 100 && (value as number) < 600
    ? (value as number)
    : undefined;
}

/**
 * Turns a reset value into absolute epoch milliseconds, deciding the unit by magnitude
 * (Venice documents seconds, live answers send 13-digit milliseconds):
 * >= 1e12 epoch ms, >= 1e9 epoch seconds, else a duration in `relativeUnitMs` from `now`.
 */
export function toEpochMs(value: number, now: number, relativeUnitMs = 1000): number {
  if (value >= 1e12) return value;
  if (value >= 1e9) return value * 1000;
  return now + value * relativeUnitMs;
}
