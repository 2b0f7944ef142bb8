import {
  catalog,
  isVeniceErrorCode,
  type VeniceCatalogEntry,
  type VeniceErrorCategory,
  type VeniceErrorCode,
  type VeniceLogLevel,
  type VeniceUserAction,
} from "./catalog.js";
import { errorObject, isRecord, type VeniceMatchSource } from "./classify.js";
import { bodyIssues, fieldErrorsFromBody, type VeniceFieldErrors } from "./field-errors.js";
import { type HeaderReader, type HeadersLike, headerReader, safeHeaders } from "./headers.js";
import { toNumber } from "./numbers.js";
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

function str(value: unknown): string | undefined {
  return typeof value === "string" && value ? value : undefined;
}

function requestIdOf(read: HeaderReader, body: unknown, message: string): string | undefined {
  const inner = isRecord(body) ? errorObject(body) : undefined;
  return (
    read("x-request-id") ??
    str(inner?.request_id) ??
    (isRecord(body) ? str(body.request_id) : undefined) ??
    /request id:?\s*([\w-]{6,})/i.exec(message)?.[1] ??
    read("cf-ray")
  );
}

function balanceOf(read: HeaderReader): VeniceBalance | null {
  const usd = toNumber(read("x-venice-balance-usd"));
  const diem = toNumber(read("x-venice-balance-diem"));
  if (usd === undefined && diem === undefined) return null;
  const balance: VeniceBalance = {};
  if (usd !== undefined) balance.usd = usd;
  if (diem !== undefined) balance.diem = diem;
  return balance;
}

const DEPRECATION_HEADERS: ReadonlyArray<readonly [string, keyof VeniceDeprecation]> = [
  ["x-venice-model-deprecation-warning", "warning"],
  ["x-venice-deprecated", "warning"],
  ["deprecation", "date"],
  ["x-venice-model-deprecation-date", "date"],
  ["x-venice-deprecated-replacement", "replacement"],
  ["sunset", "sunset"],
  ["link", "link"],
];

function deprecationOf(read: HeaderReader): VeniceDeprecation | null {
  let result: VeniceDeprecation | null = null;
  for (const [header, field] of DEPRECATION_HEADERS) {
    const value = read(header);
    if (value !== undefined) {
      result ??= {};
      result[field] = value;
    }
  }
  return result;
}

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
  readonly retryable: boolean;
  // Optional fields are own properties only when set (`declare`: no field initialiser).
  declare readonly serverCode?: string;
  declare readonly retryAfterMs?: number;
  declare readonly creditsRefunded?: boolean;
  declare readonly recommendedModel?: string;
  declare readonly suggestedPrompt?: string;
  declare readonly issues?: unknown[];
  /** The parsed body (or raw text), intact. */
  declare readonly body?: unknown;
  readonly matchedBy: VeniceMatchSource;
  /** Every try a client made, filled by clients. */
  attempts: VeniceAttempt[];

  #rawHeaders: HeadersLike | undefined;
  #read: HeaderReader | undefined;
  #requestId: string | null | undefined;
  #headers: Record<string, string> | undefined;
  #fieldErrors: VeniceFieldErrors | undefined;
  #rateLimit: VeniceRateLimit | null | undefined;
  #balance: VeniceBalance | null | undefined;
  #deprecation: VeniceDeprecation | null | undefined;
  #now: number | undefined;

  constructor(init: VeniceErrorInit) {
    const entry = isVeniceErrorCode(init.code) ? catalog[init.code] : catalog.UNKNOWN_ERROR;
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
    if (init.creditsRefunded !== undefined) this.creditsRefunded = init.creditsRefunded;
    if (init.recommendedModel !== undefined) this.recommendedModel = init.recommendedModel;
    if (init.suggestedPrompt !== undefined) this.suggestedPrompt = init.suggestedPrompt;
    if (init.body !== undefined) this.body = init.body;
    const issues = init.issues ?? bodyIssues(init.body);
    if (issues !== undefined) this.issues = issues;
    this.#rawHeaders = init.headers;
    this.#requestId = init.requestId;
    this.#fieldErrors = init.fieldErrors;
    this.#rateLimit = init.rateLimit;
    this.#balance = init.balance;
    this.#deprecation = init.deprecation;
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

  #reader(): HeaderReader {
    this.#read ??= headerReader(this.#rawHeaders);
    return this.#read;
  }

  /** `x-request-id`, then the body's `request_id` or the id inside the message, then `CF-RAY`. */
  get requestId(): string | undefined {
    if (this.#requestId === undefined) {
      this.#requestId = requestIdOf(this.#reader(), this.body, this.message) ?? null;
    }
    return this.#requestId ?? undefined;
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
      this.#rateLimit = readRateLimit(this.#reader(), this.#now ?? Date.now()) ?? null;
    }
    return this.#rateLimit ?? undefined;
  }

  /** Account balance from `x-venice-balance-usd` / `x-venice-balance-diem`. */
  get balance(): VeniceBalance | undefined {
    if (this.#balance === undefined) this.#balance = balanceOf(this.#reader());
    return this.#balance ?? undefined;
  }

  /** Deprecation and retirement headers (`Deprecation`, `Sunset`, `Link`, `x-venice-*deprecat*`). */
  get deprecation(): VeniceDeprecation | undefined {
    if (this.#deprecation === undefined) {
      this.#deprecation = deprecationOf(this.#reader());
    }
    return this.#deprecation ?? undefined;
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
    const requestId = this.requestId;
    if (requestId !== undefined) json.requestId = requestId;
    if (this.creditsRefunded !== undefined) json.creditsRefunded = this.creditsRefunded;
    if (this.recommendedModel !== undefined) json.recommendedModel = this.recommendedModel;
    if (this.suggestedPrompt !== undefined) json.suggestedPrompt = this.suggestedPrompt;
    const fieldErrors = this.fieldErrors;
    if (Object.keys(fieldErrors).length > 0) json.fieldErrors = fieldErrors;
    if (this.issues !== undefined) json.issues = this.issues;
    const rateLimit = this.rateLimit;
    if (rateLimit !== undefined) json.rateLimit = rateLimit;
    const { balance, deprecation } = this;
    if (balance !== undefined) json.balance = balance;
    if (deprecation !== undefined) json.deprecation = deprecation;
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
