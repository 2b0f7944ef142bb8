import type { IdGenerator } from "./ids.js";

/** Plain header records: what every factory returns and accepts (lower-case names). */
export type HeaderRecord = Record<string, string>;

/**
 * How reset times are written. Venice's docs say Unix seconds (requests) and seconds-from-now
 * (tokens); live answers have sent 13-digit epoch milliseconds for both.
 */
export type ResetUnit = "epoch-ms" | "epoch-seconds" | "seconds";

/** Options for `rateLimitHeaders`. */
export interface RateLimitHeaderOptions {
  limitRequests?: number;
  /** Default: `limitRequests - 1`. */
  remainingRequests?: number;
  /** When the request window resets, in ms from `now` (default 60 000). */
  resetRequestsInMs?: number;
  limitTokens?: number;
  /** Default: `limitTokens`. */
  remainingTokens?: number;
  /** When the token window resets, in ms from `now` (default 60 000). */
  resetTokensInMs?: number;
  /** The unit of both reset headers (default `"epoch-ms"`, what the live API sends). */
  unit?: ResetUnit;
  /** Separate unit for `x-ratelimit-reset-tokens` (default: `unit`). */
  tokensUnit?: ResetUnit;
  /** `x-ratelimit-type`, e.g. `"requests"` or `"tokens"`. */
  type?: string;
  /** Clock in epoch ms (default `Date.now()`). */
  now?: number;
}

/** Writes a reset moment (`now + inMs`) in the given unit. */
export function formatReset(inMs: number, unit: ResetUnit, now: number): string {
  switch (unit) {
    case "epoch-ms":
      return String(Math.round(now + inMs));
    case "epoch-seconds":
      return String(Math.ceil((now + inMs) / 1000));
    case "seconds":
      return String(Math.ceil(inMs / 1000));
  }
}

/** The `x-ratelimit-*` headers Venice sends on inference routes. */
export function rateLimitHeaders(options: RateLimitHeaderOptions = {}): HeaderRecord {
  const now = options.now ?? Date.now();
  const unit = options.unit ?? "epoch-ms";
  const limitRequests = options.limitRequests ?? 500;
  const limitTokens = options.limitTokens ?? 1_000_000;
  const headers: HeaderRecord = {
    "x-ratelimit-limit-requests": String(limitRequests),
    "x-ratelimit-remaining-requests": String(
      Math.max(0, options.remainingRequests ?? limitRequests - 1),
    ),
    "x-ratelimit-reset-requests": formatReset(options.resetRequestsInMs ?? 60_000, unit, now),
    "x-ratelimit-limit-tokens": String(limitTokens),
    "x-ratelimit-remaining-tokens": String(Math.max(0, options.remainingTokens ?? limitTokens)),
    "x-ratelimit-reset-tokens": formatReset(
      options.resetTokensInMs ?? 60_000,
      options.tokensUnit ?? unit,
      now,
    ),
  };
  if (options.type !== undefined) headers["x-ratelimit-type"] = options.type;
  return headers;
}

/** Rate-limit headers of an exhausted request window: what a `RATE_LIMIT_EXCEEDED` 429 carries. */
export function exhaustedRateLimitHeaders(options: RateLimitHeaderOptions = {}): HeaderRecord {
  return rateLimitHeaders({ type: "requests", ...options, remainingRequests: 0 });
}

/** The abuse-protection budget: failed requests left (`x-ratelimit-remaining`) and `x-ratelimit-resets` (ms). */
export function failureBudgetHeaders(
  options: { remaining?: number; resetsInMs?: number } = {},
): HeaderRecord {
  return {
    "x-ratelimit-remaining": String(options.remaining ?? 0),
    "x-ratelimit-resets": String(options.resetsInMs ?? 30_000),
  };
}

