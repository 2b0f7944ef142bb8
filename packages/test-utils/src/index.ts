export {
  CLIENT_SIDE_CODES,
  type ClientSideCode,
  createErrorBody,
  defaultMessageOf,
  defaultShapeOf,
  type ErrorBodyOptions,
  type ErrorShape,
  type FakeFieldErrors,
  type HttpErrorCode,
  isClientSideCode,
  type JsonBody,
  shapesFor,
  x402DiscoveryBody,
} from "./factories/bodies.js";
export {
  createGatewayErrorAnswer,
  createGatewayErrorResponse,
  type GatewayErrorOptions,
  type GatewayStatus,
} from "./factories/gateway.js";
export {
  balanceHeaders,
  type DeprecationHeaderOptions,
  deprecationHeaders,
  exhaustedRateLimitHeaders,
  failureBudgetHeaders,
  formatReset,
  type HeaderRecord,
  type RateLimitHeaderOptions,
  type ResetUnit,
  rateLimitHeaders,
  retryAfterHeader,
  unsuffixedRateLimitHeaders,
  veniceBaseHeaders,
} from "./factories/headers.js";
export { createIdGenerator, type IdGenerator, type IdOptions } from "./factories/ids.js";
export { FAKE_AUDIO, FAKE_MP4_BYTES, fakeAudio, TINY_PNG_BYTES } from "./factories/media.js";
export {
  createErrorAnswer,
  createErrorResponse,
  type ErrorResponseOptions,
  type FakeAnswer,
} from "./factories/responses.js";
export {
  createResponsesSseEvents,
  namedSseEvent,
  type ResponsesStreamOptions,
} from "./factories/responses-stream.js";
export {
  createSseEvents,
  createSseResponse,
  createStreamErrorEvent,
  SSE_DONE,
  type SseResponseOptions,
  type SseStreamOptions,
  sseEvent,
} from "./factories/stream.js";
export {
  chatCompletion,
  chatCompletionChunk,
  DEFAULT_FAKE_MODEL,
  fakeReplyFor,
  imageGeneration,
  modelList,
  TINY_PNG_BASE64,
} from "./factories/success.js";
export { type CreateVeniceErrorOptions, createVeniceError } from "./factories/venice-error.js";
export {
  type VeniceMatcherContext,
  type VeniceMatcherResult,
  type VeniceMatchers,
  veniceMatchers,
} from "./matchers.js";
export type {
  FakeVeniceErrorScript,
  FakeVeniceHandler,
  FakeVeniceHangUpScript,
  FakeVeniceJobScript,
  FakeVeniceRawScript,
  FakeVeniceRequest,
  FakeVeniceRoute,
  FakeVeniceScript,
  FakeVeniceStreamScript,
  FakeVeniceSuccessScript,
} from "./scripts.js";
