/** Headers as any HTTP library hands them over. */
export type HeadersLike =
  | Headers
  | Map<string, string>
  | ReadonlyArray<readonly [string, string]>
  | Record<string, string | readonly string[] | number | undefined | null>;

/** Reads one header by name, whatever the case of the names in the input. */
export type HeaderReader = (lowerCaseName: string) => string | undefined;

const NO_HEADERS: HeaderReader = () => undefined;

/** Header names whose values are credentials: never copied into an error. */
const SECRET_HEADER =
  /^(authorization|proxy-authorization|cookie|set-cookie|set-cookie2|x-api-key|api-key|x-auth-token|x-venice-api-key|x-amz-security-token)$/;

/** True when a header is a credential that must never leave the process. */
export function isSecretHeader(lowerCaseName: string): boolean {
  return SECRET_HEADER.test(lowerCaseName);
}

function isHeadersInstance(value: object): value is Headers {
  return typeof Headers !== "undefined" && value instanceof Headers;
}

function joinValue(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.join(", ");
  return String(value);
}

/** Iterates `[lowerCaseName, value]` over any supported header input. */
export function headerEntries(input: unknown): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (!input || typeof input !== "object") return out;
  if (isHeadersInstance(input) || input instanceof Map) {
    for (const [name, value] of input as Iterable<[string, unknown]>) {
      const text = joinValue(value);
      if (text !== undefined) out.push([String(name).toLowerCase(), text]);
    }
    return out;
  }
  if (Array.isArray(input)) {
    for (const pair of input) {
      if (Array.isArray(pair) && pair.length >= 2) {
        const text = joinValue(pair[1]);
        if (text !== undefined) out.push([String(pair[0]).toLowerCase(), text]);
      }
    }
    return out;
  }
  for (const name of Object.keys(input)) {
    const text = joinValue((input as Record<string, unknown>)[name]);
    if (text !== undefined) out.push([name.toLowerCase(), text]);
  }
  return out;
}

/** Builds a case-insensitive reader; `Headers` are read directly, other shapes are indexed once. */
export function headerReader(input: unknown): HeaderReader {
  if (!input || typeof input !== "object") return NO_HEADERS;
  if (isHeadersInstance(input)) {
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
