import {
  catalog,
  type VeniceCatalogEntry,
  type VeniceErrorCategory,
  type VeniceErrorCode,
  type VeniceLogLevel,
  type VeniceUserAction,
} from "./catalog.js";
import type { VeniceMatchSource } from "./classify.js";
import { bodyIssues, fieldErrorsFromBody, type VeniceFieldErrors } from "./field-errors.js";
import { type HeadersLike, headerReader, safeHeaders } from "./headers.js";
import { readRateLimit, type VeniceRateLimit } from "./rate-limit.js";
import { redactText } from "./redact.js";

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

/** Everything a `VeniceError` can be built from; only `code` is required. */
export interface VeniceErrorInit {
  code: VeniceErrorCode;
  /** Real HTTP status; defaults to the catalog's. 0 means no HTTP answer. */
  status?: number;
  /** Defaults to the catalog's message. */
  message?: string;
  serverCode?: string;
  retryable?: boolean;
  retryAfterMs?: number;
  requestId?: string;
  creditsRefunded?: boolean;
  recommendedModel?: string;
  suggestedPrompt?: string;
  /** Computed from `body` when omitted. */
  fieldErrors?: VeniceFieldErrors;
  issues?: unknown[];
  /** Computed from `headers` when omitted. */
  rateLimit?: VeniceRateLimit;
  balance?: VeniceBalance;
  deprecation?: VeniceDeprecation;
  body?: unknown;
  headers?: HeadersLike;
  matchedBy?: VeniceMatchSource;
  attempts?: VeniceAttempt[];
  cause?: unknown;
  /** Clock for relative rate-limit resets (default `Date.now()`). */
  now?: number;
}

/** The plain-JSON form of a `VeniceError` (`toJSON()`): safe to log and to send to a browser. */
export interface SerializedVeniceError {
  name: "VeniceError";
  code: VeniceErrorCode;
  status: number;
  message: string;
  matchedBy: VeniceMatchSource;
  retryable: boolean;
  category: VeniceErrorCategory;
  userAction: VeniceUserAction;
  docsUrl: string;
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
  body?: unknown;
  headers?: Record<string, string>;
}

/** Headers worth relaying to a front end; everything else (internal, cookies, auth) stays on the server. */
const PUBLIC_HEADER =
  /^(content-type|retry-after|retry-after-ms|x-request-id|cf-ray|x-ratelimit-[a-z-]+|x-venice-balance-(usd|diem)|x-venice-version|x-venice-model-deprecation-(warning|date)|x-venice-deprecated(-replacement)?|deprecation|sunset|link)$/;

/**
 * The one error type of venice-errors: a Venice API failure (or a client-side one) with its
 * documented code, real status, retry decision and every detail the server sent.
 */
export class VeniceError extends Error {
  declare readonly [BRAND]: true;
  declare readonly name: "VeniceError";
  readonly code: VeniceErrorCode;
  /** Real HTTP status (0: no HTTP answer). In-stream errors keep the stream's 200. */
  readonly status: number;
  readonly serverCode?: string;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly requestId?: string;
  readonly creditsRefunded?: boolean;
  readonly recommendedModel?: string;
  readonly suggestedPrompt?: string;
  readonly issues?: unknown[];
  readonly balance?: VeniceBalance;
  readonly deprecation?: VeniceDeprecation;
  /** The parsed body (or raw text), intact. */
  readonly body?: unknown;
  readonly matchedBy: VeniceMatchSource;
  /** Every try a client made, filled by clients. */
  attempts: VeniceAttempt[];

  #rawHeaders: HeadersLike | undefined;
  #headers: Record<string, string> | undefined;
  #fieldErrors: VeniceFieldErrors | undefined;
  #rateLimit: VeniceRateLimit | null | undefined;
  #now: number | undefined;

