import { readJson } from "../answers.js";
import type { VeniceCaller } from "../caller.js";
import type { VeniceRequestOptions } from "../options.js";

/** Parameters of `POST /embeddings`. */
export interface EmbeddingCreateParams {
  /** `text-embedding-bge-m3`, … */
  model: string;
  /** A string, strings, or token arrays (at most 2048 items, 8192 tokens). */
  input: string | string[] | number[] | number[][];
  dimensions?: number;
  encoding_format?: "float" | "base64";
  /** Accepted for OpenAI compatibility; Venice discards it. */
  user?: string;
}

/** One embedding: a vector, or base64 with `encoding_format: "base64"`. */
export interface Embedding {
  object: "embedding";
  index: number;
  embedding: number[] | string;
}

/** The answer of `POST /embeddings`. */
export interface CreateEmbeddingResponse {
  object: "list";
  model: string;
  data: Embedding[];
  usage: { prompt_tokens: number; total_tokens: number };
}

/** `client.embeddings`. */
export interface VeniceEmbeddings {
  /** `POST /embeddings`. */
  create(
    params: EmbeddingCreateParams,
    options?: VeniceRequestOptions,
  ): Promise<CreateEmbeddingResponse>;
}

export function createEmbeddings(caller: VeniceCaller): VeniceEmbeddings {
  return {
    create: (params, options = {}) =>
      caller.call(
        "POST",
        "/embeddings",
        { ...options, body: params },
        readJson,
      ) as Promise<CreateEmbeddingResponse>,
  };
}
