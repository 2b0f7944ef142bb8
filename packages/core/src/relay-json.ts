import { redactValue } from "./redact.js";
import type { SerializedVeniceError, VeniceError } from "./venice-error.js";

/** The fields every relayed error has; enough for `toVeniceError` to revive it. */
function essentials(error: VeniceError): SerializedVeniceError {
  const json: SerializedVeniceError = {
    name: "VeniceError",
    code: error.code,
    status: Number.isFinite(error.status) ? error.status : 0,
    message: error.message,
    matchedBy: error.matchedBy,
    retryable: error.retryable,
    category: error.category,
    userAction: error.userAction,
    docsUrl: error.docsUrl,
  };
  if (error.retryAfterMs !== undefined) json.retryAfterMs = error.retryAfterMs;
  if (error.requestId !== undefined) json.requestId = error.requestId;
  return json;
}

/**
 * The JSON text a server relays for an error: `{"error": <toJSON()>}`, the shape openai-style
 * clients read (`error.message`, `error.code`) and `toVeniceError` revives, with credentials
 * redacted even inside the relayed body. Never throws: when the
 * full form cannot be serialized, the essentials (code, status, message, wait, request id) go.
 */
export function relayText(error: VeniceError): string {
  try {
    // The body is kept intact on the server; what leaves it goes through core's secret rule too.
    return JSON.stringify({ error: redactValue(error.toJSON()) });
  } catch {
    return JSON.stringify({ error: essentials(error) });
  }
}

/** `toJSON()` as plain JSON data only (no class instances, no `undefined`): what React can serialize. */
export function relayJson(error: VeniceError): SerializedVeniceError {
  return (JSON.parse(relayText(error)) as { error: SerializedVeniceError }).error;
}
