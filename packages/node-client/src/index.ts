export {
  createVeniceClient,
  type VeniceClient,
  type VeniceClientOptions,
  type VeniceRawRequestOptions,
} from "./client.js";
export type {
  CoordinatedOutcome,
  CoordinatedTry,
  CoordinatorDecision,
  VeniceCoordinator,
} from "./coordinator.js";
export { delay } from "./delay.js";
export {
  VENICE_DIAGNOSTICS_CHANNELS,
  type VeniceRequestMessage,
  type VeniceStreamEndMessage,
  type VeniceStreamErrorMessage,
  type VeniceStreamMessage,
  type VeniceTokenUsage,
  type VeniceTryMessage,
} from "./diagnostics.js";
export {
  createFailureBudget,
  type FailureBudget,
  type FailureBudgetOptions,
} from "./failure-budget.js";
export type {
  VeniceLogger,
  VeniceRequestOptions,
  VeniceRetryEvent,
  VeniceRetryOptions,
  VeniceTransportOptions,
} from "./options.js";
export { type SseEvent, SseParser } from "./sse.js";
export { VeniceStream } from "./stream.js";
export type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParams,
  ChatMessage,
  CompletionUsage,
  ImageGenerateParams,
  ImageGenerateResponse,
  ModelListParams,
  VeniceModel,
  VeniceModelList,
} from "./types.js";
export { createVeniceFetch, type VeniceFetch, type VeniceFetchOptions } from "./venice-fetch.js";
