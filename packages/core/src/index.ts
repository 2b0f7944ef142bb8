export { type VeniceActionFailure, veniceActionError } from "./action-error.js";
export {
  ALL_VENICE_ERROR_CODES,
  catalog,
  isVeniceErrorCode,
  VENICE_ERROR_CODES,
  VENICE_EXTRA_ERROR_CODES,
  type VeniceCatalogEntry,
  type VeniceErrorCategory,
  type VeniceErrorCode,
  type VeniceLogLevel,
  type VeniceTableCode,
  type VeniceUserAction,
} from "./catalog.js";
export type { VeniceMatchSource } from "./classify.js";
export {
  type VeniceErrorAnswer,
  veniceErrorAnswer,
  veniceErrorResponse,
} from "./error-response.js";
export type { VeniceFieldErrors } from "./field-errors.js";
export { type FormatOptions, formatVeniceError, type VeniceErrorMessage } from "./format.js";
export { MAX_DETAIL_LENGTH } from "./format-detail.js";
export { type HeadersLike, isSecretHeader, safeHeaders } from "./headers.js";
export {
  registerVeniceLocale,
  type VeniceLocale,
  veniceLocaleTexts,
} from "./locales/registry.js";
export type { VeniceLocaleTexts } from "./locales/types.js";
export { parseVeniceError } from "./parse-venice-error.js";
export { parseRateLimitHeaders, type VeniceRateLimit } from "./rate-limit.js";
export { redactText, redactUrl, redactValue } from "./redact.js";
export { relayableVeniceError } from "./relayable.js";
export {
  DEFAULT_RETRY_POLICY,
  MAX_TIMER_MS,
  type RetryPolicy,
  retryDelay,
} from "./retry-delay.js";
export {
  type IsRetryableOptions,
  isRetryable,
  statusIsRetryable,
  wasNeverSent,
} from "./retryable.js";
export {
  createVeniceErrorSerializer,
  type ErrorSerializer,
  type SerializedErrorLog,
  type SerializedVeniceErrorLog,
  standardErrorSerializer,
  veniceErrorSerializer,
} from "./serializer.js";
export { veniceStreamErrorText } from "./stream-error-text.js";
export {
  type ToVeniceErrorOptions,
  toVeniceError,
  type VeniceResponseLike,
} from "./to-venice-error.js";
export {
  isVeniceError,
  type SerializedVeniceError,
  type VeniceAttempt,
  type VeniceBalance,
  type VeniceDeprecation,
  VeniceError,
  type VeniceErrorInit,
} from "./venice-error.js";
