import {
  ALL_VENICE_ERROR_CODES,
  catalog,
  isVeniceErrorCode,
  VENICE_ERROR_CODES,
  type VeniceErrorCode,
} from "./catalog.js";
import type { HeaderReader } from "./headers.js";

/** How a code was decided: a structured field, the message text, the HTTP status, or a client-side failure. */
export type VeniceMatchSource = "code-field" | "message" | "status" | "client";

export interface Classification {
  code: VeniceErrorCode;
  matchedBy: VeniceMatchSource;
  /** A structured code the server sent (kept even when the catalog does not know it). */
  serverCode?: string;
  /** The server's own text, when it sent one. */
  serverMessage?: string;
}

type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export const UPPER_SNAKE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

/**
 * An `error` string that is a code (`X402_WALLET_MISMATCH`, `UNAUTHORIZED`), not a message. The
 * length check spares a message the hashing of a set lookup: no code is 40 characters long.
 */
function isCodeText(value: string): boolean {
  return UPPER_SNAKE.test(value) || (value.length < 40 && isVeniceErrorCode(value));
}

/** Lower-case structured codes (OpenAI style, in-stream, x402) that map to a catalog code. */
const CODE_ALIASES: Readonly<Record<string, VeniceErrorCode>> = {
  context_length_exceeded: "TOO_MANY_TOKENS",
  model_overloaded: "MODEL_OVERLOADED",
  provider_content_policy: "CONTENT_POLICY_VIOLATION",
  content_blocked_by_provider: "CONTENT_POLICY_VIOLATION",
  content_filter_error: "CONTENT_POLICY_VIOLATION",
  content_policy_violation: "CONTENT_POLICY_VIOLATION",
  needs_consent: "CONSENT_REQUIRED",
  rate_limit_exceeded: "RATE_LIMIT_EXCEEDED",
  insufficient_quota: "INSUFFICIENT_BALANCE",
  invalid_api_key: "AUTHENTICATION_FAILED",
  authentication_error: "AUTHENTICATION_FAILED",
  model_not_found: "MODEL_NOT_FOUND",
  upstream_error: "INFERENCE_FAILED",
  e2ee_attestation_stale: "TEE_ATTESTATION_FAILED",
  x402_concurrency_limit: "RATE_LIMIT_EXCEEDED",
  settlement_failed: "PAYMENT_REQUIRED",
  settlement_timeout: "REQUEST_TIMEOUT",
  // JSON-RPC (crypto RPC batch items): invalid request, unknown method, invalid params.
  "-32600": "INVALID_REQUEST",
  "-32601": "INVALID_REQUEST",
  "-32602": "INVALID_REQUEST",
};

/** Maps a structured code to the catalog: exact, alias, or family (`X402_SIGN_IN_*`). */
function codeFromField(value: string): VeniceErrorCode | undefined {
  // Codes start with a capital letter (below "a"): a lower-case value skips hashing for the set.
  if (value < "a" && isVeniceErrorCode(value)) return value;
  const lower = value.toLowerCase();
  if (Object.hasOwn(CODE_ALIASES, lower)) return CODE_ALIASES[lower];
  if (lower.startsWith("x402_sign_in_")) return "X402_INVALID_SIGN_IN";
  return undefined;
}

/** The table's messages, cut to their first sentence, longest first (servers append to them). */
const MESSAGE_PREFIXES: ReadonlyArray<readonly [prefix: string, code: VeniceErrorCode]> =
  VENICE_ERROR_CODES.map((code) => {
    const text = catalog[code].message.toLowerCase();
    const end = text.search(/\.(\s|$)/);
    return [end > 0 ? text.slice(0, end) : text, code] as const;
  }).sort((a, b) => b[0].length - a[0].length);

/**
 * How much of a server message the classifier reads. Venice's messages are one or two sentences;
 * a longer one (an echoed prompt, a hostile body) is matched on its first 4 KB only, so matching
 * costs the same for a 100 KB message as for a 4 KB one.
 */
export const TEXT_CAP = 4096;

type KeywordRule = readonly [
  statuses: readonly number[] | null,
  /**
   * A pattern, or several that must all occur. Never `a.*b` in one pattern: on a text that
   * repeats `a` without `b` it backtracks quadratically (seconds on 100 KB).
   */
  pattern: RegExp | readonly RegExp[],
  code: VeniceErrorCode,
];

