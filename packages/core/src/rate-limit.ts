import { type HeaderReader, type HeadersLike, headerReader } from "./headers.js";
import { toEpochMs, toNumber } from "./numbers.js";

/** Rate-limit state from a Venice response's headers. Reset times are absolute epoch ms. */
export interface VeniceRateLimit {
  limitRequests?: number;
  remainingRequests?: number;
  resetRequestsAt?: number;
  limitTokens?: number;
  remainingTokens?: number;
  resetTokensAt?: number;
  /** `x-ratelimit-type`, e.g. which limit the answer is about. */
  type?: string;
  /** Unsuffixed `X-RateLimit-Limit/Remaining/Reset` (crypto RPC). */
  limit?: number;
  remaining?: number;
  resetAt?: number;
  /** Abuse protection: failed requests left before the key is locked out (`x-ratelimit-remaining`). */
  remainingFailures?: number;
  /** When the failure window resets (`x-ratelimit-resets`, milliseconds). */
  failuresResetAt?: number;
}

type NumericField = Exclude<keyof VeniceRateLimit, "type">;

const FIELDS: ReadonlyArray<readonly [header: string, field: NumericField, reset?: "s" | "ms"]> = [
  ["x-ratelimit-limit-requests", "limitRequests"],
  ["x-ratelimit-remaining-requests", "remainingRequests"],
  ["x-ratelimit-reset-requests", "resetRequestsAt", "s"],
  ["x-ratelimit-limit-tokens", "limitTokens"],
  ["x-ratelimit-remaining-tokens", "remainingTokens"],
  ["x-ratelimit-reset-tokens", "resetTokensAt", "s"],
  ["x-ratelimit-limit", "limit"],
  ["x-ratelimit-reset", "resetAt", "s"],
  ["x-ratelimit-resets", "failuresResetAt", "ms"],
];

/** Reads a header reader into rate-limit state; `undefined` when no rate-limit header is present. */
export function readRateLimit(read: HeaderReader, now: number): VeniceRateLimit | undefined {
  let result: VeniceRateLimit | undefined;
  for (const [header, field, reset] of FIELDS) {
    const value = toNumber(read(header));
    if (value === undefined) continue;
    result ??= {};
    result[field] = reset ? toEpochMs(value, now, reset === "ms" ? 1 : 1000) : value;
  }
  // `x-ratelimit-remaining` is the abuse budget where `x-ratelimit-resets` comes with it,
  // and the plain remaining count of the unsuffixed set otherwise.
  const remaining = toNumber(read("x-ratelimit-remaining"));
  if (remaining !== undefined) {
    result ??= {};
    if (result.failuresResetAt !== undefined) result.remainingFailures = remaining;
    else result.remaining = remaining;
  }
  const type = read("x-ratelimit-type");
  if (type) {
    result ??= {};
    result.type = type;
  }
  return result;
}

/**
 * Parses Venice rate-limit headers (any case). Reset values become absolute epoch ms,
 * the unit decided by magnitude: >= 1e12 epoch ms, >= 1e9 epoch seconds, else seconds from `now`.
 */
export function parseRateLimitHeaders(
  headers: HeadersLike | null | undefined,
  now: number = Date.now(),
): VeniceRateLimit | undefined {
  return readRateLimit(headerReader(headers), now);
}
