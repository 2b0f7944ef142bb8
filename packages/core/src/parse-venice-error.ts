import { type ToVeniceErrorOptions, toVeniceError } from "./to-venice-error.js";
import type { VeniceError } from "./venice-error.js";

/**
 * Reads a failed `Response` once and classifies it. Tolerates non-JSON, empty and truncated
 * bodies, and a body that was already read (classified by status and headers then).
 */
export async function parseVeniceError(
  response: Response,
  options?: ToVeniceErrorOptions,
): Promise<VeniceError> {
  let body: string | undefined;
  if (!response.bodyUsed) {
    try {
      body = await response.text();
    } catch (cause) {
      // A body cut mid-way: classify what the status and headers say.
      body = undefined;
      void cause;
    }
  }
  return toVeniceError({ status: response.status, headers: response.headers, body }, options);
}