/** When no table text matches, keywords within the status decide (venice-api-facts §1). */
export const KEYWORD_RULES: readonly KeywordRule[] = [
  [null, /too many failed attempts/, "TOO_MANY_FAILED_ATTEMPTS"],
  [[401], /subscription is inactive|inactive (api )?key/, "AUTHENTICATION_FAILED_INACTIVE_KEY"],
  [[401, 403], /only available to pro/, "PRO_ONLY_MODEL"],
  [[401], /sign-?in|siw[xe]/, "X402_INVALID_SIGN_IN"],
  // x402 discovery (a request without credentials) whose x402 fields were lost: openai-node keeps
  // only `error`, and a browser cannot read the PAYMENT-REQUIRED header unless it is exposed.
  [[402], /authentication required/, "PAYMENT_REQUIRED"],
  [[402], [/spend(ing)? limit/, /\bdiem\b/], "API_KEY_DIEM_SPEND_LIMIT_EXCEEDED"],
  [[402], [/spend(ing)? limit/, /\busd\b/], "API_KEY_USD_SPEND_LIMIT_EXCEEDED"],
  [[403], /own wallet/, "X402_WALLET_MISMATCH"],
  [[403], [/api access|access has been/, /disabled/], "API_ACCESS_DISABLED"],
  [[404], /character/, "CHARACTER_NOT_FOUND"],
  [[404], /model/, "MODEL_NOT_FOUND"],
  [[404], /media|file|video|image|audio|download|asset|expired/, "MEDIA_NOT_FOUND"],
  // A 410 is a retired model or endpoint (whose message may name video or audio) unless media expired.
  [[410], /expired/, "MEDIA_NOT_FOUND"],
  [[400, 422], /content[ -]polic|moderation|blocked|content violation/, "CONTENT_POLICY_VIOLATION"],
  [[400, 413], /maximum context|context length|context window|too many tokens/, "TOO_MANY_TOKENS"],
  [[400, 415], /content-type|content type|encoding is not supported/, "INVALID_CONTENT_TYPE"],
  [[422], [/duration/, /too long|exceed/], "VIDEO_DURATION_TOO_LONG"],
  [[422], [/duration/, /too short/], "VIDEO_DURATION_TOO_SHORT"],
  [[429, 500, 503], /overloaded/, "MODEL_OVERLOADED"],
  [[429], /too many concurrent/, "RATE_LIMIT_EXCEEDED"],
  [[500], /timed[ -]?out|timeout/, "REQUEST_TIMEOUT"],
  [[500], /upscal/, "UPSCALE_FAILED"],
  [[500], /image edit/, "IMAGE_EDIT_ERROR"],
  [[500], /inference/, "INFERENCE_FAILED"],
  [[502], /attestation/, "TEE_ATTESTATION_FAILED"],
  [[502], /tee signature|signature request/, "TEE_SIGNATURE_FAILED"],
  [[502], /transcription/, "ASR_UPSTREAM_FAILED"],
  [[503], /offline/, "MODEL_OFFLINE"],
  [[503], /capacity/, "MODEL_AT_CAPACITY"],
  [[409], /consent|terms/, "CONSENT_REQUIRED"],
];

/**
 * Statuses that decide a code alone: each maps to the first catalog code with that status
 * (400 INVALID_REQUEST, 401 AUTHENTICATION_FAILED, 402 INSUFFICIENT_BALANCE, 403 UNAUTHORIZED,
 * 410 RESOURCE_RETIRED, 413 PAYLOAD_TOO_LARGE, 415 INVALID_CONTENT_TYPE, 429 RATE_LIMIT_EXCEEDED,
 * 504 REQUEST_TIMEOUT), and Cloudflare's 524 ("A timeout occurred": no answer within 100 s) is a
 * REQUEST_TIMEOUT too. Other statuses (404, 500, ...) have several codes and no default.
 */
const STATUS_DEFAULTS = new Map(
  [400, 401, 402, 403, 410, 413, 415, 429, 504, 524].map((status) => [
    status,
    ALL_VENICE_ERROR_CODES.find((code) => catalog[code].status === Math.min(status, 504)),
  ]),
);

/** The error object of a body: `error` when it is an object, or `response.error` of a `response.failed` event. */
export function errorObject(body: Json): Json | undefined {
  if (isRecord(body.error)) return body.error;
  if (isRecord(body.response) && isRecord(body.response.error)) return body.response.error;
  return undefined;
}

/** A non-empty string, or `undefined`. */
export function str(value: unknown): string | undefined {
  return typeof value === "string" && value ? value : undefined;
}

function isX402Body(body: Json, read: HeaderReader): boolean {
  return (
    "x402Version" in body ||
    Array.isArray(body.accepts) ||
    "paymentInfo" in body ||
    read("payment-required") !== undefined
  );
}

