import { veniceErrorResponse } from "./error-response.js";
import { relayableVeniceError } from "./relayable.js";

/** Hono's `HTTPResponseError`: an error that carries its own response. */
export interface HonoResponseError {
  getResponse: () => Response;
}

/** Hono's `ErrorHandler`, structurally (no dependency on hono); `Context` is Hono's `Context`. */
export type HonoErrorHandler<Context = unknown> = (
  error: Error | HonoResponseError,
  context: Context,
) => Response | Promise<Response>;

/** Options of `veniceHonoErrorHandler`. */
export interface VeniceHonoOptions<Context = unknown> {
  /** Answers errors that are not Venice errors; default: what Hono itself does. */
  fallback?: HonoErrorHandler<Context>;
  /** Extra headers or another status for every relayed error's answer. */
  init?: ResponseInit;
}

/** Hono's own default: an `HTTPException`'s response, else a logged 500. */
function honoDefault(error: Error | HonoResponseError): Response {
  if ("getResponse" in error && typeof error.getResponse === "function") return error.getResponse();
  console.error(error);
  return new Response("Internal Server Error", {
    status: 500,
    headers: { "content-type": "text/plain; charset=UTF-8" },
  });
}

/**
 * An `app.onError` handler for Hono: a Venice error (or an SDK error with a Venice answer behind
 * it) becomes `veniceErrorResponse(error)`; anything else goes to `fallback`, by default Hono's
 * own behaviour (an `HTTPException`'s response, else 500).
 */
export function veniceHonoErrorHandler<Context = unknown>(
  options: VeniceHonoOptions<Context> = {},
): HonoErrorHandler<Context> {
  return (error, context) => {
    const venice = relayableVeniceError(error);
    if (venice) return veniceErrorResponse(venice, options.init);
    return options.fallback ? options.fallback(error, context) : honoDefault(error);
  };
}
