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

type Row = readonly [
  status: number,
  message: string,
  logLevel: VeniceLogLevel,
  category: VeniceErrorCategory,
  retryable: boolean,
  userAction: VeniceUserAction,
  docsUrl?: string,
];

/** The 40 codes of the Venice error table, in table order (status, message and log level as documented). */
const TABLE = {
  AUTHENTICATION_FAILED: [401, "Authentication failed", undefined, "auth", false, "check_api_key"],
  AUTHENTICATION_FAILED_INACTIVE_KEY: [
    401,
    "Authentication failed - Pro subscription is inactive. Please upgrade your subscription to continue using the API",
    undefined,
    "auth",
    false,
    "upgrade_plan",
  ],
  X402_INVALID_SIGN_IN: [
    401,
    "Invalid Sign-in-with-x signature",
    undefined,
    "auth",
    false,
    "sign_in_again",
    X402_DOCS,
  ],
  PRO_ONLY_MODEL: [
    401,
    "This model is only available to Pro users",
    undefined,
    "permission",
    false,
    "upgrade_plan",
  ],
  INSUFFICIENT_BALANCE: [
    402,
    "Insufficient USD or Diem balance to complete request. Visit https://venice.ai/settings/api to add credits.",
    undefined,
    "billing",
    false,
    "add_credits",
  ],
  API_KEY_DIEM_SPEND_LIMIT_EXCEEDED: [
    402,
    "API key DIEM spend limit exceeded. Your account may still have DIEM balance, but this API key has reached its configured DIEM spending limit.",
    undefined,
    "billing",
    false,
    "raise_spend_limit",
  ],
  API_KEY_USD_SPEND_LIMIT_EXCEEDED: [
    402,
    "API key USD spend limit exceeded. Your account may still have USD balance, but this API key has reached its configured USD spending limit.",
    undefined,
    "billing",
    false,
    "raise_spend_limit",
  ],
  UNAUTHORIZED: [403, "Unauthorized access", undefined, "permission", false, "check_api_key"],
  API_ACCESS_DISABLED: [
    403,
    "API access has been disabled for this account. Please contact support@venice.ai",
    undefined,
    "permission",
    false,
    "contact_support",
  ],
  X402_WALLET_MISMATCH: [
    403,
    "You can only access resources for your own wallet",
    undefined,
    "permission",
    false,
    "check_wallet",
    X402_DOCS,
  ],
  INVALID_REQUEST: [
    400,
    "Invalid request parameters",
    undefined,
    "validation",
    false,
    "fix_request",
  ],
  INVALID_MODEL: [400, "Invalid model specified", undefined, "validation", false, "change_model"],
  REQUEST_ID_NOT_FOUND: [
    400,
    "Request ID is invalid.",
    undefined,
    "validation",
    false,
    "fix_request",
  ],
  INVALID_AUDIO_FORMAT: [
    400,
    "Invalid audio format. Supported formats are WAV and MP3.",
    undefined,
    "media",
    false,
    "change_file",
  ],
  INVALID_VIDEO_FORMAT: [
    400,
    "Invalid video format. Supported formats include MP4, MOV, WebM, MKV, AVI, and others.",
    undefined,
    "media",
    false,
    "change_file",
  ],
  CORRUPTED_IMAGE: [
    400,
    "The image file is corrupted or unreadable",
    undefined,
    "media",
    false,
    "change_file",
  ],
  IMAGE_TOO_SMALL: [
    400,
    "Image dimensions are too small",
    undefined,
    "media",
    false,
    "change_file",
  ],
  TOO_MANY_TOKENS: [
    400,
    "Your request exceeds the model's maximum context. Please reduce your prompt or completion length.",
    undefined,
    "validation",
    false,
    "reduce_input",
  ],
  CHARACTER_NOT_FOUND: [
    404,
    "No character could be found from the provided character_slug",
    undefined,
    "not_found",
    false,
    "fix_request",
  ],
  MODEL_NOT_FOUND: [
    404,
    "Specified model not found",
    undefined,
    "not_found",
    false,
    "change_model",
  ],
  MEDIA_NOT_FOUND: [
    404,
    "Media could not be found. Request may may be invalid, expired, or deleted.",
    undefined,
    "not_found",
    false,
    "fix_request",
  ],
  PAYLOAD_TOO_LARGE: [
    413,
    "The request payload is too large. Please reduce the size of your request.",
    undefined,
    "validation",
    false,
    "reduce_input",
  ],
  INVALID_CONTENT_TYPE: [
    415,
    "Invalid request content-type",
    undefined,
    "validation",
    false,
    "fix_request",
  ],
  VIDEO_DURATION_TOO_LONG: [
    422,
    "Video duration exceeds the maximum allowed.",
    undefined,
    "media",
    false,
    "change_file",
  ],
  VIDEO_DURATION_TOO_SHORT: [
    422,
    "Video duration is too short.",
    undefined,
    "media",
    false,
    "change_file",
  ],
  IMAGE_TOO_LARGE: [
    422,
    "Image dimensions exceed the maximum allowed.",
    undefined,
    "media",
    false,
    "change_file",
  ],
  CONTENT_POLICY_VIOLATION: [
    422,
    "Your prompt violates the content policy of Venice.ai or the model provider",
    undefined,
    "content_policy",
    false,
    "rephrase_prompt",
  ],
  ASR_UPSTREAM_VALIDATION_FAILED: [
    422,
    "The audio could not be processed for transcription. Common causes: zero-length, silent, corrupt, or unsupported-language audio. Please verify the file and retry.",
    "warn",
    "media",
    false,
    "change_file",
  ],
  RATE_LIMIT_EXCEEDED: [
    429,
    "Rate limit exceeded",
    undefined,
    "rate_limit",
    true,
    "wait_and_retry",
    RATE_LIMIT_DOCS,
  ],
  MODEL_OVERLOADED: [
    429,
    "The model is currently overloaded. Please try again later.",
    undefined,
    "capacity",
    true,
    "wait_and_retry",
  ],
  INFERENCE_FAILED: [500, "Inference processing failed", "error", "server", true, "retry"],
  UPSCALE_FAILED: [500, "Image upscaling failed", "error", "server", true, "retry"],
  IMAGE_EDIT_ERROR: [500, "Image edit failed", "error", "server", true, "retry"],
  UNKNOWN_ERROR: [500, "An unknown error occurred", "error", "server", true, "retry"],
  TEE_ATTESTATION_FAILED: [
    502,
    "TEE attestation request failed. The Trusted Execution Environment provider may be temporarily unavailable.",
    "error",
    "server",
    true,
    "retry",
  ],
  TEE_SIGNATURE_FAILED: [
    502,
    "TEE signature request failed. The Trusted Execution Environment provider may be temporarily unavailable.",
    "error",
    "server",
    true,
    "retry",
  ],
  ASR_UPSTREAM_FAILED: [
    502,
    "Audio transcription failed due to a temporary upstream error. Please retry.",
    "warn",
    "server",
    true,
    "retry",
  ],
  MODEL_OFFLINE: [
    503,
    "The model is temporarily offline. Please try again later.",
    undefined,
    "capacity",
    true,
    "wait_and_retry",
  ],
  MODEL_AT_CAPACITY: [
    503,
    "The model is at capacity. Please try again later.",
    undefined,
    "capacity",
    true,
    "wait_and_retry",
  ],
  REQUEST_TIMEOUT: [
    504,
    "The request took too long to complete and was timed-out. For long-running inference requests, use the streaming API by setting `stream=true` in your request.",
    undefined,
    "timeout",
    true,
    "use_streaming",
  ],
} as const satisfies Record<string, Row>;

