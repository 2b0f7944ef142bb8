import { VeniceError } from "@venice-errors/core";
import { clientError, headersForError } from "./errors.js";

/** A binary answer (an image, audio, a video) with its content type. */
export interface VeniceBinary {
  bytes: Uint8Array;
  /** The answer's `Content-Type` without parameters (`"image/png"`). */
  contentType: string;
  /** The answer's headers (`x-venice-model-id`, rate limits, …). */
  headers: Headers;
  /** `x-request-id`, else `CF-RAY`. */
  requestId: string | undefined;
}

/** A binary answer to read as it arrives (streamed speech). */
export interface VeniceBodyStream {
  body: ReadableStream<Uint8Array>;
  contentType: string;
  headers: Headers;
  requestId: string | undefined;
}

/** A media route's answer: a JSON status body, or the media itself. */
export type VeniceMediaAnswer =
  | { kind: "json"; value: unknown; headers: Headers }
  | { kind: "media"; media: VeniceBinary };

function requestIdOf(headers: Headers): string | undefined {
  return headers.get("x-request-id") ?? headers.get("cf-ray") ?? undefined;
}

function contentTypeOf(headers: Headers): string {
  return (headers.get("content-type") ?? "application/octet-stream").split(";")[0]?.trim() ?? "";
}

function invalidJson(cause: unknown): VeniceError {
  return clientError(
    "INVALID_RESPONSE",
    "The Venice API answered with a body that is not JSON",
    cause,
  );
}

/** The parsed JSON body (`undefined` when empty); INVALID_RESPONSE when it is not JSON. */
export async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw invalidJson(cause);
  }
}

/** The body as JSON when it is JSON (`application/json`), else as text (`text/plain` answers). */
export async function readJsonOrText(response: Response): Promise<unknown> {
  if (contentTypeOf(response.headers).endsWith("json")) return readJson(response);
  return response.text();
}

/** The whole body as bytes. */
export async function readBinary(response: Response): Promise<VeniceBinary> {
  return {
    bytes: new Uint8Array(await response.arrayBuffer()),
    contentType: contentTypeOf(response.headers),
    headers: response.headers,
    requestId: requestIdOf(response.headers),
  };
}

/** The body as a stream, for the caller to read (or cancel). */
export async function readBodyStream(response: Response): Promise<VeniceBodyStream> {
  if (!response.body)
    throw clientError("INVALID_RESPONSE", "The Venice API answered without a body");
  return {
    body: response.body,
    contentType: contentTypeOf(response.headers),
    headers: response.headers,
    requestId: requestIdOf(response.headers),
  };
}

const SPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const OPEN_BRACE = 0x7b;

/** True when the bytes begin (after white space) with `{`: a JSON object whatever the label says. */
function looksLikeJson(bytes: Uint8Array): boolean {
  for (const byte of bytes) {
    if (SPACE.has(byte)) continue;
    return byte === OPEN_BRACE;
  }
  return false;
}

/**
 * A media route's answer. The first non-space byte decides, not `Content-Type`: `/video/retrieve`
 * has answered a JSON status body labelled `video/mp4` (venice-api-facts §8).
 */
export async function readMedia(response: Response): Promise<VeniceMediaAnswer> {
  const media = await readBinary(response);
  if (looksLikeJson(media.bytes)) {
    try {
      return {
        kind: "json",
        value: JSON.parse(new TextDecoder().decode(media.bytes)),
        headers: media.headers,
      };
    } catch {
      // Media whose first byte happens to be `{`: keep it as media.
    }
  }
  return { kind: "media", media };
}

/** True when Venice flagged a generated image (`x-venice-is-content-violation: true`). */
export function isContentViolation(headers: Headers): boolean {
  return headers.get("x-venice-is-content-violation")?.trim().toLowerCase() === "true";
}

/**
 * The error for a 200 image Venice flagged as a content violation (it comes back blurred):
 * CONTENT_POLICY_VIOLATION with the answer's status (200) and headers, never retried.
 */
export function contentViolationError(headers: Headers, secrets: readonly string[]): VeniceError {
  return new VeniceError({
    code: "CONTENT_POLICY_VIOLATION",
    status: 200,
    headers: headersForError(headers, secrets),
    matchedBy: "client",
    retryable: false,
    message:
      "The Venice API flagged the generated image as a content violation (x-venice-is-content-violation: true); it was returned blurred",
  });
}
