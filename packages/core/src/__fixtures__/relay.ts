// Shared by the tests of the hop from a server to a browser (error-response, frameworks, ai-sdk).
import type { VeniceError } from "../venice-error.js";

/** What must be equal on both sides of the hop: what a person and a retry loop act on. */
export function essentials(error: VeniceError) {
  return {
    code: error.code,
    status: error.status,
    retryAfterMs: error.retryAfterMs,
    requestId: error.requestId,
    fieldErrors: error.fieldErrors,
    message: error.message,
  };
}

/** A 400 body with field errors in both of Venice's forms (`details` and `issues`). */
export const FIELD_ERRORS_BODY = {
  error: "Invalid request parameters",
  details: { _errors: [], model: { _errors: ["Required"] } },
  issues: [{ code: "too_big", maximum: 4096, path: ["messages", 0, "content"] }],
};

/** What fetch throws when nothing answers (ECONNREFUSED): a CONNECTION_ERROR. */
export function connectionRefused(): TypeError {
  return Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } });
}
