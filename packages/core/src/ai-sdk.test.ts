// The AI SDK on both ends: a route that streams with `ai` v6 while the Venice call fails, and the
// client half of `useChat` (AbstractChat + DefaultChatTransport, what @ai-sdk/react wraps).
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import {
  AbstractChat,
  type ChatState,
  type ChatStatus,
  convertToModelMessages,
  createUIMessageStream,
  createUIMessageStreamResponse,
  DefaultChatTransport,
  generateText,
  streamText,
  type UIMessage,
} from "ai";
import { describe, expect, it } from "vitest";
import { essentials } from "./__fixtures__/relay.js";
import { veniceErrorResponse } from "./error-response.js";
import { parseVeniceError } from "./parse-venice-error.js";
import { veniceStreamErrorText } from "./stream-error-text.js";
import { toVeniceError } from "./to-venice-error.js";
import type { VeniceError } from "./venice-error.js";

const KEY = "sk-venice-0123456789abcdef";

/** Venice's answers, as the live API sends them. */
const VENICE_ANSWERS = {
  rateLimited: () =>
    new Response(JSON.stringify({ error: "Rate limit exceeded" }), {
      status: 429,
      headers: {
        "content-type": "application/json",
        "retry-after": "17",
        "x-request-id": "req_rl_1",
        "x-ratelimit-remaining-requests": "0",
        "set-cookie": `__cf_bm=${KEY}`,
      },
    }),
  invalid: () =>
    new Response(
      JSON.stringify({
        error: "Invalid request parameters",
        details: { _errors: [], temperature: { _errors: ["Must be at most 2"] } },
        issues: [
          { code: "too_big", maximum: 2, path: ["temperature"], message: "Must be at most 2" },
        ],
      }),
      { status: 400, headers: { "content-type": "application/json", "CF-RAY": "8f2a1b3c-FRA" } },
    ),
  outOfCredits: () =>
    new Response(
      JSON.stringify({
        error:
          "Insufficient USD or Diem balance to complete request. Visit https://venice.ai/settings/api to add credits.",
      }),
      { status: 402, headers: { "content-type": "application/json", "x-request-id": "req_402" } },
    ),
} satisfies Record<string, () => Response>;
type Answer = keyof typeof VENICE_ANSWERS;

/** The error the server itself sees for an answer: what the browser must get back. */
function serverSideError(answer: Answer): Promise<VeniceError> {
  return parseVeniceError(VENICE_ANSWERS[answer]());
}

function veniceModel(answer: Answer) {
  const venice = createOpenAICompatible({
    name: "venice",
    baseURL: "https://api.venice.ai/api/v1",
    apiKey: KEY,
    fetch: async () => VENICE_ANSWERS[answer](),
  });
  return venice.chatModel("llama-3.3-70b");
}

type Route = (request: Request, answer: Answer) => Promise<Response>;

/** Route handlers as a Next.js app writes them, one per way to build the UI message stream. */
const ROUTES: Record<string, Route> = {
  "streamText().toUIMessageStreamResponse({ onError })": async (request, answer) => {
    const { messages } = (await request.json()) as { messages: UIMessage[] };
    const result = streamText({
      model: veniceModel(answer),
      messages: await convertToModelMessages(messages),
      maxRetries: 0,
    });
    return result.toUIMessageStreamResponse({ onError: veniceStreamErrorText });
  },
  "createUIMessageStream({ onError }) with a failing call in execute": async (request, answer) => {
    const { messages } = (await request.json()) as { messages: UIMessage[] };
    const stream = createUIMessageStream({
      execute: async ({ writer }) => {
        writer.write({ type: "start" });
        const { text } = await generateText({
          model: veniceModel(answer),
          messages: await convertToModelMessages(messages),
          maxRetries: 0,
        });
        writer.write({ type: "text-start", id: "t" });
        writer.write({ type: "text-delta", id: "t", delta: text });
      },
      onError: veniceStreamErrorText,
    });
    return createUIMessageStreamResponse({ stream });
  },
  "createUIMessageStream merging streamText's stream": async (request, answer) => {
    const { messages } = (await request.json()) as { messages: UIMessage[] };
    const stream = createUIMessageStream({
      execute: async ({ writer }) => {
        const result = streamText({
          model: veniceModel(answer),
          messages: await convertToModelMessages(messages),
          maxRetries: 0,
        });
        writer.merge(result.toUIMessageStream({ onError: veniceStreamErrorText }));
      },
      onError: veniceStreamErrorText,
    });
    return createUIMessageStreamResponse({ stream });
  },
  "veniceErrorResponse before any streaming": async (_request, answer) => {
    try {
      await generateText({ model: veniceModel(answer), prompt: "hi", maxRetries: 0 });
      return new Response("unexpected success", { status: 500 });
    } catch (error) {
      return veniceErrorResponse(error);
    }
  },
};

/** The chat state `useChat` keeps in React, as plain fields. */
class PlainChatState implements ChatState<UIMessage> {
  status: ChatStatus = "ready";
  error: Error | undefined = undefined;
  messages: UIMessage[] = [];
  pushMessage = (message: UIMessage) => {
    this.messages = [...this.messages, message];
  };
  popMessage = () => {
    this.messages = this.messages.slice(0, -1);
  };
  replaceMessage = (index: number, message: UIMessage) => {
    this.messages = this.messages.map((old, i) => (i === index ? message : old));
  };
  snapshot = <T>(thing: T): T => structuredClone(thing);
}

class PlainChat extends AbstractChat<UIMessage> {
  constructor(route: Route, answer: Answer) {
    super({
      state: new PlainChatState(),
      transport: new DefaultChatTransport({
        api: "http://127.0.0.1/api/chat",
        fetch: async (input, init) => route(new Request(input, init), answer),
      }),
    });
  }
}

describe.each(Object.entries(ROUTES))("AI SDK route: %s", (_name, route) => {
  it.each(["rateLimited", "invalid", "outOfCredits"] as const)(
    "useChat's error for %s revives to the server's VeniceError",
    async (answer) => {
      const chat = new PlainChat(route, answer);
      await chat.sendMessage({ text: "Hello" });
      expect(chat.status).toBe("error");
      const error = chat.error;
      expect(error).toBeInstanceOf(Error);
      expect(error?.message).not.toContain(KEY);
      expect(error?.message).not.toMatch(/cookie|authorization/i);
      const revived = toVeniceError(error);
      const expected = await serverSideError(answer);
      expect(essentials(revived)).toEqual(essentials(expected));
      expect(revived.message).toBe(expected.message);
    },
  );
});

describe("the stream's error part", () => {
  it("carries the Venice error as errorText, with the wait the server asked for", async () => {
    const response = await ROUTES["streamText().toUIMessageStreamResponse({ onError })"]!(
      new Request("http://127.0.0.1/api/chat", {
        method: "POST",
        body: JSON.stringify({
          messages: [{ id: "m1", role: "user", parts: [{ type: "text", text: "Hello" }] }],
        }),
      }),
      "rateLimited",
    );
    const events = (await response.text())
      .split("\n")
      .filter((line) => line.startsWith("data: {"))
      .map((line) => JSON.parse(line.slice(6)) as { type: string; errorText?: string });
    const part = events.find((event) => event.type === "error");
    expect(part?.errorText).toBeDefined();
    const relayed = JSON.parse(part!.errorText!) as { error: Record<string, unknown> };
    expect(relayed.error).toMatchObject({
      name: "VeniceError",
      code: "RATE_LIMIT_EXCEEDED",
      status: 429,
      retryAfterMs: 17_000,
      requestId: "req_rl_1",
    });
  });
});
