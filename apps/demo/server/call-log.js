// What the status panel shows: the last call to Venice and every try the client made for it,
// updated live while the client retries.

/**
 * @typedef {{ attempt: number, status: number, code: string, waitedMs: number, requestId?: string }} Attempt
 * @typedef {{
 *   id: number, scenario?: string, model?: string, startedAt: number, endedAt?: number,
 *   inFlight: boolean, outcome?: "ok" | "error", status?: number, code?: string,
 *   attempts: Attempt[], nextWaitMs?: number
 * }} CallRecord
 */

/** Finished calls kept for `recent()`. */
const HISTORY = 20;

export function createCallLog() {
  /** @type {CallRecord | undefined} */
  let current;
  /** @type {CallRecord[]} */
  const history = [];
  let sequence = 0;
  return {
    /** @param {{ scenario?: string, model?: string }} info */
    start(info) {
      current = { id: ++sequence, ...info, startedAt: Date.now(), inFlight: true, attempts: [] };
      return current;
    },
    /**
     * A try failed and the client will retry after `waitMs`.
     * @param {{ status: number, code: string, waitMs: number, requestId?: string }} failure
     */
    retrying(failure) {
      if (!current?.inFlight) return;
      const previous = current.attempts.at(-1);
      current.attempts.push({
        attempt: current.attempts.length + 1,
        status: failure.status,
        code: failure.code,
        waitedMs: previous ? (current.nextWaitMs ?? 0) : 0,
        ...(failure.requestId ? { requestId: failure.requestId } : {}),
      });
      current.nextWaitMs = failure.waitMs;
    },
    /**
     * @param {CallRecord} call
     * @param {{ status: number, code: string, attempts?: Attempt[] }} result
     */
    finish(call, result) {
      call.inFlight = false;
      call.endedAt = Date.now();
      call.status = result.status;
      call.code = result.code;
      call.outcome = result.code === "OK" ? "ok" : "error";
      if (result.attempts && result.attempts.length > 0) {
        call.attempts = result.attempts;
      } else {
        call.attempts.push({
          attempt: call.attempts.length + 1,
          status: result.status,
          code: result.code,
          waitedMs: call.attempts.length > 0 ? (call.nextWaitMs ?? 0) : 0,
        });
      }
      delete call.nextWaitMs;
      history.unshift(call);
      history.length = Math.min(history.length, HISTORY);
    },
    /** The last finished calls, newest first. */
    recent() {
      return history;
    },
    /** @returns {CallRecord | undefined} */
    last() {
      return current;
    },
  };
}
