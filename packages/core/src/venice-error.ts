import {
  catalog,
  isVeniceErrorCode,
  type VeniceCatalogEntry,
  type VeniceErrorCategory,
  type VeniceErrorCode,
  type VeniceLogLevel,
  type VeniceUserAction,
} from "./catalog.js";
import type { VeniceMatchSource } from "./classify.js";
import { DERIVED, type DerivedField, type DetailSource } from "./details.js";
import type { VeniceFieldErrors } from "./field-errors.js";
import { type HeadersLike, headerReader } from "./headers.js";
import { httpStatus } from "./numbers.js";
import type { VeniceRateLimit } from "./rate-limit.js";
import { redactCause, redactText, redactValue } from "./redact.js";
import { statusIsRetryable } from "./retryable.js";

const BRAND = Symbol.for("venice-errors.VeniceError");

/** One try of a request, as recorded by a client. */
export interface VeniceAttempt {
  /** 1 for the first try. */
  attempt: number;
  /** HTTP status of this try (0: no answer). */
  status: number;
  code: VeniceErrorCode;
  /** How long the client waited before this try, in ms (0 for the first). */
  waitedMs: number;
  requestId?: string;
  /** The error body was longer than the client reads: the error holds its first bytes only. */
  bodyTruncated?: boolean;
}

/** Account balance from `x-venice-balance-usd` / `x-venice-balance-diem`. */
export interface VeniceBalance {
  usd?: number;
  diem?: number;
}

/** Deprecation and retirement signals from the response headers. */
export interface VeniceDeprecation {
  warning?: string;
  date?: string;
  replacement?: string;
  sunset?: string;
  link?: string;
}

/** The optional details of an error; `VeniceErrorInit` and `toJSON()` share them. */
export interface VeniceErrorDetails {
  /** A structured code the server sent, kept even when the catalog does not know it. */
  serverCode?: string;
  retryAfterMs?: number;
  requestId?: string;
  creditsRefunded?: boolean;
  recommendedModel?: string;
  suggestedPrompt?: string;
  fieldErrors?: VeniceFieldErrors;
  issues?: unknown[];
  rateLimit?: VeniceRateLimit;
  balance?: VeniceBalance;
  deprecation?: VeniceDeprecation;
  attempts?: VeniceAttempt[];
  /** What a stream delivered before it failed (e.g. the Responses API's partial text and items). */
  partialOutput?: unknown;
  /** The parsed body (or raw text), intact. */
  body?: unknown;
}

/** Everything a `VeniceError` can be built from; only `code` is required. */
export interface VeniceErrorInit extends VeniceErrorDetails {
  code: VeniceErrorCode;
  /** Real HTTP status; defaults to the catalog's. 0 means no HTTP answer. */
  status?: number;
  /** Defaults to the catalog's message. */
  message?: string;
  retryable?: boolean;
  /** Response headers; details not given are derived from them and the body when first read. */
  headers?: HeadersLike;
  matchedBy?: VeniceMatchSource;
  cause?: unknown;
  /** Clock (epoch ms) for relative rate-limit resets and HTTP dates (default `Date.now()`). */
  now?: number;
}

/** The plain-JSON form of a `VeniceError` (`toJSON()`): safe to log and to send to a browser. */
export interface SerializedVeniceError extends VeniceErrorDetails {
  name: "VeniceError";
  code: VeniceErrorCode;
  status: number;
  message: string;
  matchedBy: VeniceMatchSource;
  retryable: boolean;
  category: VeniceErrorCategory;
  userAction: VeniceUserAction;
  docsUrl: string;
  /** Only headers a front end may see: request id, rate limits, retry-after, balance, deprecation. */
  headers?: Record<string, string>;
}

/** The fields `toJSON()` writes after `name`, in order (`headers` is filtered separately). */
const SERIALIZED = [
  "code",
  "status",
  "message",
  "matchedBy",
  "retryable",
  "category",
  "userAction",
  "docsUrl",
  "serverCode",
  "retryAfterMs",
  "requestId",
  "creditsRefunded",
  "recommendedModel",
  "suggestedPrompt",
  "fieldErrors",
  "issues",
  "rateLimit",
  "balance",
  "deprecation",
  "attempts",
  "partialOutput",
  "body",
] as const satisfies ReadonlyArray<keyof SerializedVeniceError>;

