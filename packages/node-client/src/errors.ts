import { redactText, toVeniceError, VeniceError, type VeniceErrorCode } from "@venice-errors/core";

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

/** What was read of an error answer's body. */
export interface ErrorBody {
  text: string;
  /** The body was longer than the limit: `text` is its first `limit` bytes, the rest was not downloaded. */
  truncated: boolean;
}

/** 1 MiB: far above any error body Venice sends, far below what hurts a server to hold. */
export const DEFAULT_MAX_ERROR_BODY_BYTES = 1024 * 1024;

/**
 * Reads at most `limit` bytes of an error answer's body, then cancels the rest (closing the
 * connection), so a hostile or broken server cannot make the client buffer hundreds of MB.
 */
export async function readErrorBody(response: Response, limit: number): Promise<ErrorBody> {
  const body = response.body;
  if (body === null) return { text: "", truncated: false };
  const length = Number(response.headers.get("content-length"));
  if (length > 0 && length <= limit) return { text: await response.text(), truncated: false };
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let read = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { text: text + decoder.decode(), truncated: false };
    if (read + value.byteLength > limit) {
      text += decoder.decode(value.subarray(0, limit - read));
      reader.cancel().catch(() => undefined);
      return { text, truncated: true };
    }
    read += value.byteLength;
    text += decoder.decode(value, { stream: true });
  }
}

/** True when redaction would change `text`: it holds a given secret or a credential pattern. */
function leaks(text: unknown, secrets: readonly string[]): boolean {
  return typeof text === "string" && text !== "" && redactText(text, secrets) !== text;
}

/** A copy of an error (and its causes) with credentials redacted from messages and stacks. */
function redactedCopy(error: unknown, secrets: readonly string[], depth: number): unknown {
  if (!(error instanceof Error) || depth > 4) {
    return typeof error === "string" ? redactText(error, secrets) : error;
  }
  const copy = new Error(redactText(error.message, secrets));
  copy.name = error.name;
  copy.stack = redactText(error.stack ?? "", secrets);
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" || typeof code === "number") {
    (copy as Error & { code: unknown }).code = code;
  }
  if (error.cause !== undefined) copy.cause = redactedCopy(error.cause, secrets, depth + 1);
  return copy;
}

/**
 * Keeps credentials out of `error.cause`: undici says `Headers.append: "Bearer sk-…" is invalid`
 * for a bad header value, and a custom `fetch` can put anything in its error. When any message or
 * stack in the cause chain holds a secret, the chain is replaced by a redacted copy (same names,
 * codes and shape). Cheap when nothing leaks: a few `includes` on the chain's messages.
 */
export function scrubCause(error: VeniceError, secrets: readonly string[]): VeniceError {
  let cause: unknown = error.cause;
  let leaked = false;
  for (let depth = 0; depth < 5 && cause !== undefined && cause !== null; depth++) {
    if (typeof cause === "string") {
      leaked = leaks(cause, secrets);
      break;
    }
    if (!(cause instanceof Error)) break;
    if (leaks(cause.message, secrets) || leaks(cause.stack, secrets)) {
      leaked = true;
      break;
    }
    cause = cause.cause;
  }
  if (!leaked) return error;
  // The original chain becomes unreachable from the error: only the redacted copy is kept.
  Object.defineProperty(error, "cause", {
    value: redactedCopy(error.cause, secrets, 0),
    writable: true,
    configurable: true,
    enumerable: false,
  });
  return error;
}
