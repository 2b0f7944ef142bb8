import { catalog, type VeniceErrorCode } from "@venice-errors/core";
import {
  createErrorBody,
  type ErrorBodyOptions,
  type HttpErrorCode,
  requireHttpCode,
  x402DiscoveryBody,
} from "./bodies.js";
import {
  balanceHeaders,
  deprecationHeaders,
  exhaustedRateLimitHeaders,
  failureBudgetHeaders,
  type HeaderRecord,
  mergeHeaders,
  type RateLimitHeaderOptions,
  rateLimitHeaders,
  retryAfterHeader,
  veniceBaseHeaders,
} from "./headers.js";
import { type IdOptions, resolveIds } from "./ids.js";

/** An HTTP answer as plain data (what the fake server and the MSW handlers send). */
export interface FakeAnswer {
  status: number;
  headers: HeaderRecord;
  /** The serialized body (JSON text, HTML, or empty), or bytes (images, audio, video). */
  body: string | Uint8Array;
}

/** Options for `createErrorResponse` / `createErrorAnswer`. */
export interface ErrorResponseOptions
  extends Omit<ErrorBodyOptions, "retryAfter" | "requestId">,
    IdOptions {
  /** Override the status (Venice sometimes answers a code with another one, e.g. overloads as 500). */
  status?: number;
  /** Extra headers, merged last; `null` removes a default header. */
  headers?: Record<string, string | null>;
  /** `Retry-After` in seconds (or a `Date`); `null` drops the default (30 s on 429s). */
  retryAfter?: number | Date | null;
  /** Rate-limit headers: options for them, or `false` for none. */
  rateLimit?: RateLimitHeaderOptions | false;
  /** `x-request-id`: `true` (default) generates one, a string fixes it, `false` omits it. */
  requestId?: boolean | string;
  /** Fix the `CF-RAY` value. */
  cfRay?: string;
  /** Replace the body entirely: a string is sent as is, anything else as JSON. */
  body?: unknown;
  /** Clock in epoch ms (default `Date.now`). */
  now?: () => number;
}

/** Default `Retry-After` (seconds) per code: what Venice's 429s commonly send. */
const DEFAULT_RETRY_AFTER: Partial<Record<HttpErrorCode, number>> = {
  RATE_LIMIT_EXCEEDED: 30,
  MODEL_OVERLOADED: 30,
};

function codeHeaders(code: HttpErrorCode, now: number, rateLimit: RateLimitHeaderOptions | false) {
  const limits =
    rateLimit === false
      ? {}
      : code === "RATE_LIMIT_EXCEEDED"
        ? exhaustedRateLimitHeaders({ resetRequestsInMs: 30_000, now, ...rateLimit })
        : rateLimitHeaders({ now, ...rateLimit });
  switch (code) {
    case "TOO_MANY_FAILED_ATTEMPTS":
      return { ...limits, ...failureBudgetHeaders({ remaining: 0, resetsInMs: 30_000 }) };
    case "INSUFFICIENT_BALANCE":
      return { ...limits, ...balanceHeaders({ usd: 0, diem: 0 }) };
    case "PAYMENT_REQUIRED":
      return {
        "payment-required": base64(JSON.stringify(x402DiscoveryBody())),
      };
    case "RESOURCE_RETIRED":
      return deprecationHeaders({ now, replacement: "venice-uncensored" });
    default:
      return limits;
  }
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * A realistic Venice error answer for `code` as plain data: status, headers (CF-RAY, x-request-id,
 * rate limits, Retry-After on 429s, balance on 402, Deprecation/Sunset/Link on 410) and the body.
 * Throws a `TypeError` for client-side codes (they have no HTTP answer).
 */
export function createErrorAnswer(
  code: VeniceErrorCode,
  options: ErrorResponseOptions = {},
): FakeAnswer {
  requireHttpCode(code, "createErrorResponse");
  const now = (options.now ?? Date.now)();
  const ids = resolveIds(options, code);
  const base = veniceBaseHeaders({
    ids,
    now,
    requestId: options.requestId ?? true,
    ...(options.cfRay === undefined ? {} : { cfRay: options.cfRay }),
  });
  const retryAfter =
    options.retryAfter === undefined ? DEFAULT_RETRY_AFTER[code] : options.retryAfter;
  const headers = mergeHeaders(
    base,
    codeHeaders(code, now, options.rateLimit ?? {}),
    retryAfter === undefined || retryAfter === null ? undefined : retryAfterHeader(retryAfter),
    options.headers,
  );
  let body: string;
  if (options.body !== undefined) {
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
  } else {
    const { retryAfter: _retry, requestId: _id, ...rest } = options;
    const bodyOptions: ErrorBodyOptions = rest;
    if (typeof options.requestId === "string") bodyOptions.requestId = options.requestId;
    if (typeof retryAfter === "number") bodyOptions.retryAfter = retryAfter;
    body = JSON.stringify(createErrorBody(code, bodyOptions));
  }
  return { status: options.status ?? catalog[code].status, headers, body };
}

/**
 * A real WHATWG `Response` with what Venice sends for `code`: the realistic body shape and headers.
 * `await parseVeniceError(createErrorResponse("MODEL_OVERLOADED"))` gives back `MODEL_OVERLOADED`.
 * Throws a `TypeError` for client-side codes (use `createVeniceError` for those).
 */
export function createErrorResponse(
  code: VeniceErrorCode,
  options: ErrorResponseOptions = {},
): Response {
  return answerResponse(createErrorAnswer(code, options));
}

/** A fake answer as a WHATWG `Response`. */
export function answerResponse(answer: FakeAnswer): Response {
  return new Response(answer.body as BodyInit, { status: answer.status, headers: answer.headers });
}
