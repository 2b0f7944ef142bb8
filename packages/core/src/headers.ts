/** Headers as any HTTP library hands them over. */
export type HeadersLike =
  | Headers
  | Map<string, string>
  | ReadonlyArray<readonly [string, string]>
  | Record<string, string | readonly string[] | number | undefined | null>;

/** Reads one header by name, whatever the case of the names in the input. */
export type HeaderReader = (lowerCaseName: string) => string | undefined;

const NO_HEADERS: HeaderReader = () => undefined;

/**
 * Names (of headers, body fields or query parameters) whose values are credentials: the one
 * secret rule of venice-errors. Any name ending in `api-key`/`apikey`/`token`/`secret`/`password`
 * after a `-` or `_` (`x-venice-api-key`, `x-auth-token`, `access_token`, `client_secret`), the
 * auth and cookie headers, and a bare `key` (`?key=`). Linear on any name (no `.*`).
 */
export const SECRET_NAME =
  /(^|[-_])(api[-_]?key|apikey|token|secret|password)$|^(key|(proxy-)?authorization|cookie|set-cookie2?)$/i;

/** True when a header, body field or query parameter name holds a credential that must never leave the process. */
export function isSecretHeader(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** `[lowerCaseName, value]` pairs of any supported header input (arrays joined with ", "). */
export function headerEntries(input: unknown): Array<[string, string]> {
  if (!input || typeof input !== "object") return [];
  const pairs: unknown[] = Array.isArray(input)
    ? input
    : Symbol.iterator in input
      ? [...(input as Iterable<unknown>)]
      : Object.entries(input);
  const out: Array<[string, string]> = [];
  for (const pair of pairs) {
    if (!Array.isArray(pair) || pair[1] == null) continue;
    out.push([
      String(pair[0]).toLowerCase(),
      Array.isArray(pair[1]) ? pair[1].join(", ") : String(pair[1]),
    ]);
  }
  return out;
}

/** Builds a case-insensitive reader; `Headers` are read directly, other shapes are indexed once. */
export function headerReader(input: unknown): HeaderReader {
  if (!input || typeof input !== "object") return NO_HEADERS;
  if (typeof Headers !== "undefined" && input instanceof Headers) {
    return (name) => input.get(name) ?? undefined;
  }
  let index: Map<string, string> | undefined;
  return (name) => {
    index ??= new Map(headerEntries(input));
    return index.get(name);
  };
}

/** All headers with lower-case names and every credential removed. */
export function safeHeaders(input: unknown): Record<string, string> {
  return Object.fromEntries(headerEntries(input).filter(([name]) => !isSecretHeader(name)));
}
