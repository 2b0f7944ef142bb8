// The OpenTelemetry names this package writes, in one place. The GenAI conventions are still
// "development" status: @opentelemetry/semantic-conventions has them only on its `incubating`
// entry point, which its maintainers ask libraries not to depend on (it changes in minor
// releases) but to copy, as here. The HTTP, server and error names are stable.

/** Span and metric attribute names. */
export const ATTR = {
  GEN_AI_OPERATION_NAME: "gen_ai.operation.name",
  GEN_AI_PROVIDER_NAME: "gen_ai.provider.name",
  GEN_AI_REQUEST_MODEL: "gen_ai.request.model",
  GEN_AI_RESPONSE_MODEL: "gen_ai.response.model",
  GEN_AI_RESPONSE_ID: "gen_ai.response.id",
  GEN_AI_RESPONSE_FINISH_REASONS: "gen_ai.response.finish_reasons",
  GEN_AI_USAGE_INPUT_TOKENS: "gen_ai.usage.input_tokens",
  GEN_AI_USAGE_OUTPUT_TOKENS: "gen_ai.usage.output_tokens",
  GEN_AI_TOKEN_TYPE: "gen_ai.token.type",
  GEN_AI_INPUT_MESSAGES: "gen_ai.input.messages",
  GEN_AI_OUTPUT_MESSAGES: "gen_ai.output.messages",
  SERVER_ADDRESS: "server.address",
  SERVER_PORT: "server.port",
  HTTP_RESPONSE_STATUS_CODE: "http.response.status_code",
  HTTP_REQUEST_RESEND_COUNT: "http.request.resend_count",
  ERROR_TYPE: "error.type",
  /** Venice-specific: whether the client retried after this error. */
  VENICE_RETRIED: "venice.retried",
  /** Venice-specific: the try a retry event describes (1 = the first). */
  VENICE_ATTEMPT: "venice.attempt",
  /** Venice-specific: the wait before the next try, in ms. */
  VENICE_RETRY_DELAY_MS: "venice.retry.delay_ms",
  /** Venice-specific: how long the coordinator held a try before it was sent, in ms. */
  VENICE_COORDINATOR_WAIT_MS: "venice.coordinator.wait_ms",
  /** Venice-specific: false when the caller stopped reading a stream before its end. */
  VENICE_STREAM_COMPLETED: "venice.stream.completed",
} as const;

/** Request parameters recorded as `gen_ai.request.*` (numbers only): body field -> attribute. */
export const REQUEST_PARAMETERS: ReadonlyArray<readonly [field: string, attribute: string]> = [
  ["temperature", "gen_ai.request.temperature"],
  ["top_p", "gen_ai.request.top_p"],
  ["max_tokens", "gen_ai.request.max_tokens"],
  ["max_completion_tokens", "gen_ai.request.max_tokens"],
  ["max_output_tokens", "gen_ai.request.max_tokens"],
  ["frequency_penalty", "gen_ai.request.frequency_penalty"],
  ["presence_penalty", "gen_ai.request.presence_penalty"],
  ["seed", "gen_ai.request.seed"],
];

/** `gen_ai.provider.name` for every span and metric of this package. */
export const PROVIDER_NAME = "venice";

/** Span event names. */
export const EVENT = {
  /** A try failed and the client retries after `venice.retry.delay_ms`. */
  RETRY: "venice.retry",
  /**
   * The coordinator held a try for `venice.coordinator.wait_ms` (a cooldown or rate-limit reset
   * shared with other requests or processes); recorded after that try.
   */
  COORDINATOR_WAIT: "venice.coordinator.wait",
  /** A stream's first event arrived (from here on it is not retried). */
  STREAM_FIRST_EVENT: "venice.stream.first_event",
} as const;

/** Metric names, units and descriptions. */
export const METRIC = {
  OPERATION_DURATION: {
    name: "gen_ai.client.operation.duration",
    unit: "s",
    description: "GenAI operation duration",
    // The bucket boundaries the GenAI conventions advise for this histogram.
    buckets: [
      0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92,
    ],
  },
  TOKEN_USAGE: {
    name: "gen_ai.client.token.usage",
    unit: "{token}",
    description: "Number of input and output tokens used",
    buckets: [
      1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864,
    ],
  },
  ERRORS: {
    name: "venice.client.errors",
    unit: "{error}",
    description: "Venice API errors by code (error.type) and whether the client retried them",
  },
} as const;
