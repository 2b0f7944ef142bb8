import { relayText } from "./relay-json.js";
import { relayStatus } from "./relay-status.js";
import { toVeniceError } from "./to-venice-error.js";
import type { VeniceError } from "./venice-error.js";

/** Headers of the error's answer a browser may see and act on. */
const RELAYED_HEADER = /^(x-ratelimit-[a-z-]+|x-venice-balance-(usd|diem))$/;

/** Status, headers and body of the answer that relays an error; shared by every framework helper. */
export interface VeniceErrorAnswer {
  status: number;
  headers: Headers;
  body: string;
}

function setSafely(headers: Headers, name: string, value: string): void {
  try {
    headers.set(name, value);
  } catch {
    // A value Headers refuses (control characters from a hostile upstream) is left out.
  }
}

/** Builds the parts of `veniceErrorResponse` without a `Response`, for frameworks that write their own. */
export function veniceErrorAnswer(error: unknown, init: ResponseInit = {}): VeniceErrorAnswer {
  const venice: VeniceError = toVeniceError(error);
  const headers = new Headers({
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
  });
  for (const [name, value] of Object.entries(venice.headers)) {
    if (RELAYED_HEADER.test(name)) setSafely(headers, name, value);
  }
  if (venice.retryAfterMs !== undefined) {
    setSafely(headers, "retry-after", String(Math.ceil(venice.retryAfterMs / 1000)));
  }
  if (venice.requestId !== undefined) setSafely(headers, "x-request-id", venice.requestId);
  new Headers(init.headers).forEach((value, name) => {
    headers.set(name, value);
  });
  return {
    status: init.status ?? relayStatus(venice.status, venice.code),
    headers,
    body: relayText(venice),
  };
}

/**
 * A web-standard `Response` for an error, to return from a Next.js route handler, Hono, a
 * Cloudflare Worker, Deno or Bun. Status: the error's real HTTP status, the catalog's for an
 * in-stream error, 502 when no HTTP answer came. Body: `{"error": <toJSON()>}` (no credentials).
 * Headers: `Retry-After` (seconds, rounded up), rate-limit and balance headers, `x-request-id`,
 * `cache-control: no-store`. `init` adds headers or overrides the status. Accepts anything
 * `toVeniceError` does; `parseVeniceError` / `toVeniceError` revive it on the client.
 */
export function veniceErrorResponse(error: unknown, init: ResponseInit = {}): Response {
  const { status, headers, body } = veniceErrorAnswer(error, init);
  const responseInit: ResponseInit = { status, headers };
  if (init.statusText !== undefined) responseInit.statusText = init.statusText;
  return new Response(body, responseInit);
}
