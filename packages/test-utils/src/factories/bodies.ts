import { catalog, type VeniceErrorCode } from "@venice-errors/core";

/**
 * The body shapes Venice sends (venice-api-facts §2, §8):
 * - `standard`: `{"error":"<message>"}`
 * - `code-field`: `{"code":"PAYLOAD_TOO_LARGE","error":"<message>"}`
 * - `upper-snake`: `{"error":"X402_WALLET_MISMATCH","message":"<message>"}` (`/x402/top-up`)
 * - `openai`: `{"error":{"message","type","param","code"}}`
 * - `stream-event`: the in-band SSE error `{"error":{"message","type","code","param":null}}`
 * - `request-id`: `{"error":"<message>","request_id":"…"}` (upstream 400s)
 * - `details-string`: `{"error":"<message>","details":"plain string"}`
 * - `detailed`: validation `{"error","details":<zod format tree>,"issues":[…]}`
 * - `legacy-issues`: validation, 2024 form `{"error":[…zod issues…]}`
 * - `credits-refunded`: `{"error","credits_refunded":true}` (video content policy)
 * - `provider-content-policy`: `{"error":{"message","type":"provider_content_policy","recommended_model","credits_refunded"}}`
 * - `suggested-prompt`: `{"error","suggested_prompt"}` (audio 422)
 * - `numeric-code`: `{"error":{"message","type":"authentication_error","code":401}}`
 * - `x402-sign-in`: `{"error","code":"X402_SIGN_IN_<REASON>"}`
 * - `x402-concurrency`: `{"error":"Too many concurrent requests","code":"X402_CONCURRENCY_LIMIT"}`
 * - `x402-discovery`: `{"x402Version","error","accepts":[…],"authOptions":[…]}`
 * - `x402-code`: `{"code":"PAYMENT_REQUIRED","reason":"insufficient_balance",…}`
 * - `x402-legacy`: `{"error":"PAYMENT_REQUIRED","message","paymentInfo":{…}}`
 * - `consent`: `{"error":{"code":"needs_consent","message"},"consent_flow":{…}}`
 * - `consent-string-flow`: `consent_flow` as a string with `face_media_roles`, `consent`, `docs_url`
 */
export type ErrorShape =
  | "standard"
  | "code-field"
  | "upper-snake"
  | "openai"
  | "stream-event"
  | "request-id"
  | "details-string"
  | "detailed"
  | "legacy-issues"
  | "credits-refunded"
  | "provider-content-policy"
  | "suggested-prompt"
  | "numeric-code"
  | "x402-sign-in"
  | "x402-concurrency"
  | "x402-discovery"
  | "x402-code"
  | "x402-legacy"
  | "consent"
  | "consent-string-flow";

/** A JSON object body. */
export type JsonBody = Record<string, unknown>;

/** Codes with no HTTP answer: `createErrorBody`/`createErrorResponse` refuse them, `createVeniceError` builds them. */
export const CLIENT_SIDE_CODES = [
  "CONNECTION_ERROR",
  "CLIENT_TIMEOUT",
  "ABORTED",
  "INVALID_RESPONSE",
  "STREAM_INTERRUPTED",
] as const satisfies readonly VeniceErrorCode[];

/** A code that is decided on the client (no HTTP body exists for it). */
export type ClientSideCode = (typeof CLIENT_SIDE_CODES)[number];
/** A code Venice answers over HTTP: every code except the client-side ones. */
export type HttpErrorCode = Exclude<VeniceErrorCode, ClientSideCode>;

/** True for codes that have no HTTP answer (status 0). */
export function isClientSideCode(code: VeniceErrorCode): code is ClientSideCode {
  return (CLIENT_SIDE_CODES as readonly string[]).includes(code);
}

/** Shapes every HTTP code can be sent in (each one is classified back to its code). */
const GENERIC_SHAPES = [
  "standard",
  "code-field",
  "upper-snake",
  "openai",
  "stream-event",
  "request-id",
  "details-string",
] as const satisfies readonly ErrorShape[];

