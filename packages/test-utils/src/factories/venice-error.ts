import {
  toVeniceError,
  type VeniceAttempt,
  VeniceError,
  type VeniceErrorCode,
  type VeniceErrorInit,
} from "@venice-errors/core";
import { type ErrorShape, type FakeFieldErrors, isClientSideCode } from "./bodies.js";
import type { IdOptions } from "./ids.js";
import { createErrorAnswer } from "./responses.js";

/** Options for `createVeniceError`. */
export interface CreateVeniceErrorOptions extends IdOptions {
  /** Body shape of the answer the error is classified from. */
  shape?: ErrorShape;
  status?: number;
  message?: string;
  /** Response headers (merged over the realistic defaults; `null` removes one). */
  headers?: Record<string, string | null>;
  /** Replace the response body. */
  body?: unknown;
  fieldErrors?: FakeFieldErrors;
  /** Sets `Retry-After` on the answer and the exact `retryAfterMs` on the error. */
  retryAfterMs?: number;
  requestId?: string;
  /** The attempt history a client would have recorded. */
  attempts?: VeniceAttempt[];
  /** Replace the cause (client-side codes get a realistic one by default). */
  cause?: unknown;
  /** Clock in epoch ms (default `Date.now`). */
  now?: () => number;
}

/** The low-level error a runtime throws for each client-side failure. */
function clientCause(code: VeniceErrorCode): Error {
  switch (code) {
    case "CONNECTION_ERROR": {
      const inner = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:443"), {
        code: "ECONNREFUSED",
      });
      return new TypeError("fetch failed", { cause: inner });
    }
    case "CLIENT_TIMEOUT":
      return new DOMException("The operation was aborted due to timeout", "TimeoutError");
    case "ABORTED":
      return new DOMException("This operation was aborted", "AbortError");
    case "INVALID_RESPONSE":
      return new SyntaxError("Unexpected token '<', \"<!DOCTYPE \"... is not valid JSON");
    default:
      return new TypeError("terminated", {
        cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }),
      });
  }
}

/**
 * A `VeniceError` exactly as core would produce it for `code`: HTTP codes are classified from a
 * realistic fake answer (body, headers, request id, rate limits); client-side codes
 * (`CONNECTION_ERROR`, `CLIENT_TIMEOUT`, `ABORTED`, `INVALID_RESPONSE`, `STREAM_INTERRUPTED`) get
 * status 0 and the runtime error a client would have caught as `cause`.
 */
export function createVeniceError(
  code: VeniceErrorCode,
  options: CreateVeniceErrorOptions = {},
): VeniceError {
  if (isClientSideCode(code)) {
    const init: VeniceErrorInit = {
      code,
      status: options.status ?? 0,
      matchedBy: "client",
      cause: options.cause ?? clientCause(code),
    };
    if (options.message !== undefined) init.message = options.message;
    if (options.attempts !== undefined) init.attempts = options.attempts;
    if (options.retryAfterMs !== undefined) init.retryAfterMs = options.retryAfterMs;
    return new VeniceError(init);
  }
  const now = (options.now ?? Date.now)();
  const { retryAfterMs, attempts, cause, ...answerOptions } = options;
  const answer = createErrorAnswer(code, {
    ...answerOptions,
    now: () => now,
    ...(retryAfterMs === undefined ? {} : { retryAfter: Math.ceil(retryAfterMs / 1000) }),
  });
  const error = toVeniceError(answer, { now });
  if (retryAfterMs === undefined && attempts === undefined && cause === undefined) return error;
  // Same error with the overrides: its JSON form revives it (plus all headers, not only public ones).
  return new VeniceError({
    ...error.toJSON(),
    headers: error.headers,
    now,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(attempts === undefined ? {} : { attempts }),
    ...(cause === undefined ? {} : { cause }),
  });
}