/** The prefixes by their first character, so a message is compared with a few of them only. */
const PREFIXES_BY_FIRST = new Map<string, Array<readonly [string, VeniceErrorCode]>>();
for (const entry of MESSAGE_PREFIXES) {
  const first = entry[0][0]!;
  PREFIXES_BY_FIRST.set(first, [...(PREFIXES_BY_FIRST.get(first) ?? []), entry]);
}

function matchMessage(lower: string, status: number | undefined): VeniceErrorCode | undefined {
  for (const [prefix, code] of PREFIXES_BY_FIRST.get(lower[0]!) ?? []) {
    if (lower.startsWith(prefix)) return code;
  }
  for (const [statuses, pattern, code] of KEYWORD_RULES) {
    if (
      (statuses?.includes(status as number) ?? true) &&
      // Several patterns (rare) must all occur; one is tested directly, with no array made for it.
      (Array.isArray(pattern)
        ? pattern.every((part) => part.test(lower))
        : (pattern as RegExp).test(lower))
    ) {
      return code;
    }
  }
  return undefined;
}

/** Plain text bodies can carry the message themselves; HTML pages and unparseable JSON cannot. */
function textMessage(text: string): string | undefined {
  const trimmed = text.trim();
  const first = trimmed[0];
  if (!first || first === "<" || first === "{" || first === "[" || trimmed.length > 2000) {
    return undefined;
  }
  return trimmed;
}

/**
 * Decides the catalog code: structured field -> body shape -> message -> status default.
 * `body` is the parsed JSON body, a raw text body, or undefined.
 */
export function classify(
  status: number | undefined,
  body: unknown,
  read: HeaderReader,
): Classification {
  let serverCode: string | undefined;
  let serverMessage: string | undefined;
  let type: string | undefined;
  let effectiveStatus = status;
  let code: VeniceErrorCode | undefined;
  let matchedBy: VeniceMatchSource = "code-field";
  const json = isRecord(body);

  if (json) {
    const inner = errorObject(body);
    const innerCode = inner?.code;
    // An `error` string is either a code (`X402_WALLET_MISMATCH`) or the message: decided once.
    const text = str(body.error);
    const codeText = text !== undefined && isCodeText(text) ? text : undefined;
    // The structured code fields, in order of precedence: top-level `code`, `error.code`, an
    // UPPER_SNAKE `error` string, then a numeric `error.code` (JSON-RPC). The first one present is
    // the `serverCode`; the first one the catalog knows decides the code. `error.type` is read
    // separately: it is a broad class (`authentication_error`) that a specific message outranks.
    // A counted loop, not an array of the three: this runs on every body.
    for (let i = 0; i < 3 && !code; i++) {
      const value = i === 0 ? body.code : i === 1 ? innerCode : codeText;
      if (typeof value !== "string" || !value) continue;
      serverCode ??= value;
      code = codeFromField(value);
    }
    if (serverCode === undefined && typeof innerCode === "number") {
      // A numeric code is kept only when no `type` says more (`{"type":"authentication_error","code":401}`).
      if (!str(inner!.type)) serverCode = String(innerCode);
      code = codeFromField(String(innerCode));
    }
    type = str(inner?.type);
    serverCode ??= type;
    // The server's human-readable text, wherever this body shape keeps it.
    serverMessage =
      str(inner?.message) ?? (codeText ? undefined : text) ?? str(body.message) ?? str(body.detail);
    if (effectiveStatus === undefined && typeof innerCode === "number") {
      effectiveStatus = innerCode >= 100 && innerCode < 600 ? innerCode : undefined;
    }
    code ??=
      effectiveStatus === 402 && isX402Body(body, read)
        ? "PAYMENT_REQUIRED"
        : body.consent_flow !== undefined
          ? "CONSENT_REQUIRED"
          : undefined;
  } else if (typeof body === "string") {
    serverMessage = textMessage(body);
  }

  // A JSON body already had its x402 check (which reads the header) above.
  if (!code && effectiveStatus === 402 && !json && read("payment-required") !== undefined) {
    code = "PAYMENT_REQUIRED";
    matchedBy = "status";
  }
  if (!code && serverMessage) {
    code = matchMessage(serverMessage.slice(0, TEXT_CAP).toLowerCase(), effectiveStatus);
    if (code) matchedBy = "message";
  }
  code ??= type === undefined ? undefined : codeFromField(type);
  if (!code) {
    code = STATUS_DEFAULTS.get(effectiveStatus as number) ?? "UNKNOWN_ERROR";
    matchedBy = "status";
  }
  return { code, matchedBy, serverCode, serverMessage };
}
