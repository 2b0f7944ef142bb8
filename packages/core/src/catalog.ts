import { statusIsRetryable } from "./retryable.js";

/** What kind of problem an error is: drives UI treatment and grouping. */
export type VeniceErrorCategory =
  | "auth"
  | "billing"
  | "permission"
  | "validation"
  | "not_found"
  | "media"
  | "content_policy"
  | "rate_limit"
  | "capacity"
  | "server"
  | "timeout"
  | "client";

/** The one thing a person (or program) can do about an error. */
export type VeniceUserAction =
  | "check_api_key"
  | "upgrade_plan"
  | "sign_in_again"
  | "add_credits"
  | "raise_spend_limit"
  | "pay_with_wallet"
  | "check_wallet"
  | "contact_support"
  | "fix_request"
  | "change_model"
  | "change_file"
  | "reduce_input"
  | "rephrase_prompt"
  | "accept_terms"
  | "wait_and_retry"
  | "retry"
  | "use_streaming"
  | "check_connection"
  | "none";

/** The log level the Venice table gives a code (`undefined` = not logged by Venice). */
export type VeniceLogLevel = "warn" | "error" | undefined;

const ERROR_DOCS = "https://docs.venice.ai/api-reference/error-codes";
const RATE_LIMIT_DOCS = "https://docs.venice.ai/api-reference/rate-limiting";
const X402_DOCS = "https://docs.venice.ai/overview/guides/x402";

/** `[status, category, userAction, message, logLevel?]` */
type Row = readonly [
  status: number,
  category: VeniceErrorCategory,
  userAction: VeniceUserAction,
  message: string,
  logLevel?: "warn" | "error",
];

// biome-ignore format: one row per code reads best as a table.
/** The 40 codes of the Venice error table, in table order (status, message and log level as documented). */
const TABLE = {
  AUTHENTICATION_FAILED: [401, "auth", "check_api_key", "Authentication failed"],
  AUTHENTICATION_FAILED_INACTIVE_KEY: [401, "auth", "upgrade_plan", "Authentication failed - Pro subscription is inactive. Please upgrade your subscription to continue using the API"],
  X402_INVALID_SIGN_IN: [401, "auth", "sign_in_again", "Invalid Sign-in-with-x signature"],
  PRO_ONLY_MODEL: [401, "permission", "upgrade_plan", "This model is only available to Pro users"],
  INSUFFICIENT_BALANCE: [402, "billing", "add_credits", "Insufficient USD or Diem balance to complete request. Visit https://venice.ai/settings/api to add credits."],
  API_KEY_DIEM_SPEND_LIMIT_EXCEEDED: [402, "billing", "raise_spend_limit", "API key DIEM spend limit exceeded. Your account may still have DIEM balance, but this API key has reached its configured DIEM spending limit."],
  API_KEY_USD_SPEND_LIMIT_EXCEEDED: [402, "billing", "raise_spend_limit", "API key USD spend limit exceeded. Your account may still have USD balance, but this API key has reached its configured USD spending limit."],
  UNAUTHORIZED: [403, "permission", "check_api_key", "Unauthorized access"],
  API_ACCESS_DISABLED: [403, "permission", "contact_support", "API access has been disabled for this account. Please contact support@venice.ai"],
  X402_WALLET_MISMATCH: [403, "permission", "check_wallet", "You can only access resources for your own wallet"],
  INVALID_REQUEST: [400, "validation", "fix_request", "Invalid request parameters"],
  INVALID_MODEL: [400, "validation", "change_model", "Invalid model specified"],
  REQUEST_ID_NOT_FOUND: [400, "validation", "fix_request", "Request ID is invalid."],
  INVALID_AUDIO_FORMAT: [400, "media", "change_file", "Invalid audio format. Supported formats are WAV and MP3."],
  INVALID_VIDEO_FORMAT: [400, "media", "change_file", "Invalid video format. Supported formats include MP4, MOV, WebM, MKV, AVI, and others."],
  CORRUPTED_IMAGE: [400, "media", "change_file", "The image file is corrupted or unreadable"],
  IMAGE_TOO_SMALL: [400, "media", "change_file", "Image dimensions are too small"],
  TOO_MANY_TOKENS: [400, "validation", "reduce_input", "Your request exceeds the model's maximum context. Please reduce your prompt or completion length."],
  CHARACTER_NOT_FOUND: [404, "not_found", "fix_request", "No character could be found from the provided character_slug"],
  MODEL_NOT_FOUND: [404, "not_found", "change_model", "Specified model not found"],
  MEDIA_NOT_FOUND: [404, "not_found", "fix_request", "Media could not be found. Request may may be invalid, expired, or deleted."],
  PAYLOAD_TOO_LARGE: [413, "validation", "reduce_input", "The request payload is too large. Please reduce the size of your request."],
  INVALID_CONTENT_TYPE: [415, "validation", "fix_request", "Invalid request content-type"],
  VIDEO_DURATION_TOO_LONG: [422, "media", "change_file", "Video duration exceeds the maximum allowed."],
  VIDEO_DURATION_TOO_SHORT: [422, "media", "change_file", "Video duration is too short."],
  IMAGE_TOO_LARGE: [422, "media", "change_file", "Image dimensions exceed the maximum allowed."],
  CONTENT_POLICY_VIOLATION: [422, "content_policy", "rephrase_prompt", "Your prompt violates the content policy of Venice.ai or the model provider"],
  ASR_UPSTREAM_VALIDATION_FAILED: [422, "media", "change_file", "The audio could not be processed for transcription. Common causes: zero-length, silent, corrupt, or unsupported-language audio. Please verify the file and retry.", "warn"],
  RATE_LIMIT_EXCEEDED: [429, "rate_limit", "wait_and_retry", "Rate limit exceeded"],
  MODEL_OVERLOADED: [429, "capacity", "wait_and_retry", "The model is currently overloaded. Please try again later."],
  INFERENCE_FAILED: [500, "server", "retry", "Inference processing failed", "error"],
  UPSCALE_FAILED: [500, "server", "retry", "Image upscaling failed", "error"],
  IMAGE_EDIT_ERROR: [500, "server", "retry", "Image edit failed", "error"],
  UNKNOWN_ERROR: [500, "server", "retry", "An unknown error occurred", "error"],
  TEE_ATTESTATION_FAILED: [502, "server", "retry", "TEE attestation request failed. The Trusted Execution Environment provider may be temporarily unavailable.", "error"],
  TEE_SIGNATURE_FAILED: [502, "server", "retry", "TEE signature request failed. The Trusted Execution Environment provider may be temporarily unavailable.", "error"],
  ASR_UPSTREAM_FAILED: [502, "server", "retry", "Audio transcription failed due to a temporary upstream error. Please retry.", "warn"],
  MODEL_OFFLINE: [503, "capacity", "wait_and_retry", "The model is temporarily offline. Please try again later."],
  MODEL_AT_CAPACITY: [503, "capacity", "wait_and_retry", "The model is at capacity. Please try again later."],
  REQUEST_TIMEOUT: [504, "timeout", "use_streaming", "The request took too long to complete and was timed-out. For long-running inference requests, use the streaming API by setting `stream=true` in your request."],
} as const satisfies Record<string, Row>;