/** Codes the live API (or the client itself) produces that the table lacks. Status 0: no HTTP answer. */
const EXTRA = {
  TOO_MANY_FAILED_ATTEMPTS: [
    429,
    "Too many failed attempts resulting in a non-success status code. Please wait and try again.",
    "warn",
    "rate_limit",
    true,
    "wait_and_retry",
    RATE_LIMIT_DOCS,
  ],
  PAYMENT_REQUIRED: [
    402,
    "Payment required",
    undefined,
    "billing",
    false,
    "pay_with_wallet",
    X402_DOCS,
  ],
  CONSENT_REQUIRED: [
    409,
    "You must accept the model's terms before using it",
    undefined,
    "permission",
    false,
    "accept_terms",
  ],
  RESOURCE_RETIRED: [
    410,
    "This model or endpoint has been retired",
    undefined,
    "not_found",
    false,
    "change_model",
  ],
  CONNECTION_ERROR: [
    0,
    "Could not connect to the Venice API",
    "warn",
    "client",
    true,
    "check_connection",
  ],
  CLIENT_TIMEOUT: [
    0,
    "The request to the Venice API timed out before an answer arrived",
    "warn",
    "timeout",
    true,
    "retry",
  ],
  ABORTED: [0, "The request was aborted", undefined, "client", false, "none"],
  INVALID_RESPONSE: [
    0,
    "The Venice API sent a response that could not be read",
    "error",
    "server",
    true,
    "retry",
  ],
  STREAM_INTERRUPTED: [
    0,
    "The response stream was interrupted before it finished",
    "warn",
    "server",
    true,
    "retry",
  ],
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

function entries(rows: Record<string, Row>, documented: boolean) {
  return Object.entries(rows).map(
    ([code, [status, message, logLevel, category, retryable, userAction, docsUrl]]) =>
      [
        code,
        Object.freeze({
          code: code as VeniceErrorCode,
          status,
          message,
          logLevel,
          category,
          retryable,
          userAction,
          docsUrl: docsUrl ?? ERROR_DOCS,
          documented,
        }),
      ] as const,
  );
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
  return typeof value === "string" && Object.hasOwn(catalog, value);
}