/** The unsuffixed `X-RateLimit-Limit/Remaining/Reset` of crypto RPC (Reset in Unix seconds). */
export function unsuffixedRateLimitHeaders(
  options: { limit?: number; remaining?: number; resetInMs?: number; now?: number } = {},
): HeaderRecord {
  const limit = options.limit ?? 100;
  return {
    "x-ratelimit-limit": String(limit),
    "x-ratelimit-remaining": String(options.remaining ?? limit - 1),
    "x-ratelimit-reset": formatReset(
      options.resetInMs ?? 60_000,
      "epoch-seconds",
      options.now ?? Date.now(),
    ),
  };
}

/** `Retry-After` as seconds, or as an HTTP date when given a `Date`. */
export function retryAfterHeader(after: number | Date): HeaderRecord {
  return {
    "retry-after": after instanceof Date ? after.toUTCString() : String(Math.max(0, after)),
  };
}

/** `x-venice-balance-usd` / `x-venice-balance-diem`. */
export function balanceHeaders(balance: { usd?: number; diem?: number }): HeaderRecord {
  const headers: HeaderRecord = {};
  if (balance.usd !== undefined) headers["x-venice-balance-usd"] = balance.usd.toFixed(2);
  if (balance.diem !== undefined) headers["x-venice-balance-diem"] = balance.diem.toFixed(4);
  return headers;
}

/** Options for `deprecationHeaders`. */
export interface DeprecationHeaderOptions {
  /** When the resource was deprecated (default: 30 days before `now`). */
  deprecatedAt?: number;
  /** When it stops/stopped working (default: `now`). */
  sunsetAt?: number;
  /** The model to move to (`x-venice-deprecated-replacement`). */
  replacement?: string;
  link?: string;
  now?: number;
}

/** `Deprecation` (RFC 9745 `@epoch-seconds`), `Sunset` (HTTP date), `Link` and Venice's own deprecation headers. */
export function deprecationHeaders(options: DeprecationHeaderOptions = {}): HeaderRecord {
  const now = options.now ?? Date.now();
  const deprecatedAt = options.deprecatedAt ?? now - 30 * 24 * 3600 * 1000;
  const headers: HeaderRecord = {
    deprecation: `@${Math.floor(deprecatedAt / 1000)}`,
    sunset: new Date(options.sunsetAt ?? now).toUTCString(),
    link: `<${options.link ?? "https://docs.venice.ai/overview/deprecations"}>; rel="deprecation"; type="text/html"`,
  };
  if (options.replacement !== undefined) {
    headers["x-venice-deprecated-replacement"] = options.replacement;
  }
  return headers;
}

/** Options for `veniceBaseHeaders`. */
export interface BaseHeaderOptions {
  ids: IdGenerator;
  now?: number;
  contentType?: string;
  /** Add `x-request-id` (only some Venice routes send it). Pass a string to fix its value. */
  requestId?: boolean | string;
  /** Fix the `CF-RAY` value. */
  cfRay?: string;
}

/** What every Venice answer carries: `CF-RAY`, `Date`, `Content-Type`, `server`, optionally `x-request-id`. */
export function veniceBaseHeaders(options: BaseHeaderOptions): HeaderRecord {
  const headers: HeaderRecord = {
    "content-type": options.contentType ?? "application/json; charset=utf-8",
    date: new Date(options.now ?? Date.now()).toUTCString(),
    server: "cloudflare",
    "cf-ray": options.cfRay ?? options.ids.cfRay(),
    "x-venice-version": "20261101.120000",
  };
  if (options.requestId) {
    headers["x-request-id"] =
      typeof options.requestId === "string" ? options.requestId : options.ids.requestId();
  }
  return headers;
}

/** Merges header records with lower-cased names; a `null`/`undefined` value removes the header. */
export function mergeHeaders(
  ...records: ReadonlyArray<Record<string, string | null | undefined> | undefined>
): HeaderRecord {
  const out: HeaderRecord = {};
  for (const record of records) {
    if (!record) continue;
    for (const [name, value] of Object.entries(record)) {
      const key = name.toLowerCase();
      if (value === null || value === undefined) delete out[key];
      else out[key] = value;
    }
  }
  return out;
}
