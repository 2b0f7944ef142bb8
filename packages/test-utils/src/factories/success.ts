import type { IdGenerator } from "./ids.js";

/** A 1×1 transparent PNG, base64: the image every fake generation returns. */
export const TINY_PNG_BASE64 =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

/** The model fakes answer with when the request names none. */
export const DEFAULT_FAKE_MODEL = "venice-uncensored";

type Message = { role?: unknown; content?: unknown };

/** The text of the last user message of a chat request body (string or text parts). */
export function lastUserText(body: unknown): string {
  const messages =
    typeof body === "object" && body !== null ? (body as { messages?: unknown }).messages : [];
  if (!Array.isArray(messages)) return "";
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i] as Message;
    if (message?.role !== "user") continue;
    if (typeof message.content === "string") return message.content;
    if (Array.isArray(message.content)) {
      return message.content
        .map((part: { type?: unknown; text?: unknown }) =>
          part?.type === "text" && typeof part.text === "string" ? part.text : "",
        )
        .join("");
    }
  }
  return "";
}

/** The deterministic reply of the fakes: an echo of the last user message. */
export function fakeReplyFor(body: unknown): string {
  const text = lastUserText(body).trim();
  return text ? `You said: ${text}` : "Hello from the fake Venice API.";
}

/** Splits a reply into stream chunks (words with their leading space), as a model would emit tokens. */
export function splitIntoChunks(text: string): string[] {
  return text.match(/\s*\S+/g) ?? [text];
}

/** Rough token count (about four characters a token), for `usage` and token rate limits. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

/** Options for `chatCompletion`. */
export interface ChatCompletionOptions {
  content: string;
  model?: string;
  id?: string;
  ids?: IdGenerator;
  /** Epoch ms (default `Date.now()`). */
  now?: number;
  promptTokens?: number;
}

/** An OpenAI-compatible `chat.completion` body as Venice returns it. */
export function chatCompletion(options: ChatCompletionOptions) {
  const completionTokens = estimateTokens(options.content);
  const promptTokens = options.promptTokens ?? 10;
  return {
    id: options.id ?? options.ids?.completionId() ?? "chatcmpl-fake",
    object: "chat.completion" as const,
    created: Math.floor((options.now ?? Date.now()) / 1000),
    model: options.model ?? DEFAULT_FAKE_MODEL,
    choices: [
      {
        index: 0,
        message: { role: "assistant" as const, content: options.content, tool_calls: [] },
        finish_reason: "stop" as const,
        logprobs: null,
      },
    ],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    },
    venice_parameters: { include_venice_system_prompt: true, web_search_citations: [] },
  };
}

/** One `chat.completion.chunk` of a streamed completion. */
export function chatCompletionChunk(options: {
  id: string;
  model?: string;
  created: number;
  content?: string;
  first?: boolean;
  finishReason?: "stop" | "length" | null;
}) {
  const delta: { role?: "assistant"; content?: string } = {};
  if (options.first) delta.role = "assistant";
  if (options.content !== undefined) delta.content = options.content;
  return {
    id: options.id,
    object: "chat.completion.chunk" as const,
    created: options.created,
    model: options.model ?? DEFAULT_FAKE_MODEL,
    choices: [{ index: 0, delta, finish_reason: options.finishReason ?? null, logprobs: null }],
  };
}

/** A Venice model list (`GET /models`). */
export function modelList(now: number = Date.now()) {
  const created = Math.floor(now / 1000) - 86_400 * 90;
  const text = (id: string, name: string, contextTokens: number) => ({
    id,
    object: "model" as const,
    type: "text" as const,
    created,
    owned_by: "venice.ai",
    model_spec: {
      name,
      availableContextTokens: contextTokens,
      capabilities: {
        supportsFunctionCalling: true,
        supportsResponseSchema: true,
        supportsVision: false,
        supportsWebSearch: true,
        supportsReasoning: false,
        optimizedForCode: false,
        quantization: "fp8",
      },
      pricing: { input: { usd: 0.5, diem: 0.5 }, output: { usd: 2, diem: 2 } },
      offline: false,
      traits: id === DEFAULT_FAKE_MODEL ? ["default"] : [],
      modelSource: "https://venice.ai",
    },
  });
  return {
    object: "list" as const,
    type: "text" as const,
    data: [
      text(DEFAULT_FAKE_MODEL, "Venice Uncensored", 32_768),
      text("llama-3.3-70b", "Llama 3.3 70B", 65_536),
      text("qwen3-235b", "Qwen 3 235B", 131_072),
    ],
  };
}

/** A Venice image generation answer (`POST /image/generate`). */
export function imageGeneration(options: { ids?: IdGenerator; now?: number } = {}) {
  const now = options.now ?? Date.now();
  return {
    id: `generate-image-${now}-${options.ids?.hex(8) ?? "00000000"}`,
    images: [TINY_PNG_BASE64],
    timing: {
      inferenceDuration: 1234,
      inferencePreprocessingTime: 12,
      inferenceQueueTime: 34,
      total: 1280,
    },
  };
}