// biome-ignore format: one row per code reads best as a table.
/** Codes the live API (or the client itself) produces that the table lacks. Status 0: no HTTP answer. */
const EXTRA = {
  TOO_MANY_FAILED_ATTEMPTS: [429, "rate_limit", "wait_and_retry", "Too many failed attempts. Please wait and try again.", "warn"],
  PAYMENT_REQUIRED: [402, "billing", "pay_with_wallet", "Payment required"],
  CONSENT_REQUIRED: [409, "permission", "accept_terms", "Accept the model's terms before using it"],
  RESOURCE_RETIRED: [410, "not_found", "change_model", "This model or endpoint was retired"],
  CONNECTION_ERROR: [0, "client", "check_connection", "Could not connect to the Venice API", "warn"],
  CLIENT_TIMEOUT: [0, "timeout", "retry", "No answer from the Venice API in time", "warn"],
  ABORTED: [0, "client", "none", "The request was aborted"],
  INVALID_RESPONSE: [0, "server", "retry", "The Venice API sent an unreadable response", "error"],
  STREAM_INTERRUPTED: [0, "server", "retry", "The response stream was cut before it finished", "warn"],
} as const satisfies Record<string, Row>;

/** A code of the Venice error table. */
export type VeniceTableCode = keyof typeof TABLE;
/** Every code a `VeniceError` can have: the table's 40 plus the extra ones. */
export type VeniceErrorCode = VeniceTableCode | keyof typeof EXTRA;

/** The 40 documented codes, in the order of the Venice error table. */
export const VENICE_ERROR_CODES = Object.keys(TABLE) as readonly VeniceTableCode[];
/** The codes the table lacks: abuse lock-out, x402, consent, retirement and client-side failures. */
export const VENICE_EXTRA_ERROR_CODES = Object.keys(EXTRA) as readonly Exclude<
  VeniceErrorCode,
  VeniceTableCode
>[];
/** Every code, table codes first. */
export const ALL_VENICE_ERROR_CODES: readonly VeniceErrorCode[] = [
  ...VENICE_ERROR_CODES,
  ...VENICE_EXTRA_ERROR_CODES,
];

/** One row of the catalog. */
export interface VeniceCatalogEntry {
  readonly code: VeniceErrorCode;
  /** The documented HTTP status (0 for client-side codes). */
  readonly status: number;
  /** The table's English message. */
  readonly message: string;
  readonly logLevel: VeniceLogLevel;
  readonly category: VeniceErrorCategory;
  readonly retryable: boolean;
  readonly userAction: VeniceUserAction;
  readonly docsUrl: string;
  /** True for the 40 codes of the Venice table. */
  readonly documented: boolean;
}

/**
 * Builds the frozen catalog rows. Decided once from the data by `statusIsRetryable`.
 */
function entries(rows: Record<string, Row>, documented: boolean) {
  return Object.entries(rows).map(([code, [status, category, userAction, message, logLevel]]) => [
    code,
    Object.freeze({
      code: code as VeniceErrorCode,
      status,
      message,
      logLevel,
      category,
      retryable: statusIsRetryable(status, code),
      userAction,
      docsUrl:
        category === "rate_limit"
          ? RATE_LIMIT_DOCS
          : code.startsWith("X402") || userAction === "pay_with_wallet"
            ? X402_DOCS
            : ERROR_DOCS,
      documented,
    }),
  ]);
}

/** Everything known about each code. Data, not code: one row per code. */
export const catalog: Readonly<Record<VeniceErrorCode, VeniceCatalogEntry>> = Object.freeze(
  Object.fromEntries([...entries(TABLE, true), ...entries(EXTRA, false)]) as Record<
    VeniceErrorCode,
    VeniceCatalogEntry
  >,
);

/** True when `value` is one of the catalog's codes. */
export function isVeniceErrorCode(value: unknown): value is VeniceErrorCode {
  return CODES.has(value as VeniceErrorCode);
}

const CODES = new Set(ALL_VENICE_ERROR_CODES);