/** Shapes only some codes come in, default first where the default is not `standard`. */
const SPECIAL_SHAPES: Partial<Record<HttpErrorCode, readonly ErrorShape[]>> = {
  AUTHENTICATION_FAILED: ["numeric-code"],
  X402_INVALID_SIGN_IN: ["x402-sign-in"],
  INVALID_REQUEST: ["detailed", "legacy-issues"],
  CONTENT_POLICY_VIOLATION: ["credits-refunded", "provider-content-policy", "suggested-prompt"],
  RATE_LIMIT_EXCEEDED: ["x402-concurrency"],
  PAYMENT_REQUIRED: ["x402-discovery", "x402-code", "x402-legacy"],
  CONSENT_REQUIRED: ["consent", "consent-string-flow"],
};

/** The realistic default shape of each code, where it is not `standard`. */
const DEFAULT_SHAPES: Partial<Record<HttpErrorCode, ErrorShape>> = {
  X402_INVALID_SIGN_IN: "x402-sign-in",
  INVALID_REQUEST: "detailed",
  TOO_MANY_TOKENS: "openai",
  PAYLOAD_TOO_LARGE: "code-field",
  CONTENT_POLICY_VIOLATION: "credits-refunded",
  PAYMENT_REQUIRED: "x402-discovery",
  CONSENT_REQUIRED: "consent",
};

/** The shape Venice really uses for `code` (mostly `standard`). */
export function defaultShapeOf(code: HttpErrorCode): ErrorShape {
  return DEFAULT_SHAPES[code] ?? "standard";
}

/** Every shape `code` can be faked in; each is classified back to `code` by `toVeniceError`. */
export function shapesFor(code: HttpErrorCode): readonly ErrorShape[] {
  const special = SPECIAL_SHAPES[code] ?? [];
  return [...new Set<ErrorShape>([defaultShapeOf(code), ...special, ...GENERIC_SHAPES])];
}

/** Messages the live API sends where they differ from the table's text. */
const REAL_MESSAGES: Partial<Record<HttpErrorCode, string>> = {
  TOO_MANY_FAILED_ATTEMPTS:
    "Too many failed attempts (> 20) resulting in a non-success status code. Please wait 30s and try again.",
  PAYMENT_REQUIRED: "Payment required",
};

/** The default message a fake of `code` carries. */
export function defaultMessageOf(code: HttpErrorCode, shape: ErrorShape): string {
  if (code === "CONTENT_POLICY_VIOLATION" && shape === "credits-refunded") {
    return "Your generation was blocked due to the model provider's content policies. Credits have been refunded.";
  }
  return REAL_MESSAGES[code] ?? catalog[code].message;
}

/** OpenAI-style lower-case codes that Venice sends for some catalog codes. */
const OPENAI_CODES: Partial<Record<HttpErrorCode, string>> = {
  TOO_MANY_TOKENS: "context_length_exceeded",
  MODEL_OVERLOADED: "model_overloaded",
  CONTENT_POLICY_VIOLATION: "content_policy_violation",
  CONSENT_REQUIRED: "needs_consent",
  RATE_LIMIT_EXCEEDED: "rate_limit_exceeded",
  MODEL_NOT_FOUND: "model_not_found",
  INFERENCE_FAILED: "upstream_error",
  TEE_ATTESTATION_FAILED: "e2ee_attestation_stale",
};

/** The structured code a fake puts in OpenAI-style and in-stream errors. */
export function openAiCodeOf(code: HttpErrorCode): string {
  return OPENAI_CODES[code] ?? code;
}

/** The OpenAI `type` for a status. */
export function openAiTypeOf(status: number): string {
  if (status === 401) return "authentication_error";
  if (status === 403) return "permission_error";
  if (status === 404) return "not_found_error";
  if (status === 429) return "rate_limit_error";
  if (status >= 500) return "server_error";
  return "invalid_request_error";
}

/** Field errors as `{ "dotted.path": ["message"] }`; `""` is a request-level error. */
export type FakeFieldErrors = Record<string, readonly string[]>;

