import { catalog, isVeniceErrorCode, type VeniceErrorCode } from "./catalog.js";
import { classify, isRecord } from "./classify.js";
import { type HeadersLike, headerReader } from "./headers.js";
import { redactCause, redactText, redactValue } from "./redact.js";
import { readRelayed } from "./relayed.js";
import { isVeniceError, VeniceError, type VeniceErrorInit } from "./venice-error.js";

/** Options for `toVeniceError`. */
export interface ToVeniceErrorOptions {
  /** Clock (epoch ms) for HTTP-date `Retry-After` and relative rate-limit resets. */
  now?: number;
  /** Exact secrets (e.g. the API key) to redact wherever they appear in messages and bodies. */
  secrets?: readonly string[];
}

/** A response as plain data: what `toVeniceError` needs to classify an HTTP answer. */
export interface VeniceResponseLike {
  status?: number;
  headers?: HeadersLike | null;
  /** Raw text, bytes or the parsed JSON body. */
  body?: unknown;
}

type Json = Record<string, unknown>;

/** What an input turns out to be: a finished error, or an HTTP answer still to classify. */
type Found = VeniceError | VeniceResponseLike;

/** Text that starts as JSON does, after whitespace (and a byte order mark): `{` or `[`. Linear. */
const JSON_START = /^[\t\n\r \uFEFF]*[[{]/;

function decode(body: unknown): unknown {
  if (typeof body === "string") {
    // Sniff the first non-space character: Content-Type can lie (a JSON status body labelled video/mp4).
    if (JSON_START.test(body)) {
      try {
        return JSON.parse(body);
      } catch {}
    }
    return body;
  }
  if (body instanceof Uint8Array || body instanceof ArrayBuffer) {
    return decode(new TextDecoder().decode(body));
  }
  return body;
}

/**
 * The constructor input for an HTTP answer (or an in-stream event when `status` is 200 or
 * unknown). It returns the input, not the error, so that the error is made right under
 * `toVeniceError`: fewer of this package's frames in its stack trace, and less to capture.
 */
function fromResponse(
  input: VeniceResponseLike,
  { now, secrets }: ToVeniceErrorOptions,
): VeniceErrorInit {
  let body = decode(input.body);
  if (secrets?.length) body = redactValue(body, secrets);
  const status = typeof input.status === "number" && input.status > 0 ? input.status : undefined;
  const headers = input.headers ?? undefined;

  // `toJSON()` output relayed by the app's own server, as the body or its `error`: accepted only
  // when well formed and consistent with the real answer's status.
  const relayed = readRelayed(body, status);
  if (relayed) return { ...relayed, headers: relayed.headers ?? headers, now };

  const found = classify(status, body, headerReader(headers));
  const message = found.serverMessage;
  return {
    code: found.code,
    status: status ?? catalog[found.code].status,
    matchedBy: found.matchedBy,
    serverCode: found.serverCode,
    // The VeniceError constructor redacts credentials; exact secrets are redacted here.
    message: message && secrets?.length ? redactText(message, secrets) : message,
    body: body === "" ? undefined : body,
    headers,
    now,
  };
}

export const CONNECTION_CODES =
  /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|EPIPE|EHOSTUNREACH|ENETUNREACH|UND_ERR_SOCKET|UND_ERR_CONNECT_TIMEOUT|UND_ERR_CLOSED)$/;
export const TIMEOUT_CODES =
  /^(ETIMEDOUT|ESOCKETTIMEDOUT|UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT)$/;
export const NETWORK_MESSAGE =
  /fetch failed|failed to fetch|networkerror|network error|network request failed|load failed|socket hang up|other side closed/i;

function errorCode(error: { code?: unknown; cause?: unknown }): string | undefined {
  if (typeof error.code === "string") return error.code;
  if (isRecord(error.cause) && typeof error.cause.code === "string") return error.cause.code;
  return undefined;
}

/** A client-side failure; the constructor redacts credentials from the cause, exact secrets are redacted here. */
function clientError(
  code: VeniceErrorCode,
  cause: unknown,
  options: ToVeniceErrorOptions,
): VeniceError {
  return new VeniceError({
    code,
    status: 0,
    matchedBy: "client",
    cause: redactCause(cause, options.secrets),
  });
}

function fromError(error: Error & Json, options: ToVeniceErrorOptions): Found | undefined {
  const name = error.name;
  const ctor = (error.constructor as { name?: string } | undefined)?.name ?? "";
  if (name === "AbortError" || ctor === "APIUserAbortError")
    return clientError("ABORTED", error, options);
  if (name === "TimeoutError" || ctor === "APIConnectionTimeoutError") {
    return clientError("CLIENT_TIMEOUT", error, options);
  }
  // Vercel AI SDK: RetryError wraps the last APICallError.
  if (error.lastError !== undefined && Array.isArray(error.errors)) {
    return convert(error.lastError, options);
  }
  // A wrapper around our own error (the AI SDK's "Failed to process successful response").
  if (isVeniceError(error.cause)) return error.cause;
  // Vercel AI SDK APICallError keeps the raw body.
  if (
    typeof error.statusCode === "number" &&
    ("responseBody" in error || "responseHeaders" in error)
  ) {
    return {
      status: error.statusCode,
      headers: error.responseHeaders as HeadersLike | undefined,
      body: error.responseBody,
    };
  }
  // openai-node APIError: `error` is the body's `error` field, `headers` a Headers object.
  if ("error" in error && "headers" in error && "status" in error) {
    if (typeof error.status === "number") {
      // openai keeps only the body's `error` field; without one, its message holds the raw text
      // after the status, or "status code (no body)" (empty body, or JSON without `error`).
      const text = error.message.replace(/^\d{3} /, "");
      const body =
        error.error !== undefined
          ? { error: error.error }
          : text === "status code (no body)"
            ? undefined
            : text;
      return { status: error.status, headers: error.headers as HeadersLike | undefined, body };
    }
    // No status but an error object: an in-band stream error event (the stream's status is 200).
    if (error.error !== undefined) {
      return { status: 200, body: { error: error.error } };
    }
    if (/timed out/i.test(error.message)) return clientError("CLIENT_TIMEOUT", error, options);
    return clientError("CONNECTION_ERROR", error, options);
  }
  // axios-style: the answer sits on `response`.
  if (isRecord(error.response) && typeof error.response.status === "number") {
    return {
      status: error.response.status,
      headers: error.response.headers as HeadersLike | undefined,
      body: error.response.data ?? error.response.body,
    };
  }
  const code = errorCode(error);
  if (code && TIMEOUT_CODES.test(code)) return clientError("CLIENT_TIMEOUT", error, options);
  if (
    (code && CONNECTION_CODES.test(code)) ||
    (name === "TypeError" && NETWORK_MESSAGE.test(error.message))
  ) {
    return clientError("CONNECTION_ERROR", error, options);
  }
  if (error.cause instanceof Error) {
    const found = fromError(error.cause as Error & Json, options);
    const inner =
      found && (isVeniceError(found) ? found : new VeniceError(fromResponse(found, options)));
    if (inner && inner.code !== "UNKNOWN_ERROR") return inner;
  }
  return undefined;
}

/** An Error whose message is a relayed error's JSON: the AI SDK's `useChat` gives `new Error(errorText)`. */
function fromRelayedMessage(error: Error): Found | undefined {
  const message = error.message;
  if (typeof message !== "string" || !message.includes('"VeniceError"')) return undefined;
  const body = decode(message);
  return readRelayed(body, undefined) ? { body } : undefined;
}

function looksLikeResponse(value: Json): boolean {
  return (
    typeof value.status === "number" ||
    typeof value.statusCode === "number" ||
    "headers" in value ||
    "body" in value
  );
}

/** What a value that is not an `Error` holds: an answer, a relayed error, an in-stream event. */
function fromValue(input: unknown): Found | undefined {
  if (typeof input === "string") return { body: input };
  if (typeof Response !== "undefined" && input instanceof Response) {
    return { status: input.status, headers: input.headers };
  }
  if (!isRecord(input)) return undefined;
  if (input.name === "VeniceError" && isVeniceErrorCode(input.code)) return { body: input };
  if (looksLikeResponse(input)) {
    const status = typeof input.status === "number" ? input.status : input.statusCode;
    return {
      status: status as number | undefined,
      headers: input.headers as HeadersLike | undefined,
      body: "body" in input ? input.body : input.data,
    };
  }
  if ("error" in input || "code" in input || input.type === "response.failed") {
    return { body: input };
  }
  return undefined;
}

function convert(input: unknown, options: ToVeniceErrorOptions): Found {
  if (isVeniceError(input)) return input;
  const found =
    input instanceof Error
      ? (fromError(input as Error & Json, options) ?? fromRelayedMessage(input))
      : fromValue(input);
  // Anything else: UNKNOWN_ERROR, with the input (credentials removed) as its cause.
  return (
    found ??
    new VeniceError({
      code: "UNKNOWN_ERROR",
      matchedBy: "client",
      cause: redactCause(input, options.secrets),
    })
  );
}

/**
 * Turns anything a Venice call can produce into one `VeniceError`. Synchronous and never throws.
 * Accepts `{ status, headers, body }` (raw or parsed body), a `VeniceError` or its `toJSON()`,
 * openai-node and Vercel AI SDK errors, abort/timeout/network errors, parsed in-stream error
 * events, and anything else (UNKNOWN_ERROR with `cause`).
 */
export function toVeniceError(input: unknown, options: ToVeniceErrorOptions = {}): VeniceError {
  try {
    // The error is made right here, one frame above the caller.
    const found = convert(input, options);
    return isVeniceError(found) ? found : new VeniceError(fromResponse(found, options));
  } catch (failure) {
    return new VeniceError({ code: "UNKNOWN_ERROR", matchedBy: "client", cause: failure });
  }
}
