import { isSecretHeader } from "@venice-errors/core";

/** How far into a string body `modelOf` looks: `model` comes first in every SDK's JSON. */
const MODEL_SCAN = 4096;
const decoder = new TextDecoder();
const MODEL_FIELD = /"model"\s*:\s*"([^"\\]{1,256})"/;

/** The `model` a JSON request body names, found cheaply (a bounded scan, no full parse). */
export function modelOf(body: unknown): string | undefined {
  if (typeof body === "string") {
    const match = MODEL_FIELD.exec(body.length > MODEL_SCAN ? body.slice(0, MODEL_SCAN) : body);
    return match?.[1];
  }
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) {
    const bytes =
      body instanceof ArrayBuffer
        ? new Uint8Array(body, 0, Math.min(body.byteLength, MODEL_SCAN))
        : new Uint8Array(body.buffer, body.byteOffset, Math.min(body.byteLength, MODEL_SCAN));
    return modelOf(decoder.decode(bytes));
  }
  if (typeof body === "object" && body !== null) {
    const model = (body as { model?: unknown }).model;
    return typeof model === "string" ? model : undefined;
  }
  return undefined;
}

/** The path of a URL without its query or fragment (both can hold secrets). */
export function pathOf(url: string): string {
  const query = url.indexOf("?");
  const hash = url.indexOf("#");
  const end = query === -1 ? hash : hash === -1 ? query : Math.min(query, hash);
  const withoutQuery = end === -1 ? url : url.slice(0, end);
  const scheme = withoutQuery.indexOf("://");
  if (scheme === -1) return withoutQuery;
  const slash = withoutQuery.indexOf("/", scheme + 3);
  return slash === -1 ? "/" : withoutQuery.slice(slash);
}

/** Query parameters that carry credentials: core's secret names, plus a bare `key`. */
function isSecretParameter(name: string): boolean {
  return name.toLowerCase() === "key" || isSecretHeader(name);
}

/** The values of credential parameters in a URL's query (`?key=…`, `?api_key=…`), to redact. */
export function querySecrets(url: string): string[] {
  const query = url.indexOf("?");
  if (query === -1) return [];
  const found: string[] = [];
  const end = url.indexOf("#", query);
  const search = new URLSearchParams(url.slice(query + 1, end === -1 ? undefined : end));
  search.forEach((value, name) => {
    if (value.length >= 4 && isSecretParameter(name)) found.push(value);
  });
  return found;
}

/**
 * Credentials a request carries in its headers: the token of `Authorization`/`Proxy-Authorization`
 * (without its scheme) and the value of every other credential header (`x-api-key`, `api-key`,
 * `x-venice-api-key`, …), by core's rule.
 */
export function headerSecrets(headers: Headers): string[] {
  const found: string[] = [];
  headers.forEach((value, name) => {
    if (!isSecretHeader(name)) return;
    const space = value.indexOf(" ");
    const token =
      /authorization$/.test(name) && space !== -1 ? value.slice(space + 1).trim() : value;
    if (token.length >= 4) found.push(token);
  });
  return found;
}

/**
 * Credential values of headers given as a plain object or pairs, for when `new Headers()` itself
 * rejected them (a value with a newline): the error names the value, so it must be redacted.
 */
export function rawHeaderSecrets(init: unknown): string[] {
  if (typeof init !== "object" || init === null) return [];
  const found: string[] = [];
  try {
    const pairs = Array.isArray(init) ? init : Object.entries(init);
    for (const pair of pairs) {
      if (!Array.isArray(pair) || typeof pair[1] !== "string") continue;
      if (!isSecretHeader(String(pair[0]))) continue;
      const value = pair[1];
      found.push(value, value.trim());
      const space = value.indexOf(" ");
      if (space !== -1) found.push(value.slice(space + 1), value.slice(space + 1).trim());
    }
  } catch {
    // A hostile headers object: nothing more to learn from it.
  }
  return found.filter((secret) => secret.length >= 4);
}