/** Options for `createErrorBody`. */
export interface ErrorBodyOptions {
  /** Which body shape (default: the one Venice really uses for the code, see `defaultShapeOf`). */
  shape?: ErrorShape;
  /** The server text (default: the table's message, or the real one Venice sends). */
  message?: string;
  /** Validation errors for `detailed`/`legacy-issues` (default: `messages` is required). */
  fieldErrors?: FakeFieldErrors;
  /** `request_id` for the `request-id` shape. */
  requestId?: string;
  /** `retry_after` (seconds) for OpenAI-style and in-stream errors. */
  retryAfter?: number;
  /** The model suggested by `provider-content-policy` (default `"venice-uncensored"`). */
  recommendedModel?: string;
  /** Extra top-level fields merged into the body last (they win over the shape's fields). */
  fields?: JsonBody;
}

const DEFAULT_FIELD_ERRORS: FakeFieldErrors = { messages: ["Required"] };

/** zod's `format()` tree for the given field errors. */
function formatTree(fieldErrors: FakeFieldErrors): JsonBody {
  const root: JsonBody = { _errors: [] as string[] };
  for (const [path, messages] of Object.entries(fieldErrors)) {
    let node = root;
    for (const key of path === "" ? [] : path.split(".")) {
      node[key] ??= { _errors: [] as string[] };
      node = node[key] as JsonBody;
    }
    (node._errors as string[]).push(...messages);
  }
  return root;
}

/** zod issues for the given field errors (numeric path segments become numbers, as zod writes them). */
function zodIssues(fieldErrors: FakeFieldErrors): JsonBody[] {
  return Object.entries(fieldErrors).flatMap(([path, messages]) =>
    messages.map((message) => ({
      code: message === "Required" ? "invalid_type" : "custom",
      ...(message === "Required" ? { expected: "array", received: "undefined" } : {}),
      path:
        path === "" ? [] : path.split(".").map((key) => (/^\d+$/.test(key) ? Number(key) : key)),
      message,
    })),
  );
}

function assertHttpCode(code: VeniceErrorCode, what: string): asserts code is HttpErrorCode {
  if (!Object.hasOwn(catalog, code)) {
    throw new TypeError(`${what}: unknown Venice error code ${JSON.stringify(code)}`);
  }
  if (isClientSideCode(code)) {
    throw new TypeError(
      `${what}: ${code} is a client-side error (no HTTP answer carries it). ` +
        `Use createVeniceError("${code}") instead, or script the failure itself ` +
        `(e.g. { hangUp: true } or stream.cutAfter with startFakeVenice).`,
    );
  }
}

/** Throws unless `code` is an HTTP code; exported for the other factories. */
export function requireHttpCode(
  code: VeniceErrorCode,
  what: string,
): asserts code is HttpErrorCode {
  assertHttpCode(code, what);
}

function x402Accepts(): JsonBody[] {
  return [
    {
      scheme: "exact",
      network: "base",
      maxAmountRequired: "10000",
      resource: "https://api.venice.ai/api/v1/chat/completions",
      description: "Venice API inference",
      mimeType: "application/json",
      payTo: "0x0000000000000000000000000000000000000000",
      maxTimeoutSeconds: 60,
      asset: "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913",
      extra: { name: "USD Coin", version: "2" },
    },
  ];
}

/** The x402 discovery body; also what the `PAYMENT-REQUIRED` header carries (base64 JSON). */
export function x402DiscoveryBody(message = "Payment required"): JsonBody {
  return {
    x402Version: 1,
    error: message,
    accepts: x402Accepts(),
    authOptions: [{ type: "bearer", description: "Venice API key" }, { type: "siwx" }],
  };
}

/**
 * A realistic Venice error body for `code`, in the shape Venice really uses (or `options.shape`).
 * Throws a `TypeError` for client-side codes (they have no body) and for shapes the code never comes in.
 */
