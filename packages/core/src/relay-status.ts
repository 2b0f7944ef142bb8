import { catalog, type VeniceErrorCode } from "./catalog.js";

/** Status for a relayed failure that had no HTTP answer (a connection error, a timeout). */
export const NO_ANSWER_STATUS = 502;

/**
 * The HTTP status an app's own server answers with when it relays an error: the error's status
 * when it is an HTTP error status, the catalog's for an in-stream error (its stream said 200),
 * and 502 for a failure that had no HTTP answer. Both the sender (`veniceErrorResponse`) and the
 * reader of a relayed body use this one rule, so each can check the other.
 */
export function relayStatus(status: number, code: VeniceErrorCode): number {
  if (Number.isInteger(status) && status >= 400 && status <= 599) return status;
  const documented = catalog[code].status;
  return status !== 0 && documented >= 400 ? documented : NO_ANSWER_STATUS;
}
