export type {
  VeniceBinary,
  VeniceBodyStream,
  VeniceMediaAnswer,
} from "./answers.js";
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
export { isGenerationRequest } from "./generation.js";
export type {
  JobDone,
  JobOptions,
  JobPending,
  JobRef,
  JobResult,
  JobRetrieveParams,
  JobRetrieveResult,
} from "./jobs.js";
export { keyIdOf } from "./key-id.js";
export { createLocalCoordinator, type LocalCoordinatorOptions } from "./local-coordinator.js";
export type {
  VeniceLogger,
  VeniceRequestOptions,
  VeniceRetryEvent,
  VeniceRetryOptions,
  VeniceTransportOptions,
} from "./options.js";
export type { ApiKeyRateLimits, VeniceApiKeys } from "./resources/api-keys.js";
export type {
  AudioQueueParams,
  AudioQueueResponse,
  SpeechCreateParams,
  Transcription,
  TranscriptionCreateParams,
  VeniceAudio,
} from "./resources/audio.js";
export type {
  BillingBalance,
  UsageAnalytics,
  UsageAnalyticsParams,
  UsageByModel,
  VeniceBilling,
} from "./resources/billing.js";
export type {
  CharacterList,
  CharacterListParams,
  CharacterResponse,
  VeniceCharacter,
  VeniceCharacters,
} from "./resources/characters.js";
export type {
  CreateEmbeddingResponse,
  Embedding,
  EmbeddingCreateParams,
  VeniceEmbeddings,
} from "./resources/embeddings.js";
export type {
  ImageEditParams,
  ImageGenerateResult,
  ImageInput,
  ImageMultiEditParams,
  ImageRemoveBackgroundParams,
  ImageRequestOptions,
  ImageUpscaleParams,
  VeniceImage,
  VeniceImages,
} from "./resources/images.js";
export {
  type ResponseCreateParams,
  type ResponseOutputItem,
  type ResponsePartialOutput,
  ResponseStream,
  type ResponseStreamEvent,
  type VeniceResponse,
  type VeniceResponses,
} from "./resources/responses.js";
export type {
  VeniceVideo,
  VideoQueueParams,
  VideoQueueResponse,
} from "./resources/video.js";
export {
  type SseEvent,
  SseEventTooLargeError,
  SseParser,
  type SseParserOptions,
} from "./sse.js";
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
export type { VeniceUpload } from "./uploads.js";
export { createVeniceFetch, type VeniceFetch, type VeniceFetchOptions } from "./venice-fetch.js";
