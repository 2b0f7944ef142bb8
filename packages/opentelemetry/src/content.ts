import type { VeniceRequestMessage } from "@venice-errors/node-client";

// Opt-in content capture (`captureMessageContent`): prompts and completions in the shape of the
// GenAI conventions' `gen_ai.input.messages` / `gen_ai.output.messages` (JSON strings).

interface MessagePart {
  type: "text";
  content: unknown;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null
    ? (value as Record<string, unknown>)
    : undefined;
}

/** A content field as parts: text as one text part, anything else (multimodal arrays) as is. */
function parts(content: unknown): MessagePart[] | unknown {
  return typeof content === "string" ? [{ type: "text", content }] : content;
}

/** The prompt of a request: chat `messages`, Responses `input`, or a generation `prompt`. */
export function inputMessages(request: VeniceRequestMessage): string | undefined {
  const body = record(request.body);
  if (body === undefined) return undefined;
  let messages: unknown[] | undefined;
  if (Array.isArray(body.messages)) {
    messages = body.messages.map((message) => {
      const entry = record(message) ?? {};
      return { role: entry.role, parts: parts(entry.content) };
    });
  } else if (body.input !== undefined) {
    messages = Array.isArray(body.input)
      ? body.input
      : [{ role: "user", parts: parts(body.input) }];
  } else if (body.prompt !== undefined) {
    messages = [{ role: "user", parts: parts(body.prompt) }];
  }
  return messages === undefined ? undefined : JSON.stringify(messages);
}

/** The completion of a non-streamed chat answer (one message per choice). */
export function outputMessages(request: VeniceRequestMessage): string | undefined {
  const choices = record(request.result)?.choices;
  if (!Array.isArray(choices)) return undefined;
  return JSON.stringify(
    choices.map((choice) => {
      const entry = record(choice) ?? {};
      const message = record(entry.message) ?? {};
      return {
        role: message.role ?? "assistant",
        parts: parts(message.content ?? ""),
        finish_reason: entry.finish_reason,
      };
    }),
  );
}
