import { relayJson } from "./relay-json.js";
import { toVeniceError } from "./to-venice-error.js";
import type { SerializedVeniceError } from "./venice-error.js";

/** The failed result of a server action: plain JSON that React can send to the client. */
export interface VeniceActionFailure {
  ok: false;
  error: SerializedVeniceError;
}

/**
 * The result a server action returns for an error (for `useActionState`): `{ ok: false, error }`
 * with `error` the plain-JSON `toJSON()` form. `toVeniceError(result)` or
 * `toVeniceError(result.error)` revives it on the client.
 */
export function veniceActionError(error: unknown): VeniceActionFailure {
  return { ok: false, error: relayJson(toVeniceError(error)) };
}
