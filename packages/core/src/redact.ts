import { isSecretHeader } from "./headers.js";

const REDACTED = "[REDACTED]";
const CREDENTIAL_PATTERNS: readonly RegExp[] = [
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{4,}/gi,
  /\b(api[_-]?key|access[_-]?token|password|secret)(["']?\s*[:=]\s*["']?)[^\s"',;&]+/gi,
];

/** Replaces credentials (Bearer tokens, `api_key=…`, and the given exact secrets) in a string. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4 && out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  if (!/bearer|basic|key|token|password|secret/i.test(out)) return out;
  return out
    .replace(CREDENTIAL_PATTERNS[0]!, `$1 ${REDACTED}`)
    .replace(CREDENTIAL_PATTERNS[1]!, `$1$2${REDACTED}`);
}

/**
 * A copy of a JSON-like value with credential-named keys dropped and credentials in strings
 * redacted. Depth- and size-bounded so hostile input cannot make it slow.
 */
export function redactValue(value: unknown, secrets: readonly string[] = [], depth = 0): unknown {
  if (typeof value === "string") return redactText(value, secrets);
  if (typeof value !== "object" || value === null) return value;
  if (depth > 8) return undefined;
  if (Array.isArray(value)) {
    return value.slice(0, 1000).map((item) => redactValue(item, secrets, depth + 1));
  }
  const out: Array<[string, unknown]> = [];
  for (const key of Object.keys(value).slice(0, 1000)) {
    if (isSecretHeader(key)) continue;
    let item: unknown;
    try {
      item = (value as Record<string, unknown>)[key];
    } catch {
      continue;
    }
    if (typeof item === "function") continue;
    out.push([key, redactValue(item, secrets, depth + 1)]);
  }
  return Object.fromEntries(out);
}
