import { toVeniceError } from "./to-venice-error.js";
import { isVeniceError, type VeniceError } from "./venice-error.js";

/**
 * The `VeniceError` a framework error handler should relay, or `undefined` for an error that is
 * not about a Venice answer: a `VeniceError`, or an error `toVeniceError` classifies from an HTTP
 * answer (openai-node, AI SDK, axios). Errors with no answer behind them (a generic
 * `TypeError`, an abort, the app's own bugs) stay with the framework's own handling.
 */
export function relayableVeniceError(error: unknown): VeniceError | undefined {
  if (isVeniceError(error)) return error;
  const converted = toVeniceError(error);
  return converted.matchedBy === "client" ? undefined : converted;
}
