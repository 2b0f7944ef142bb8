import { isSecretHeader } from "./headers.js";

const REDACTED = "[REDACTED]";

/**
 * Credentials in free text, each replaced in place. Every pattern is linear on any input (tested
 * on 100 KB hostile strings): texts are redacted whole, never cut, so no pattern may backtrack.
 */
const CREDENTIAL_PATTERNS: ReadonlyArray<
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
  // `https://user:password@host`.
  [/\/\/[^/@\s:]+:[^/@\s]+@/g, `//${REDACTED}@`],
  // undici rejecting a header value (a key with a newline): `Headers.append: "Bearer sk-…\n" is an invalid header value.`
  [/(Headers\.\w+: ")[\s\S]{0,512}?(?=" is an invalid header)/g, `$1${REDACTED}`],
];

/** Cheap pre-check: a text without any of these words holds none of the credentials above. */
const MAYBE_CREDENTIAL = /bearer|basic|key|token|password|secret|auth|cookie|header|@/i;

/**
 * Replaces credentials in a string: Bearer/Basic tokens, `api_key=…`-style pairs, secret query
 * parameters (`?key=`, `?api_key=`, `?access_token=`, `?token=`), URL passwords, the header
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

/** A URL (or request target) with secret query parameters and user info redacted. */
export function redactUrl(url: string | URL): string {
  return redactText(String(url));
}

/** Bounds of `redactValue`: deeper, larger or longer parts are cut (JSON.stringify must not throw). */
const MAX_DEPTH = 32;
const MAX_NODES = 10_000;
const MAX_TEXT = 65_536;

/**
 * A JSON-safe copy of any value, with credentials removed: a scalar under a credential-named key
 * (`api_key`, `authorization`, …) is `"[REDACTED]"`, strings go through `redactText`. Total on
 * hostile input: cycles become `"[Circular]"`, BigInts strings, functions and symbols are dropped,
 * throwing getters skipped, Proxies that throw `"[Unserializable]"`; depth, size and string
 * length are bounded.
 */
export function redactValue(value: unknown, secrets: readonly string[] = []): unknown {
  let nodes = 0;
  const ancestors = new Set<object>();
  const copy = (item: unknown, depth: number): unknown => {
    if (typeof item === "string") {
      return redactText(item.length > MAX_TEXT ? `${item.slice(0, MAX_TEXT)}…` : item, secrets);
    }
    if (typeof item === "bigint") return String(item);
    if (typeof item === "function" || typeof item === "symbol") return undefined;
    if (typeof item !== "object" || item === null) return item;
    if (ancestors.has(item)) return "[Circular]";
    if (depth >= MAX_DEPTH || ++nodes > MAX_NODES) return "[Truncated]";
    ancestors.add(item);
    try {
      const toJSON = (item as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === "function") return copy(toJSON.call(item), depth + 1);
      if (Array.isArray(item)) {
        return item.slice(0, MAX_NODES).map((element) => copy(element, depth + 1) ?? null);
      }
      const out: Array<[string, unknown]> = [];
      for (const key of Object.keys(item)) {
        if (nodes > MAX_NODES) break;
        let field: unknown;
        try {
          field = (item as Record<string, unknown>)[key];
        } catch {
          continue;
        }
        const secret = isSecretHeader(key) && (typeof field !== "object" || field === null);
        const safe = secret ? REDACTED : copy(field, depth + 1);
        if (safe !== undefined) out.push([key, safe]);
      }
      return Object.fromEntries(out);
    } catch {
      return "[Unserializable]";
    } finally {
      ancestors.delete(item);
    }
  };
  return copy(value, 0);
}

/** Properties of HTTP-library errors that hold the request, and with it credentials (axios' `config`). */
const REQUEST_FIELDS = ["config", "request", "headers", "options"];

/**
 * A cause safe to keep on an error: an `Error` (and its own `cause` chain) with credentials
 * redacted from message and stack, request-holding properties dropped; the same object when
 * there was nothing to remove. Other values go through `redactValue`.
 */
export function redactCause(cause: unknown, secrets: readonly string[] = [], depth = 0): unknown {
  if (!(cause instanceof Error)) return redactValue(cause, secrets);
  // A VeniceError redacted itself when it was made.
  if ((cause as unknown as Record<symbol, unknown>)[Symbol.for("venice-errors.VeniceError")])
    return cause;
  try {
    const message = redactText(cause.message, secrets);
    const stack = cause.stack === undefined ? undefined : redactText(cause.stack, secrets);
    const inner =
      cause.cause === undefined || depth > 8
        ? undefined
        : redactCause(cause.cause, secrets, depth + 1);
    if (
      message === cause.message &&
      stack === cause.stack &&
      inner === cause.cause &&
      !REQUEST_FIELDS.some((key) => key in cause)
    ) {
      return cause;
    }
    const copy = new Error(message, inner === undefined ? undefined : { cause: inner });
    copy.name = cause.name;
    copy.stack = stack;
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string") Object.assign(copy, { code });
    return copy;
  } catch {
    return undefined;
  }
}
