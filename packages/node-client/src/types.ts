/** A chat message (OpenAI-compatible). */
export interface ChatMessage {
  role: "system" | "user" | "assistant" | "tool" | (string & {});
  content: string | Array<Record<string, unknown>> | null;
  name?: string;
  tool_calls?: unknown[];
  tool_call_id?: string;
}

/** Parameters of `POST /chat/completions`; Venice-specific fields pass through. */
export interface ChatCompletionCreateParams {
  model: string;
  messages: ChatMessage[];
  stream?: boolean | null;
  temperature?: number;
  max_tokens?: number;
  max_completion_tokens?: number;
  /** Venice extensions such as `include_venice_system_prompt`, `character_slug`. */
  venice_parameters?: Record<string, unknown>;
  [parameter: string]: unknown;
}

/** Token usage of a completion. */
export interface CompletionUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  [field: string]: unknown;
}

/** A non-streamed chat completion. */
export interface ChatCompletion {
  id: string;
  object: "chat.completion" | (string & {});
  created: number;
  model: string;
  choices: Array<{
    index: number;
    message: {
      role: string;
      content: string | null;
      reasoning_content?: string | null;
      tool_calls?: unknown[];
    };
    finish_reason: string | null;
  }>;
  usage?: CompletionUsage;
  [field: string]: unknown;
}

/** One chunk of a streamed chat completion. */
export interface ChatCompletionChunk {
  id: string;
  object: "chat.completion.chunk" | (string & {});
  created: number;
  model: string;
  choices: Array<{
    index: number;
    delta: { role?: string; content?: string | null; reasoning_content?: string | null };
    finish_reason: string | null;
  }>;
  usage?: CompletionUsage | null;
  [field: string]: unknown;
}

/** One model of `GET /models`. */
export interface VeniceModel {
  id: string;
  object: "model" | (string & {});
  created?: number;
  owned_by?: string;
  type?: string;
  model_spec?: Record<string, unknown>;
  [field: string]: unknown;
}

/** The answer of `GET /models`. */
export interface VeniceModelList {
  object: "list" | (string & {});
  data: VeniceModel[];
  [field: string]: unknown;
}

/** Query of `GET /models`. */
export interface ModelListParams {
  /** `text`, `image`, `embedding`, `tts`, `upscale`, `all`, … */
  type?: string;
}

/** Parameters of `POST /image/generate` (Venice's native image endpoint). */
export interface ImageGenerateParams {
  model: string;
  prompt: string;
  negative_prompt?: string;
  width?: number;
  height?: number;
  steps?: number;
  seed?: number;
  format?: "png" | "jpeg" | "webp";
  safe_mode?: boolean;
  [parameter: string]: unknown;
}

/** The answer of `POST /image/generate`: base64 images. */
export interface ImageGenerateResponse {
  id: string;
  images: string[];
  timing?: Record<string, number>;
  [field: string]: unknown;
}
