import { isSecretHeader } from "./headers.js";

const REDACTED = "[REDACTED]";

/**
 * Credentials in free text, each replaced in place. Every pattern is linear on any input (tested
 * on 100 KB hostile strings): texts are redacted whole, never cut, so no pattern may backtrack.
 */
export const CREDENTIAL_PATTERNS: ReadonlyArray<
  readonly [RegExp, string | ((...parts: string[]) => string)]
> = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{4,}/gi, `$1 ${REDACTED}`],
  [
    /\b(api[_-]?key|apikey|access[_-]?token|auth[_-]?token|password|secret)(["']?\s*[:=]\s*["']?)[^\s"',;&]+/gi,
    `$1$2${REDACTED}`,
  ],
  // A query parameter whose name is a secret by `isSecretHeader` (`?key=`, `&api_key=`, `&token=`).
  [
    /([?&])([^=&#?\s]+)=([^&#\s"'<>]*)/g,
    (whole, separator, name) => (isSecretHeader(name!) ? `${separator}${name}=${REDACTED}` : whole),
  ],
  // undici rejecting a header value (a key with a newline): `Headers.append: "Bearer sk-…\n" is an invalid header value.`
  [/(Headers\.\w+: ")[^"]*(?=" is an invalid header)/g, `$1${REDACTED}`],
];

/** Cheap pre-check: a text without any of these words holds none of the credentials above. */
export const MAYBE_CREDENTIAL = /bearer|basic|key|token|password|secret|auth|cookie|header/i;

/**
 * Replaces credentials in a string: Bearer/Basic tokens, `api_key=…`-style pairs, secret query
 * parameters (`?key=`, `?api_key=`, `?access_token=`, `?token=`), the header
 * value undici quotes when it rejects one, and the given exact secrets.
 */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4 && out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  if (!MAYBE_CREDENTIAL.test(out)) return out;
  for (const [pattern, replacement] of CREDENTIAL_PATTERNS) {
    out = out.replace(pattern, replacement as string);
  }
  return out;
}

/** A URL (or request target) with its secret query parameters (`?key=`, `&api_key=`, …) redacted. */
export function redactUrl(url: string | URL): string {
  return redactText(String(url));
}

/** Bounds of `redactValue`: objects deeper or more numerous, and text beyond the total, are cut. */
const MAX_DEPTH = 32;
const MAX_NODES = 10_000;
const MAX_CHARS = 1_000_000;

/**
 * A JSON-safe copy of any value, with credentials removed: a scalar under a credential-named key
 * (`api_key`, `authorization`, …) becomes `"[REDACTED]"`, strings go through `redactText`. Total on
 * hostile input: cycles become `"[Circular]"`, BigInts strings, functions and symbols are dropped,
 * throwing getters skipped, Proxies that throw `"[Unserializable]"`; depth (32), objects (10,000)
 * and text (1,000,000 characters in all) are bounded.
 */
export function redactValue(value: unknown, secrets: readonly string[] = []): unknown {
  let nodes = 0;
  let room = MAX_CHARS;
  const ancestors = new Set<object>();
  const copy = (item: unknown, depth: number): unknown => {
    const type = typeof item;
    if (type === "string") {
      const text = (item as string).slice(0, room);
      room -= text.length;
      return redactText(text, secrets);
    }
    if (type === "bigint") return String(item);
    if (type !== "object" || item === null) {
      return type === "function" || type === "symbol" ? undefined : item;
    }
    const object = item as Record<string, unknown>;
    if (ancestors.has(object)) return "[Circular]";
    if (depth >= MAX_DEPTH || ++nodes > MAX_NODES) return "[Truncated]";
    ancestors.add(object);
    try {
      // Dates, URLs and the like serialise through their own `toJSON`, as JSON.stringify would.
      if (typeof object.toJSON === "function") return copy(object.toJSON(), depth + 1);
      if (Array.isArray(object)) {
        return object.slice(0, MAX_NODES).map((element) => copy(element, depth + 1) ?? null);
      }
      const out: Array<[string, unknown]> = [];
      for (const key of Object.keys(object)) {
        if (nodes > MAX_NODES) break;
        let field: unknown;
        try {
          field = object[key];
        } catch {
          continue;
        }
        const secret = isSecretHeader(key) && (typeof field !== "object" || field === null);
        out.push([key, secret ? REDACTED : copy(field, depth + 1)]);
      }
      return Object.fromEntries(out);
    } catch {
      return "[Unserializable]";
    } finally {
      ancestors.delete(object);
    }
  };
  return copy(value, 0);
}

/** Properties of HTTP-library errors that hold the request, and with it credentials (axios' `config`). */
const REQUEST_FIELDS = ["config", "request", "headers", "options"];

/**
 * A cause safe to keep on an error: an `Error` (and its own `cause` chain) with credentials
 * redacted from message and stack and request-holding properties dropped, or the same object
 * when there was nothing to remove. Other values go through `redactValue`.
 */
export function redactCause(cause: unknown, secrets: readonly string[] = [], depth = 0): unknown {
  if (!(cause instanceof Error)) return redactValue(cause, secrets);
  // A VeniceError redacted itself when it was made.
  if ((cause as unknown as Record<symbol, unknown>)[Symbol.for("venice-errors.VeniceError")]) {
    return cause;
  }
  try {
    const { message, stack, cause: inner } = cause;
    const copy = new Error(
      redactText(message, secrets),
      inner === undefined || depth > 8 ? {} : { cause: redactCause(inner, secrets, depth + 1) },
    );
    copy.name = cause.name;
    copy.stack = stack && redactText(stack, secrets);
    if (
      copy.message === message &&
      copy.stack === stack &&
      copy.cause === inner &&
      !REQUEST_FIELDS.some((key) => key in cause)
    ) {
      return cause;
    }
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string") Object.assign(copy, { code });
    return copy;
  } catch {
    return undefined;
  }
}
