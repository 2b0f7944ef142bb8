import { toVeniceError, VeniceError, type VeniceErrorCode } from "@venice-errors/core";

/** A client-side failure (no HTTP answer): status 0, decided by the client. */
export function clientError(code: VeniceErrorCode, message?: string, cause?: unknown): VeniceError {
  return new VeniceError({
    code,
    status: 0,
    matchedBy: "client",
    ...(message === undefined ? {} : { message }),
    ...(cause === undefined ? {} : { cause }),
  });
}

/**
 * Response headers for an error: core drops credential headers by name; this also hides a
 * secret echoed in any other header's value (a proxy or a debugging server can do that).
 */
export function headersForError(headers: Headers, secrets: readonly string[]): Headers {
  if (secrets.length === 0) return headers;
  let leaked = false;
  headers.forEach((value) => {
    if (!leaked && secrets.some((secret) => value.includes(secret))) leaked = true;
  });
  if (!leaked) return headers;
  const copy = new Headers();
  headers.forEach((value, name) => {
    let safe = value;
    for (const secret of secrets) safe = safe.split(secret).join("[REDACTED]");
    copy.set(name, safe);
  });
  return copy;
}

/** Classifies a failed HTTP answer (or an in-stream event, with status 200). */
export function errorFromAnswer(
  status: number,
  headers: Headers,
  body: unknown,
  secrets: readonly string[],
  now: number,
): VeniceError {
  return toVeniceError(
    { status, headers: headersForError(headers, secrets), body },
    { secrets, now },
  );
}
