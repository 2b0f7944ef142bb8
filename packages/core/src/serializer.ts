import type { VeniceErrorCode } from "./catalog.js";
import { redactText } from "./redact.js";
import { isVeniceError, type VeniceAttempt, type VeniceError } from "./venice-error.js";

// Log serializers for pino (`serializers: { err: veniceErrorSerializer }`). A `VeniceError` gets
// pino's standard `type`/`message`/`stack` plus the fields an operator acts on; any other error
// gets pino's standard shape. Core cannot depend on pino-std-serializers, so the standard shape
// is reproduced here (pino-std-serializers 7's `err`, MIT); pass pino's own serializer to
// `createVeniceErrorSerializer` to use it instead.

/** What pino's standard `err` serializer writes for an error. */
export interface SerializedErrorLog {
  type: string;
  message: string;
  stack: string;
  [field: string]: unknown;
}

/** What `veniceErrorSerializer` writes for a `VeniceError`: no headers, body or key. */
export interface SerializedVeniceErrorLog {
  type: string;
  message: string;
  stack: string;
  code: VeniceErrorCode;
  status: number;
  requestId?: string;
  retryable: boolean;
  retryAfterMs?: number;
  attempts?: VeniceAttempt[];
}

/**
 * A pino `err` serializer such as `pino.stdSerializers.err`. Typed for `Error`, as pino types its
 * own, though pino calls it with whatever was logged as `err`.
 */
export type ErrorSerializer = (error: Error) => unknown;

interface ErrorLike {
  message: string;
  stack?: unknown;
  cause?: unknown;
  errors?: unknown;
  name?: unknown;
  constructor?: unknown;
  [key: string | symbol]: unknown;
}

function isErrorLike(value: unknown): value is ErrorLike {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { message?: unknown }).message === "string"
  );
}

/** The cause, when it is error-like (VError-style `cause()` functions are called). */
function causeOf(error: ErrorLike): ErrorLike | undefined {
  const cause = typeof error.cause === "function" ? (error.cause as () => unknown)() : error.cause;
  return isErrorLike(cause) ? cause : undefined;
}

/** `message: cause message: …`, as pino writes it. */
function messageWithCauses(error: ErrorLike, seen = new Set<ErrorLike>(), skip = false): string {
  const message = skip ? "" : error.message || "";
  if (seen.has(error)) return `${message}: ...`;
  const cause = causeOf(error);
  if (cause === undefined) return message;
  seen.add(error);
  const vErrorStyle = typeof error.cause === "function";
  return message + (vErrorStyle ? "" : ": ") + messageWithCauses(cause, seen, vErrorStyle);
}

/** The stack, then `caused by: <stack>` for each cause, as pino writes it. */
function stackWithCauses(error: ErrorLike, seen = new Set<ErrorLike>()): string {
  const stack = typeof error.stack === "string" ? error.stack : "";
  if (seen.has(error)) return `${stack}\ncauses have become circular...`;
  const cause = causeOf(error);
  if (cause === undefined) return stack;
  seen.add(error);
  return `${stack}\ncaused by: ${stackWithCauses(cause, seen)}`;
}

const SEEN = Symbol("venice-errors.serializing");

/**
 * pino's standard `err` serializer, reproduced: `type` (constructor name), `message` and `stack`
 * with their causes, `aggregateErrors`, then every other enumerable field (nested errors
 * serialized the same way); `raw` (not enumerable) is the error itself. Anything that is not
 * error-like is returned as is.
 */
export function standardErrorSerializer(error: unknown): unknown {
  if (!isErrorLike(error)) return error;
  error[SEEN] = undefined;
  const out: SerializedErrorLog = {
    type:
      typeof error.constructor === "function"
        ? (error.constructor as { name: string }).name
        : String(error.name),
    message: messageWithCauses(error),
    stack: stackWithCauses(error),
  };
  if (Array.isArray(error.errors)) out.aggregateErrors = error.errors.map(standardErrorSerializer);
  for (const key in error) {
    if (out[key] !== undefined) continue;
    const value = error[key];
    if (isErrorLike(value)) {
      if (key !== "cause" && !Object.hasOwn(value, SEEN)) out[key] = standardErrorSerializer(value);
    } else out[key] = value;
  }
  delete error[SEEN];
  Object.defineProperty(out, "raw", { value: error, enumerable: false });
  return out;
}

function serializeVeniceError(error: VeniceError): SerializedVeniceErrorLog {
  // The client redacted the message; causes (a network error's) are the user's own objects.
  const out: SerializedVeniceErrorLog = {
    type: "VeniceError",
    message: redactText(messageWithCauses(error as unknown as ErrorLike)),
    stack: redactText(stackWithCauses(error as unknown as ErrorLike)),
    code: error.code,
    status: error.status,
    retryable: error.retryable,
  };
  if (error.requestId !== undefined) out.requestId = error.requestId;
  if (error.retryAfterMs !== undefined) out.retryAfterMs = error.retryAfterMs;
  if (error.attempts.length > 0) out.attempts = error.attempts;
  return out;
}

/**
 * A pino `err` serializer that writes a `VeniceError` as `type`, `message`, `stack`, `code`,
 * `status`, `requestId`, `retryable`, `retryAfterMs` and `attempts` (never headers, the body or
 * a key), and hands every other value to `standard`: pass `pino.stdSerializers.err` to keep
 * pino's own; the default is `standardErrorSerializer`, which writes the same shape.
 */
export function createVeniceErrorSerializer(
  standard: ErrorSerializer = standardErrorSerializer,
): (error: unknown) => unknown {
  return (error) => (isVeniceError(error) ? serializeVeniceError(error) : standard(error as Error));
}

/**
 * pino's `err` serializer with `VeniceError` fields, for
 * `pino({ serializers: { err: veniceErrorSerializer } })`; other errors get pino's standard shape.
 */
export function veniceErrorSerializer(error: unknown): unknown {
  return isVeniceError(error) ? serializeVeniceError(error) : standardErrorSerializer(error);
}
