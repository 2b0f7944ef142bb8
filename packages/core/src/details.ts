import type { VeniceErrorCode } from "./catalog.js";
import { errorObject, isRecord, str, TEXT_CAP } from "./classify.js";
import { bodyIssues, fieldErrorsFromBody } from "./field-errors.js";
import { type HeaderReader, type HeadersLike, safeHeaders } from "./headers.js";
import { toNumber } from "./numbers.js";
import { readRateLimit, type VeniceRateLimit } from "./rate-limit.js";
import type { VeniceBalance, VeniceDeprecation } from "./venice-error.js";

/** What a `VeniceError` keeps of its response to work out its details when first read. */
export interface DetailSource {
  raw: HeadersLike | undefined;
  read: HeaderReader;
  /** Clock of the moment the error was made (relative resets, HTTP dates). */
  now: number;
}

/** The part of a `VeniceError` the details are derived from. */
interface Derivable {
  code: VeniceErrorCode;
  message: string;
  body?: unknown;
  userAction: string;
  rateLimit?: VeniceRateLimit;
}

type Derive = (error: Derivable, source: DetailSource) => unknown;

/** A body field, from the error object (`error.x`, `response.error.x`) or the top level. */
function field(body: unknown, name: string): unknown {
  if (!isRecord(body)) return undefined;
  return errorObject(body)?.[name] ?? body[name];
}

/** The part of the message the patterns below read (see `TEXT_CAP`). */
function head(error: Derivable): string {
  return error.message.slice(0, TEXT_CAP);
}

/** "Please wait 30s", "request ID: abc-123", "Did you mean: llama-3.3-70b?" (each linear, on `head`). */
export const PLEASE_WAIT = /please wait (\d+(?:\.\d+)?)\s*(s\b|sec|second)/i;
export const REQUEST_ID = /request id:?\s*([\w-]{6,})/i;
export const DID_YOU_MEAN = /did you mean:?\s*["'`]?([\w.:/-]+?)["'`]?[?.]?\s*$/i;

function seconds(value: unknown): number | undefined {
  const n = toNumber(value);
  return n === undefined || n < 0 ? undefined : Math.round(n * 1000);
}

/** The server's wait hint in ms: headers, then the body's `retry_after`, then "Please wait 30s". */
function retryAfterMs(error: Derivable, { read, now }: DetailSource): number | undefined {
  // openai-style servers send the more precise `retry-after-ms` (alone or beside `Retry-After`).
  const ms = toNumber(read("retry-after-ms"));
  if (ms !== undefined && ms >= 0) return Math.round(ms);
  const header = read("retry-after");
  if (header !== undefined) {
    const date = Date.parse(header);
    const hint = seconds(header) ?? (Number.isNaN(date) ? undefined : Math.max(0, date - now));
    if (hint !== undefined) return hint;
  }
  const wait = PLEASE_WAIT.exec(head(error));
  const hint = seconds(field(error.body, "retry_after")) ?? (wait ? seconds(wait[1]) : undefined);
  if (
    hint !== undefined ||
    (error.code !== "RATE_LIMIT_EXCEEDED" && error.code !== "TOO_MANY_FAILED_ATTEMPTS")
  ) {
    return hint;
  }
  // No explicit hint with a 429: the reset of the exhausted limit is one.
  const limits = error.rateLimit;
  if (!limits) return undefined;
  const resets =
    error.code === "TOO_MANY_FAILED_ATTEMPTS"
      ? [limits.failuresResetAt]
      : [
          limits.remainingRequests === 0 ? limits.resetRequestsAt : undefined,
          limits.remainingTokens === 0 ? limits.resetTokensAt : undefined,
          limits.remaining === 0 ? limits.resetAt : undefined,
        ];
  const at = Math.max(...resets.map((value) => value ?? -Infinity));
  return at > -Infinity ? Math.max(0, at - now) : undefined;
}

/** Collects present headers into an object, or `undefined` when none is there. */
function pick<T>(
  read: HeaderReader,
  map: ReadonlyArray<readonly [string, keyof T]>,
  parse: (value: string) => unknown = (value) => value,
): T | undefined {
  let result: T | undefined;
  for (const [header, key] of map) {
    const value = read(header);
    const parsed = value === undefined ? undefined : parse(value);
    if (parsed !== undefined) {
      result ??= {} as T;
      result[key] ??= parsed as T[keyof T];
    }
  }
  return result;
}

const BALANCE = [
  ["x-venice-balance-usd", "usd"],
  ["x-venice-balance-diem", "diem"],
] as const;

const DEPRECATION = [
  ["x-venice-deprecated", "warning"],
  ["x-venice-model-deprecation-warning", "warning"],
  ["x-venice-model-deprecation-date", "date"],
  ["deprecation", "date"],
  ["x-venice-deprecated-replacement", "replacement"],
  ["sunset", "sunset"],
  ["link", "link"],
] as const;

/**
 * The details of a `VeniceError` that are worked out only when first read, so that
 * classifying stays cheap: one function per field, from the body, message and headers.
 */
export const DERIVED = {
  headers: (_error, source) => safeHeaders(source.raw),
  rateLimit: (_error, { read, now }) => readRateLimit(read, now),
  retryAfterMs,
  /** `x-request-id`, then the body's `request_id` or the id inside the message, then `CF-RAY`. */
  requestId: (error, { read }) =>
    read("x-request-id") ??
    str(field(error.body, "request_id")) ??
    REQUEST_ID.exec(head(error))?.[1] ??
    read("cf-ray"),
  creditsRefunded: (error) => {
    const value = field(error.body, "credits_refunded");
    return typeof value === "boolean" ? value : undefined;
  },
  suggestedPrompt: (error) => str(field(error.body, "suggested_prompt")),
  /** The body's `recommended_model`; for model problems also "Did you mean: …" or the replacement header. */
  recommendedModel: (error, { read }) =>
    str(field(error.body, "recommended_model")) ??
    (error.userAction === "change_model"
      ? (DID_YOU_MEAN.exec(head(error))?.[1] ?? read("x-venice-deprecated-replacement"))
      : undefined),
  fieldErrors: (error) => fieldErrorsFromBody(error.body),
  issues: (error) => bodyIssues(error.body),
  balance: (_error, { read }) => pick<VeniceBalance>(read, BALANCE, toNumber),
  deprecation: (_error, { read }) => pick<VeniceDeprecation>(read, DEPRECATION),
} satisfies Record<string, Derive>;

export type DerivedField = keyof typeof DERIVED;
