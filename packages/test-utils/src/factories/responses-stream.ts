import { catalog, type VeniceErrorCode } from "@venice-errors/core";
import { openAiCodeOf, requireHttpCode } from "./bodies.js";
import { type IdOptions, resolveIds } from "./ids.js";
import { responseObject } from "./resources.js";
import { resolveChunks } from "./stream.js";

/** One named SSE event (`event: name` + `data: json`), as the Responses API sends them. */
export function namedSseEvent(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Options for `createResponsesSseEvents`. */
export interface ResponsesStreamOptions extends IdOptions {
  /** The text deltas, or how many. Default: a short reply. */
  chunks?: readonly string[] | number;
  /**
   * End in failure after the deltas: a code (a `response.failed` event whose `response.error`
   * carries Venice's code for it), or the raw event data to send.
   */
  error?: VeniceErrorCode | Record<string, unknown>;
  /** How a coded `error` is sent: `response.failed` (default) or a bare `error` event. */
  errorEvent?: "response.failed" | "error";
  model?: string;
  /** Clock in epoch ms (default `Date.now`). */
  now?: () => number;
}

/**
 * The SSE events of a streamed `POST /responses`: `response.created`, `response.in_progress`,
 * the output item and its text deltas, then `response.completed` — or, with `error`, a
 * `response.failed` (or `error`) event in their place. No `[DONE]`: named streams end by event.
 */
export function createResponsesSseEvents(options: ResponsesStreamOptions = {}): string[] {
  const ids = resolveIds(options, "responses");
  const now = (options.now ?? Date.now)();
  const model = options.model ?? "venice-uncensored";
  const id = `resp_${ids.hex(24)}`;
  const chunks = resolveChunks(options.chunks);
  let sequence = 0;
  const events: string[] = [];
  const emit = (type: string, data: Record<string, unknown>) =>
    events.push(namedSseEvent(type, { type, sequence_number: sequence++, ...data }));
  const response = (
    status: "in_progress" | "completed" | "failed",
    text: string,
    error?: { code: string; message: string },
  ) => responseObject({ id, now, model, text, status, ...(error ? { error } : {}) });
  const item = (text: string, status: "in_progress" | "completed") => ({
    type: "message",
    id: `msg_${id.slice(5)}`,
    status,
    role: "assistant",
    content: status === "in_progress" ? [] : [{ type: "output_text", text, annotations: [] }],
  });

  emit("response.created", { response: response("in_progress", "") });
  emit("response.in_progress", { response: response("in_progress", "") });
  emit("response.output_item.added", { output_index: 0, item: item("", "in_progress") });
  emit("response.content_part.added", {
    item_id: `msg_${id.slice(5)}`,
    output_index: 0,
    content_index: 0,
    part: { type: "output_text", text: "", annotations: [] },
  });
  let text = "";
  for (const delta of chunks) {
    text += delta;
    emit("response.output_text.delta", {
      item_id: `msg_${id.slice(5)}`,
      output_index: 0,
      content_index: 0,
      delta,
    });
  }
  if (options.error !== undefined) {
    if (typeof options.error !== "string") {
      const name = typeof options.error.type === "string" ? options.error.type : "error";
      events.push(namedSseEvent(name, options.error));
      return events;
    }
    const code = options.error;
    requireHttpCode(code, "createResponsesSseEvents");
    const error = { code: openAiCodeOf(code), message: catalog[code].message };
    if (options.errorEvent === "error") emit("error", { ...error, param: null });
    else emit("response.failed", { response: response("failed", text, error) });
    return events;
  }
  emit("response.output_text.done", {
    item_id: `msg_${id.slice(5)}`,
    output_index: 0,
    content_index: 0,
    text,
  });
  emit("response.output_item.done", { output_index: 0, item: item(text, "completed") });
  emit("response.completed", { response: response("completed", text) });
  return events;
}
