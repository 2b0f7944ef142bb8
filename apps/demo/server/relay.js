// The hop from this backend to the page, through core's helpers: a failure before any output is
// answered by `veniceErrorAnswer` (the error's own status, `{"error": <toJSON()>}`, Retry-After,
// no-store); a failure after the event stream started ends it with an `error` event carrying
// `veniceStreamErrorText`. The page revives both with `parseVeniceError` / `toVeniceError`.
import { toVeniceError, veniceErrorAnswer, veniceStreamErrorText } from "@venice-errors/core";

/**
 * Classifies a thrown value once, removing the demo's own secrets (the API key) from it.
 * @param {unknown} thrown
 * @param {string[] | undefined} secrets
 */
export function veniceErrorOf(thrown, secrets) {
  return toVeniceError(thrown, secrets ? { secrets } : undefined);
}

/**
 * Answers the request with the error, as `veniceErrorResponse` would.
 * @param {import("node:http").ServerResponse} res
 * @param {import("@venice-errors/core").VeniceError} error
 */
export function sendVeniceError(res, error) {
  const { status, headers, body } = veniceErrorAnswer(error);
  res.writeHead(status, {
    ...Object.fromEntries(headers),
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
}

/**
 * Ends an event stream that already sent output with an `error` event.
 * @param {import("node:http").ServerResponse} res
 * @param {import("@venice-errors/core").VeniceError} error
 */
export function endStreamWithError(res, error) {
  res.end(`event: error\ndata: ${veniceStreamErrorText(error)}\n\n`);
}
