import { type HeaderRecord, mergeHeaders } from "./headers.js";
import { type IdOptions, resolveIds } from "./ids.js";
import { answerResponse, type FakeAnswer } from "./responses.js";

/** The statuses Cloudflare answers itself, in front of api.venice.ai, with its own HTML page. */
export type GatewayStatus = 500 | 502 | 503 | 504 | 520 | 521 | 522 | 523 | 524 | 525 | 526;

/** The title of Cloudflare's page for each status. */
const TITLES: Record<GatewayStatus, string> = {
  500: "Internal server error",
  502: "Bad gateway",
  503: "Service unavailable",
  504: "Gateway time-out",
  520: "Web server is returning an unknown error",
  521: "Web server is down",
  522: "Connection timed out",
  523: "Origin is unreachable",
  524: "A timeout occurred",
  525: "SSL handshake failed",
  526: "Invalid SSL certificate",
};

/** Options for `createGatewayErrorAnswer`. */
export interface GatewayErrorOptions extends IdOptions {
  /** Fix the `CF-RAY` value (also printed on the page). */
  cfRay?: string;
  /** The host named in the page's title. Default `api.venice.ai`. */
  host?: string;
  /** Extra headers, merged last; `null` removes a default header. */
  headers?: Record<string, string | null>;
  /** Clock in epoch ms (default `Date.now`). */
  now?: () => number;
}

/**
 * What Cloudflare sends when it cannot get an answer from Venice: its HTML error page, with
 * `server: cloudflare` and a `CF-RAY`, and no JSON, no `x-request-id`, no rate-limit headers.
 * 521, 522, 523, 525 and 526 mean the request never reached Venice (safe to resend, even a
 * generation); 520 and 524 mean it did. Pass the answer as a fake server script:
 * `venice.enqueue(createGatewayErrorAnswer(522))`.
 */
export function createGatewayErrorAnswer(
  status: GatewayStatus,
  options: GatewayErrorOptions = {},
): FakeAnswer {
  const title = TITLES[status];
  if (title === undefined)
    throw new TypeError(`createGatewayErrorAnswer: ${status} is not a Cloudflare error status`);
  const cfRay = options.cfRay ?? resolveIds(options, `gateway-${status}`).cfRay();
  const host = options.host ?? "api.venice.ai";
  const headers: HeaderRecord = mergeHeaders(
    {
      "content-type": "text/html; charset=UTF-8",
      date: new Date((options.now ?? Date.now)()).toUTCString(),
      server: "cloudflare",
      "cf-ray": cfRay,
      "cache-control": "private, max-age=0, no-store, no-cache, must-revalidate",
    },
    options.headers,
  );
  const body = `<!DOCTYPE html>
<!--[if lt IE 7]> <html class="no-js ie6 oldie" lang="en-US"> <![endif]-->
<!--[if gt IE 8]><!--> <html class="no-js" lang="en-US"> <!--<![endif]-->
<head>
<title>${host} | ${status}: ${title}</title>
<meta charset="UTF-8" />
<meta name="robots" content="noindex, nofollow" />
</head>
<body>
<div id="cf-wrapper">
  <div id="cf-error-details" class="p-0">
    <header class="mx-auto pt-10 lg:pt-6 lg:px-8 w-240 lg:w-full mb-8">
      <h1 class="inline-block sm:block sm:mb-2 font-light text-60 lg:text-4xl text-black-dark leading-tight mr-2">
        <span class="inline-block">${title}</span>
        <span class="code-label">Error code ${status}</span>
      </h1>
      <div>Visit <a href="https://www.cloudflare.com/5xx-error-landing?utm_source=errorcode_${status}&utm_campaign=${host}" target="_blank" rel="noopener noreferrer">cloudflare.com</a> for more information.</div>
    </header>
  </div>
  <div class="cf-error-footer cf-wrapper w-240 lg:w-full py-10 sm:py-4 sm:px-8 mx-auto text-center sm:text-left border-solid border-0 border-t border-gray-300">
    <p class="text-13">
      <span class="cf-footer-item sm:block sm:mb-1">Cloudflare Ray ID: <strong class="font-semibold">${cfRay.split("-")[0]}</strong></span>
    </p>
  </div>
</div>
</body>
</html>
`;
  return { status, headers, body };
}

/** The same as a WHATWG `Response`. */
export function createGatewayErrorResponse(
  status: GatewayStatus,
  options: GatewayErrorOptions = {},
): Response {
  return answerResponse(createGatewayErrorAnswer(status, options));
}