/** Headers worth relaying to a front end; everything else (internal, cookies, auth) stays on the server. */
export const PUBLIC_HEADER =
  /^(content-type|retry-after(-ms)?|x-request-id|cf-ray|x-ratelimit-[a-z-]+|x-venice-(balance-(usd|diem)|version|model-deprecation-(warning|date)|deprecated(-replacement)?)|deprecation|sunset|link)$/;

/**
 * The one error type of venice-errors: a Venice API failure (or a client-side one) with its
 * documented code, real status, retry decision and every detail the server sent. Details are
 * worked out from the body and headers when first read, so making one is cheap.
 */
export class VeniceError extends Error {
  declare readonly [BRAND]: true;
  declare readonly name: "VeniceError";
  // `declare`: assigned in the constructor only (no class-field initialisation pass).
  declare readonly code: VeniceErrorCode;
  /** Real HTTP status (0: no HTTP answer). In-stream errors keep the stream's 200. */
  declare readonly status: number;
  declare readonly retryable: boolean;
  declare readonly matchedBy: VeniceMatchSource;
  /** Every try a client made, filled by clients. */
  declare attempts: VeniceAttempt[];
  /** What a stream delivered before it failed; set by clients (e.g. the Responses stream). */
  declare partialOutput?: unknown;
  /** A structured code the server sent, kept even when the catalog does not know it. */
  declare readonly serverCode?: string;
  /** The parsed body (or raw text), intact. */
  declare readonly body?: unknown;
  /** The server's wait hint: `Retry-After`, `retry-after-ms`, `retry_after`, "Please wait 30s", or the exhausted limit's reset. */
  declare readonly retryAfterMs?: number;
  /** `x-request-id`, then the body's `request_id` or the id in the message, then `CF-RAY`. */
  declare readonly requestId?: string;
  declare readonly creditsRefunded?: boolean;
  declare readonly recommendedModel?: string;
  declare readonly suggestedPrompt?: string;
  /** Validation messages by dotted field path, from the body's `details` and `issues`. */
  declare readonly fieldErrors: VeniceFieldErrors;
  /** The raw zod issues of a validation body. */
  declare readonly issues?: unknown[];
  /** Rate-limit headers, parsed (reset times as epoch ms). */
  declare readonly rateLimit?: VeniceRateLimit;
  declare readonly balance?: VeniceBalance;
  declare readonly deprecation?: VeniceDeprecation;
  /** Response headers with lower-case names; credentials (Authorization, cookies, keys) removed. */
  declare readonly headers: Record<string, string>;

  // Private: never shown by console.log or serialised, so raw headers (credentials) stay here.
  #init: VeniceErrorInit;
  #source: DetailSource | undefined;

  constructor(init: VeniceErrorInit) {
    const entry = catalog[isVeniceErrorCode(init.code) ? init.code : "UNKNOWN_ERROR"];
    const text = String(init.message || entry.message);
    super(
      // The catalog's own text holds no credential (tested): only other texts are redacted.
      text === entry.message ? text : redactText(text),
      init.cause === undefined ? undefined : { cause: redactCause(init.cause) },
    );
    // The fields are set by a helper so that this constructor stays small enough for a runtime to
    // inline it into its caller: capturing the stack trace (most of the cost of an error) then
    // walks fewer frames.
    assignFields(this, init, entry);
    this.#init = init;
  }