  constructor(init: VeniceErrorInit) {
    const entry = catalog[init.code] ?? catalog.UNKNOWN_ERROR;
    super(
      redactText(init.message || entry.message),
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.code = entry.code;
    this.status = init.status ?? entry.status;
    this.retryable = init.retryable ?? entry.retryable;
    this.matchedBy = init.matchedBy ?? "client";
    this.attempts = init.attempts ?? [];
    if (init.serverCode !== undefined) this.serverCode = init.serverCode;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    if (init.requestId !== undefined) this.requestId = init.requestId;
    if (init.creditsRefunded !== undefined) this.creditsRefunded = init.creditsRefunded;
    if (init.recommendedModel !== undefined) this.recommendedModel = init.recommendedModel;
    if (init.suggestedPrompt !== undefined) this.suggestedPrompt = init.suggestedPrompt;
    if (init.balance !== undefined) this.balance = init.balance;
    if (init.deprecation !== undefined) this.deprecation = init.deprecation;
    if (init.body !== undefined) this.body = init.body;
    const issues = init.issues ?? bodyIssues(init.body);
    if (issues !== undefined) this.issues = issues;
    this.#rawHeaders = init.headers;
    this.#fieldErrors = init.fieldErrors;
    this.#rateLimit = init.rateLimit;
    this.#now = init.now;
  }

  /** The catalog row of this error's code. */
  get entry(): VeniceCatalogEntry {
    return catalog[this.code];
  }
  get category(): VeniceErrorCategory {
    return catalog[this.code].category;
  }
  get userAction(): VeniceUserAction {
    return catalog[this.code].userAction;
  }
  get logLevel(): VeniceLogLevel {
    return catalog[this.code].logLevel;
  }
  get docsUrl(): string {
    return catalog[this.code].docsUrl;
  }

  /** Response headers with lower-case names; credentials (Authorization, cookies, keys) removed. */
  get headers(): Record<string, string> {
    this.#headers ??= safeHeaders(this.#rawHeaders);
    return this.#headers;
  }

  /** Validation messages by dotted field path, from the body's `details` and `issues`. */
  get fieldErrors(): VeniceFieldErrors {
    this.#fieldErrors ??= fieldErrorsFromBody(this.body);
    return this.#fieldErrors;
  }

  /** Rate-limit headers of the response, parsed (reset times as epoch ms). */
  get rateLimit(): VeniceRateLimit | undefined {
    if (this.#rateLimit === undefined) {
      this.#rateLimit =
        readRateLimit(headerReader(this.#rawHeaders), this.#now ?? Date.now()) ?? null;
    }
    return this.#rateLimit ?? undefined;
  }

  /** True for `VeniceError`s of any copy of this package (checks a `Symbol.for` brand, not the class). */
  static isInstance(value: unknown): value is VeniceError {
    return (
      typeof value === "object" &&
      value !== null &&
      (value as { [BRAND]?: unknown })[BRAND] === true
    );
  }

  /** A plain object that is safe to log and to send to a browser; `toVeniceError` revives it. */
  toJSON(): SerializedVeniceError {
    const json: SerializedVeniceError = {
      name: "VeniceError",
      code: this.code,
      status: this.status,
      message: this.message,
      matchedBy: this.matchedBy,
      retryable: this.retryable,
      category: this.category,
      userAction: this.userAction,
      docsUrl: this.docsUrl,
    };
    if (this.serverCode !== undefined) json.serverCode = this.serverCode;
    if (this.retryAfterMs !== undefined) json.retryAfterMs = this.retryAfterMs;
    if (this.requestId !== undefined) json.requestId = this.requestId;
    if (this.creditsRefunded !== undefined) json.creditsRefunded = this.creditsRefunded;
    if (this.recommendedModel !== undefined) json.recommendedModel = this.recommendedModel;
    if (this.suggestedPrompt !== undefined) json.suggestedPrompt = this.suggestedPrompt;
    const fieldErrors = this.fieldErrors;
    if (Object.keys(fieldErrors).length > 0) json.fieldErrors = fieldErrors;
    if (this.issues !== undefined) json.issues = this.issues;
    const rateLimit = this.rateLimit;
    if (rateLimit !== undefined) json.rateLimit = rateLimit;
    if (this.balance !== undefined) json.balance = this.balance;
    if (this.deprecation !== undefined) json.deprecation = this.deprecation;
    if (this.attempts.length > 0) json.attempts = this.attempts;
    if (this.body !== undefined) json.body = this.body;
    const headers = Object.entries(this.headers).filter(([name]) => PUBLIC_HEADER.test(name));
    if (headers.length > 0) json.headers = Object.fromEntries(headers);
    return json;
  }
}

// On the prototype, so the stack trace's first line already says VeniceError.
Object.defineProperty(VeniceError.prototype, "name", { value: "VeniceError", writable: true });
Object.defineProperty(VeniceError.prototype, BRAND, { value: true });

/** True for a `VeniceError` from any copy of this package. */
export function isVeniceError(value: unknown): value is VeniceError {
  return VeniceError.isInstance(value);
}
