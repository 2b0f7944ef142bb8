import type { VeniceError } from "./venice-error.js";

/**
 * The one place that says whether a Venice failure may be retried. Two questions, one rule:
 * - `statusIsRetryable`: can this failure go away if the same request is sent again later? It
 *   decides `catalog[code].retryable` and `VeniceError.retryable` (what a person is told: "retry
 *   in 12 s").
 * - `isRetryable`: may a client resend it automatically, now, without harm? It narrows the first
 *   answer for abuse lock-outs and for generation requests, whose retries can charge twice.
 */

/**
 * True when the same request may succeed if sent again: 408, 429 and 5xx answers, and failures
 * without an answer (status 0: connection errors, timeouts, cut streams) unless the caller aborted.
 */
export function statusIsRetryable(status: number, code: string): boolean {
  if (status === 0) return code !== "ABORTED";
  return status === 408 || status === 429 || status >= 500;
}

/** Options of `isRetryable`. */
export interface IsRetryableOptions {
  /**
   * The request starts paid work (a chat completion, an image, audio or video): resend it only on
   * answers that prove the work did not happen, so a person's credits are never spent twice.
   */
  generation?: boolean;
}

/** Codes whose automatic retry does harm even when the status alone would allow it. */
const NEVER_RESENT = new Set<string>([
  // Venice's abuse lock-out: a retry inside the block extends it.
  "TOO_MANY_FAILED_ATTEMPTS",
  "ABORTED",
]);

/** Error codes (Node, undici) that mean the connection was never made: nothing was sent. */
const NOT_SENT = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|UND_ERR_CONNECT_TIMEOUT|UND_ERR_CONNECT)$/;

/** True when a connection error's cause chain shows the request never left the machine. */
export function wasNeverSent(error: VeniceError): boolean {
  if (error.code !== "CONNECTION_ERROR") return false;
  let cause: unknown = error.cause;
  for (let depth = 0; depth < 5 && typeof cause === "object" && cause !== null; depth++) {
    try {
      const code = (cause as { code?: unknown }).code;
      if (typeof code === "string" && NOT_SENT.test(code)) return true;
      // AggregateError (happy eyeballs): refused on every address.
      const errors = (cause as { errors?: unknown }).errors;
      if (Array.isArray(errors) && errors.length > 0) {
        return errors.every((item) => {
          const itemCode = (item as { code?: unknown } | null)?.code;
          return typeof itemCode === "string" && NOT_SENT.test(itemCode);
        });
      }
      cause = (cause as { cause?: unknown }).cause;
    } catch {
      return false;
    }
  }
  return false;
}

/**
 * Cloudflare (in front of api.venice.ai) answers these when it could not hand the request to
 * Venice at all: 521 refused, 522 connect timed out, 523 unreachable, 525/526 TLS failed. Not 520
 * or 524: those come after Venice had the request.
 */
const EDGE_NOT_DELIVERED = new Set([521, 522, 523, 525, 526]);

/**
 * May a client resend this request automatically? Never after an abort or an abuse lock-out.
 * For a generation request, only on answers that prove the work did not happen: a 429 (a rate
 * limit, not a lock-out), a 503 or an overload (category "capacity") that carries a wait hint, a
 * Cloudflare answer that it never reached Venice (521-523, 525, 526), or a connection refused
 * before anything was sent. Not after a 500, a 520 or 524, a timeout, a reset once the body was
 * sent, a cut or unreadable 200: the work may have run and been charged.
 */
export function isRetryable(error: VeniceError, options: IsRetryableOptions = {}): boolean {
  if (!error.retryable || NEVER_RESENT.has(error.code)) return false;
  if (!options.generation) return true;
  if (error.status === 429 || EDGE_NOT_DELIVERED.has(error.status)) return true;
  if (error.retryAfterMs !== undefined && (error.status === 503 || error.category === "capacity")) {
    return true;
  }
  return wasNeverSent(error);
}
