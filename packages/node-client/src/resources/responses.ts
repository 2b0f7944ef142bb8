import { isVeniceError, VeniceError } from "@venice-errors/core";
import { readJson } from "../answers.js";
import type { VeniceCaller } from "../caller.js";
import { errorFromAnswer, headersForError } from "../errors.js";
import type { VeniceRequestOptions } from "../options.js";
import type { VeniceStream } from "../stream.js";

/** Parameters of `POST /responses` (OpenAI-compatible; beta). */
export interface ResponseCreateParams {
  model: string;
  /** A prompt, or the whole conversation as input items (the API is stateless). */
  input: string | Array<Record<string, unknown>>;
  instructions?: string;
  max_output_tokens?: number;
  temperature?: number;
  top_p?: number;
  reasoning?: { effort?: string; summary?: string } | null;
  tools?: Array<Record<string, unknown>>;
  tool_choice?: unknown;
  stream?: boolean | null;
  venice_parameters?: Record<string, unknown>;
  [parameter: string]: unknown;
}

/** One output item: a message, reasoning, a function call, a web search. */
export interface ResponseOutputItem {
  type: "message" | "reasoning" | "function_call" | "web_search_call" | (string & {});
  id: string;
  status?: string;
  role?: string;
  content?: Array<{ type: string; text?: string; annotations?: unknown[] }>;
  [field: string]: unknown;
}

/** A Responses API response object. */
export interface VeniceResponse {
  id: string;
  object: "response";
  created_at: number;
  model: string;
  status: "completed" | "failed" | "in_progress" | "cancelled" | (string & {});
  output: ResponseOutputItem[];
  usage?: {
    input_tokens: number;
    output_tokens: number;
    total_tokens: number;
    [field: string]: unknown;
  };
  error?: { code: string; message: string } | null;
  [field: string]: unknown;
}

/** One event of a streamed response (`response.output_text.delta`, `response.completed`, …). */
export interface ResponseStreamEvent {
  type: string;
  sequence_number?: number;
  delta?: string;
  item?: ResponseOutputItem;
  response?: VeniceResponse;
  [field: string]: unknown;
}

/** What a response delivered before it failed: kept on the error as `partialOutput`. */
export interface ResponsePartialOutput {
  /** The text of every `response.output_text.delta` received. */
  text: string;
  /** Output items completed so far (`response.output_item.done`). */
  output: ResponseOutputItem[];
  /** The last response object seen (`response.created`, `response.in_progress`, …). */
  response: VeniceResponse | undefined;
}

/**
 * A streamed response: iterate its events with `for await`. `response.failed` and `error` events
 * are thrown as `VeniceError`s (the event's code) with `partialOutput` = what arrived before; so
 * is a cut connection (STREAM_INTERRUPTED). Breaking out of the loop closes the connection.
 */
export class ResponseStream implements AsyncIterable<ResponseStreamEvent> {
  readonly #inner: VeniceStream<ResponseStreamEvent>;
  #text = "";
  readonly #output: ResponseOutputItem[] = [];
  #response: VeniceResponse | undefined;

  /** @internal Created by `responses.create`. */
  constructor(inner: VeniceStream<ResponseStreamEvent>) {
    this.#inner = inner;
  }

  /** The response's headers. */
  get headers(): Headers {
    return this.#inner.headers;
  }

  /** `x-request-id`, else `CF-RAY`, of the response. */
  get requestId(): string | undefined {
    return this.#inner.requestId;
  }

  /** The text and items received so far. */
  get partialOutput(): ResponsePartialOutput {
    return { text: this.#text, output: [...this.#output], response: this.#response };
  }

  /** Stops the stream and closes its connection. */
  abort(): void {
    this.#inner.abort();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<ResponseStreamEvent> {
    try {
      for await (const event of this.#inner) {
        this.#observe(event);
        yield event;
      }
    } catch (error) {
      if (isVeniceError(error)) error.partialOutput = this.partialOutput;
      throw error;
    }
  }

  #observe(event: ResponseStreamEvent): void {
    if (event.type === "response.output_text.delta" && typeof event.delta === "string") {
      this.#text += event.delta;
    } else if (event.type === "response.output_item.done" && event.item) {
      this.#output.push(event.item);
    }
    if (event.response) this.#response = event.response;
  }
}

/** `client.responses`. */
export interface VeniceResponses {
  /**
   * `POST /responses`. A response whose `status` is `failed` is thrown as a `VeniceError` with
   * `partialOutput`; with `stream: true`, a `ResponseStream` of events.
   */
  create(
    params: ResponseCreateParams & { stream: true },
    options?: VeniceRequestOptions,
  ): Promise<ResponseStream>;
  create(
    params: ResponseCreateParams & { stream?: false | null },
    options?: VeniceRequestOptions,
  ): Promise<VeniceResponse>;
}

export function createResponses(caller: VeniceCaller): VeniceResponses {
  return {
    create: (async (params: ResponseCreateParams, options: VeniceRequestOptions = {}) => {
      const init = { ...options, body: params, generation: true };
      if (params.stream === true) {
        return new ResponseStream(
          await caller.stream<ResponseStreamEvent>("POST", "/responses", init),
        );
      }
      return caller.call("POST", "/responses", init, async (response) => {
        const body = (await readJson(response)) as VeniceResponse;
        if (body?.status === "failed") {
          const classified = errorFromAnswer(
            200,
            response.headers,
            body,
            caller.secrets,
            caller.now(),
          );
          throw new VeniceError({
            code: classified.code,
            status: 200,
            message: classified.message,
            headers: headersForError(response.headers, caller.secrets),
            body,
            matchedBy: classified.matchedBy,
            retryable: false,
            partialOutput: {
              text: outputText(body.output),
              output: body.output ?? [],
              response: body,
            },
          });
        }
        return body;
      });
    }) as VeniceResponses["create"],
  };
}

/** The text of the message items of an output. */
function outputText(output: ResponseOutputItem[] | undefined): string {
  let text = "";
  for (const item of output ?? []) {
    for (const part of item.content ?? []) if (typeof part.text === "string") text += part.text;
  }
  return text;
}