  static {
    // Each detail not given at construction is derived on first read, then kept as an own
    // property (shadowing this getter), so later reads and `console.log` see a plain field.
    for (const key of Object.keys(DERIVED) as DerivedField[]) {
      Object.defineProperty(VeniceError.prototype, key, {
        configurable: true,
        get(this: VeniceError) {
          // `init.headers` is the raw input the safe `headers` are derived from, not a value.
          let value = key === "headers" ? undefined : this.#init[key];
          if (value === undefined) {
            try {
              this.#source ??= {
                raw: this.#init.headers,
                read: headerReader(this.#init.headers),
                now: this.#init.now ?? Date.now(),
              };
              value = DERIVED[key](this, this.#source);
            } catch {
              // Hostile headers or bodies (throwing getters, revoked proxies) yield no detail.
              value = key === "headers" || key === "fieldErrors" ? {} : undefined;
            }
          }
          Object.defineProperty(this, key, {
            value,
            enumerable: value !== undefined,
            writable: true,
            configurable: true,
          });
          return value;
        },
      });
    }
  }

  /** Node's `console.log`/`util.inspect`: work out every detail first, so the log shows them. */
  [Symbol.for("nodejs.util.inspect.custom")](): this {
    for (const key of Object.keys(DERIVED) as DerivedField[]) void this[key];
    return this;
  }

  /** The catalog row of this error's code. */
  get entry(): VeniceCatalogEntry {
    return catalog[this.code];
  }
  // The row's category, userAction, logLevel and docsUrl: getters on the prototype (see below).
  declare readonly category: VeniceErrorCategory;
  declare readonly userAction: VeniceUserAction;
  declare readonly logLevel: VeniceLogLevel;
  declare readonly docsUrl: string;

  /** True for `VeniceError`s of any copy of this package (checks a `Symbol.for` brand, not the class). */
  static isInstance(value: unknown): value is VeniceError {
    return (
      typeof value === "object" &&
      value !== null &&
      (value as { [BRAND]?: unknown })[BRAND] === true
    );
  }

  /**
   * A plain object that is safe to log and to send to a browser; `toVeniceError` revives it.
   * Total: the body and other details are copied bounded and credential-free (see `redactValue`),
   * so `JSON.stringify` never throws. This, not `structuredClone`, is how an error crosses a
   * boundary (worker, `postMessage`, HTTP): revive it on the other side with `toVeniceError`.
   */
  toJSON(): SerializedVeniceError {
    const json: Record<string, unknown> = { name: "VeniceError" };
    for (const key of SERIALIZED) {
      const value = redactValue(this[key]);
      // Empty field errors and attempts say nothing; leave them out.
      const empty =
        (key === "fieldErrors" || key === "attempts") && Object.keys(value ?? {}).length === 0;
      // `null` details (a hostile relayed form's `fieldErrors: null`) say nothing either.
      if (value != null && !empty) json[key] = value;
    }
    const headers = Object.entries(this.headers).filter(([name]) => PUBLIC_HEADER.test(name));
    if (headers.length > 0) json.headers = Object.fromEntries(headers);
    return json as unknown as SerializedVeniceError;
  }
}

// On the prototype, so the stack trace's first line already says VeniceError.
for (const [key, value] of [
  ["name", "VeniceError"],
  [BRAND, true],
] as const) {
  Object.defineProperty(VeniceError.prototype, key, { value, writable: true, configurable: true });
}
// The catalog row's fields, read through the code (one getter each, not four copies).
for (const key of ["category", "userAction", "logLevel", "docsUrl"] as const) {
  Object.defineProperty(VeniceError.prototype, key, {
    get(this: VeniceError) {
      return catalog[this.code][key];
    },
    configurable: true,
  });
}

/** The constructor's fields, in the order they always had (as own properties). */
function assignFields(
  fields: { -readonly [K in keyof VeniceError]: VeniceError[K] },
  init: VeniceErrorInit,
  entry: VeniceCatalogEntry,
): void {
  // 0 (no answer) or a real HTTP status; anything else (Infinity, 1000, 2.5) is the catalog's.
  const status = init.status === 0 ? 0 : (httpStatus(init.status) ?? entry.status);
  fields.code = entry.code;
  fields.status = status;
  // An unknown error is retryable as its status says (a 404 page is not, a 502 is).
  fields.retryable =
    init.retryable ??
    (entry.code === "UNKNOWN_ERROR" && status > 0
      ? statusIsRetryable(status, entry.code)
      : entry.retryable);
  fields.matchedBy = init.matchedBy ?? "client";
  fields.attempts = init.attempts ?? [];
  if (init.serverCode !== undefined) fields.serverCode = init.serverCode;
  if (init.body !== undefined) fields.body = init.body;
  if (init.partialOutput !== undefined) fields.partialOutput = init.partialOutput;
}

/** True for a `VeniceError` from any copy of this package. */
export function isVeniceError(value: unknown): value is VeniceError {
  return VeniceError.isInstance(value);
}
