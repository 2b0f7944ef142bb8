import { isSecretHeader, redactUrl, redactValue } from "@venice-errors/core";

/**
 * How the fake server and the MSW handlers record a request: with core's one secret rule, so a
 * recorded request never holds a credential in clear (issue 11 #7).
 */

/** A header value as recorded; `authorization` keeps its scheme so tests can assert a Bearer token was sent. */
export function recordedHeader(name: string, value: string): string {
  if (!isSecretHeader(name)) return value;
  return name.toLowerCase() === "authorization" && /^bearer\s/i.test(value)
    ? "Bearer [REDACTED]"
    : "[REDACTED]";
}

/** The request target as recorded: `?key=`, `&api_key=`, `&token=` and the like redacted. */
export function recordedUrl(target: string): string {
  return redactUrl(target);
}

/** A parsed request body as recorded: credential fields (`api_key`, `token`, …) and credentials in strings redacted. */
export function recordedBody(body: unknown): unknown {
  return redactValue(body);
}