export function createErrorBody(code: VeniceErrorCode, options: ErrorBodyOptions = {}): JsonBody {
  assertHttpCode(code, "createErrorBody");
  const shape = options.shape ?? defaultShapeOf(code);
  const allowed = shapesFor(code);
  if (!allowed.includes(shape)) {
    throw new TypeError(
      `createErrorBody: ${code} does not come in the "${shape}" shape; use one of: ${allowed.join(", ")}`,
    );
  }
  const entry = catalog[code];
  const message = options.message ?? defaultMessageOf(code, shape);
  const fieldErrors = options.fieldErrors ?? DEFAULT_FIELD_ERRORS;
  const retry = options.retryAfter === undefined ? {} : { retry_after: options.retryAfter };
  let body: JsonBody;
  switch (shape) {
    case "standard":
      body = { error: message };
      break;
    case "code-field":
      body = { code, error: message };
      break;
    case "upper-snake":
      body = { error: code, message };
      break;
    case "openai":
      body = {
        error: {
          message,
          type: openAiTypeOf(entry.status),
          param: code === "TOO_MANY_TOKENS" ? "messages" : null,
          code: openAiCodeOf(code),
          ...retry,
        },
      };
      break;
    case "stream-event":
      body = {
        error: {
          message,
          type:
            entry.status >= 500 || entry.status === 429
              ? "server_error"
              : openAiTypeOf(entry.status),
          code: openAiCodeOf(code),
          param: null,
          ...(code === "MODEL_OVERLOADED" && options.retryAfter === undefined
            ? { retry_after: 30 }
            : retry),
        },
      };
      break;
    case "request-id":
      body = { error: message, request_id: options.requestId ?? "req_0f1e2d3c4b5a69788796a5b4" };
      break;
    case "details-string":
      body = { error: message, details: "See the API reference for this endpoint." };
      break;
    case "detailed":
      body = { error: message, details: formatTree(fieldErrors), issues: zodIssues(fieldErrors) };
      break;
    case "legacy-issues":
      body = { error: zodIssues(fieldErrors) };
      break;
    case "credits-refunded":
      body = { error: message, credits_refunded: true };
      break;
    case "provider-content-policy":
      body = {
        error: {
          message,
          type: "provider_content_policy",
          recommended_model: options.recommendedModel ?? "venice-uncensored",
          credits_refunded: true,
        },
      };
      break;
    case "suggested-prompt":
      body = { error: message, suggested_prompt: "A calm seaside landscape at sunset" };
      break;
    case "numeric-code":
      body = { error: { message, type: openAiTypeOf(entry.status), code: entry.status } };
      break;
    case "x402-sign-in":
      body = { error: message, code: "X402_SIGN_IN_INVALID_SIGNATURE" };
      break;
    case "x402-concurrency":
      body = {
        error: options.message ?? "Too many concurrent requests",
        code: "X402_CONCURRENCY_LIMIT",
      };
      break;
    case "x402-discovery":
      body = x402DiscoveryBody(message);
      break;
    case "x402-code":
      body = {
        code: "PAYMENT_REQUIRED",
        reason: "insufficient_balance",
        message,
        accepts: x402Accepts(),
      };
      break;
    case "x402-legacy":
      body = {
        error: "PAYMENT_REQUIRED",
        message,
        paymentInfo: { network: "base", asset: "USDC", minimumAmount: "0.01" },
      };
      break;
    case "consent":
      body = {
        error: { code: "needs_consent", message },
        consent_flow: {
          type: "model_terms",
          model: "seedance-1-pro",
          accept_url: "https://venice.ai/settings/consent",
        },
      };
      break;
    case "consent-string-flow":
      body = {
        error: { code: "needs_consent", message },
        consent_flow: "seedance",
        face_media_roles: ["reference_image"],
        consent: {
          consent_version: "2026-01-01",
          policy_text: "I have the right to use this likeness.",
        },
        docs_url: "https://docs.venice.ai/overview/consent",
      };
      break;
  }
  return options.fields ? { ...body, ...options.fields } : body;
}
