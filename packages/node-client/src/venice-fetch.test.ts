import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { isVeniceError, toVeniceError } from "@venice-errors/core";
import { type FakeVenice, startFakeVenice } from "@venice-errors/test-utils/server";
import { generateText, streamText } from "ai";
import OpenAI from "openai";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { closedPort, recordingSleep } from "./test-support/local-server.js";
import { createVeniceFetch, type VeniceFetchOptions } from "./venice-fetch.js";

const KEY = "vk-sdk-0123456789abcdef";
let venice: FakeVenice;
// A fresh server per test: a request cut by one test cannot reach the next test's script queue.
beforeEach(async () => {
  venice = await startFakeVenice({ apiKey: KEY });
});
afterEach(() => venice.close());

const messages = [{ role: "user" as const, content: "Hi" }];

function veniceFetch(options: VeniceFetchOptions = {}) {
  return createVeniceFetch({ sleep: recordingSleep().sleep, ...options });
}

function openai(options: VeniceFetchOptions = {}, baseURL = venice.url) {
  return new OpenAI({ apiKey: KEY, baseURL, fetch: veniceFetch(options), maxRetries: 0 });
}

function aiSdk(options: VeniceFetchOptions = {}) {
  return createOpenAICompatible({
    name: "venice",
    baseURL: venice.url,
    apiKey: KEY,
    fetch: veniceFetch(options),
  }).chatModel("m");
}

async function caught(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a failure");
}

describe("createVeniceFetch with the openai package", () => {
  it("retries a 429 and a 503 with a wait hint itself, so one openai call makes exactly our tries", async () => {
    venice.enqueue(
      { error: "RATE_LIMIT_EXCEEDED", retryAfter: 1 },
      { error: "MODEL_AT_CAPACITY", retryAfter: 1 },
    );
    const completion = await openai().chat.completions.create({ model: "m", messages });
    expect(completion.choices[0]?.message.content).toEqual(expect.any(String));
    expect(venice.requests).toHaveLength(3);
  });

  it("never resends a chat completion after a 500: the work may have run and been charged", async () => {
    for (let i = 0; i < 3; i++) venice.enqueue({ error: "INFERENCE_FAILED" });
    const error = await caught(() => openai().chat.completions.create({ model: "m", messages }));
    expect(toVeniceError(error)).toMatchObject({ code: "INFERENCE_FAILED", status: 500 });
    expect(venice.requests).toHaveLength(1);
  });

  it("no stacked retries: 5xx every time gives 1 + maxRetries requests and the attempts", async () => {
    for (let i = 0; i < 5; i++) venice.enqueue({ error: "INFERENCE_FAILED" });
    const error = await caught(() => openai().models.list());
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    const venice_ = toVeniceError(error);
    expect(venice_).toMatchObject({ code: "INFERENCE_FAILED", status: 500 });
    expect(venice_.attempts.map((attempt) => attempt.status)).toEqual([500, 500, 500]);
    expect(venice.requests).toHaveLength(3);
  });

  it("402: openai raises its own error, toVeniceError gives INSUFFICIENT_BALANCE, no retry", async () => {
    venice.enqueue({ error: "INSUFFICIENT_BALANCE" });
    const error = await caught(() => openai().chat.completions.create({ model: "m", messages }));
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(402);
    expect(toVeniceError(error)).toMatchObject({ code: "INSUFFICIENT_BALANCE", status: 402 });
    expect(venice.requests).toHaveLength(1);
  });

  it("a wait over maxRetryAfterMs fails at once: RateLimitError with retryAfterMs", async () => {
    venice.enqueue({ error: "RATE_LIMIT_EXCEEDED", retryAfter: 300 });
    const error = await caught(() => openai().chat.completions.create({ model: "m", messages }));
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(toVeniceError(error)).toMatchObject({
      code: "RATE_LIMIT_EXCEEDED",
      status: 429,
      retryAfterMs: 300_000,
    });
    expect(venice.requests).toHaveLength(1);
  });

  it("a stream's in-band error reaches the caller as a VeniceError with code and retryAfterMs", async () => {
    venice.enqueue({ stream: { chunks: ["a", "b"], error: "MODEL_OVERLOADED" } });
    let text = "";
    const error = await caught(async () => {
      const stream = await openai().chat.completions.create({ model: "m", messages, stream: true });
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
    });
    expect(text).toBe("ab");
    expect(toVeniceError(error)).toMatchObject({
      code: "MODEL_OVERLOADED",
      status: 200,
      retryAfterMs: 30_000,
    });
  });

  it("a stream cut mid-way is STREAM_INTERRUPTED", async () => {
    venice.enqueue({ stream: { chunks: ["a", "b", "c"], cutAfter: 2 } });
    const error = await caught(async () => {
      const stream = await openai().chat.completions.create({ model: "m", messages, stream: true });
      for await (const _chunk of stream) {
        // read on
      }
    });
    expect(toVeniceError(error).code).toBe("STREAM_INTERRUPTED");
  });

  it("a refused connection is CONNECTION_ERROR with attempts", async () => {
    const port = await closedPort();
    const error = await caught(() =>
      openai({}, `http://127.0.0.1:${port}/api/v1`).chat.completions.create({
        model: "m",
        messages,
      }),
    );
    expect(error).toBeInstanceOf(OpenAI.APIConnectionError);
    expect(toVeniceError(error)).toMatchObject({ code: "CONNECTION_ERROR", status: 0 });
    expect(toVeniceError(error).attempts).toHaveLength(3);
  });

  it("a caller abort is openai's APIUserAbortError (ABORTED)", async () => {
    venice.enqueue({ delayMs: 5000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const error = await caught(() =>
      openai().chat.completions.create({ model: "m", messages }, { signal: controller.signal }),
    );
    expect(error).toBeInstanceOf(OpenAI.APIUserAbortError);
    expect(toVeniceError(error).code).toBe("ABORTED");
  });

  it("our timeout is CLIENT_TIMEOUT", async () => {
    venice.enqueue({ delayMs: 5000 });
    const error = await caught(() =>
      openai({ timeoutMs: 30, maxRetries: 0 }).chat.completions.create({ model: "m", messages }),
    );
    expect(toVeniceError(error).code).toBe("CLIENT_TIMEOUT");
  });

  it("the failure budget refuses before Venice's abuse limit (TOO_MANY_FAILED_ATTEMPTS)", async () => {
    const client = openai({ failureBudget: { maxFailures: 2 } });
    venice.enqueue({ error: "INVALID_REQUEST" }, { error: "INVALID_REQUEST" });
    await caught(() => client.chat.completions.create({ model: "m", messages }));
    await caught(() => client.chat.completions.create({ model: "m", messages }));
    const error = await caught(() => client.chat.completions.create({ model: "m", messages }));
    expect(toVeniceError(error)).toMatchObject({ code: "TOO_MANY_FAILED_ATTEMPTS", status: 0 });
    expect(toVeniceError(error).retryAfterMs).toBeGreaterThan(0);
    expect(venice.requests).toHaveLength(2);
  });

  it("keeps the key out of what toVeniceError returns", async () => {
    venice.enqueue({ status: 400, body: { error: `bad key ${KEY}` } });
    const error = await caught(() => openai().chat.completions.create({ model: "m", messages }));
    expect(JSON.stringify(toVeniceError(error).toJSON())).not.toContain(KEY);
    expect(toVeniceError(error).message).not.toContain(KEY);
  });
});

describe("createVeniceFetch with the Vercel AI SDK", () => {
  it("generateText succeeds after our retries, with the SDK's retries off", async () => {
    venice.enqueue({ error: "MODEL_AT_CAPACITY", retryAfter: 1 }, { reply: "Hello there" });
    const result = await generateText({ model: aiSdk(), prompt: "Hi", maxRetries: 0 });
    expect(result.text).toBe("Hello there");
    expect(venice.requests).toHaveLength(2);
  });

  it("generateText 402: APICallError, toVeniceError gives INSUFFICIENT_BALANCE, one request", async () => {
    venice.enqueue({ error: "INSUFFICIENT_BALANCE" });
    const error = await caught(() => generateText({ model: aiSdk(), prompt: "Hi", maxRetries: 0 }));
    expect((error as { statusCode?: number }).statusCode).toBe(402);
    expect(toVeniceError(error)).toMatchObject({ code: "INSUFFICIENT_BALANCE", status: 402 });
    expect(venice.requests).toHaveLength(1);
  });

  it("generateText 429 beyond maxRetryAfterMs: RATE_LIMIT_EXCEEDED with retryAfterMs, no stacked retries", async () => {
    venice.enqueue({ error: "RATE_LIMIT_EXCEEDED", retryAfter: 90 });
    const error = await caught(() => generateText({ model: aiSdk(), prompt: "Hi", maxRetries: 0 }));
    expect(toVeniceError(error)).toMatchObject({
      code: "RATE_LIMIT_EXCEEDED",
      status: 429,
      retryAfterMs: 90_000,
    });
    expect(venice.requests).toHaveLength(1);
  });

  it("generateText 503 with a hint every time: exactly 1 + maxRetries requests, attempts kept", async () => {
    for (let i = 0; i < 5; i++) venice.enqueue({ error: "MODEL_OFFLINE", retryAfter: 1 });
    const error = await caught(() =>
      generateText({ model: aiSdk({ maxRetries: 1 }), prompt: "Hi", maxRetries: 0 }),
    );
    expect(toVeniceError(error)).toMatchObject({ code: "MODEL_OFFLINE", status: 503 });
    expect(toVeniceError(error).attempts).toHaveLength(2);
    expect(venice.requests).toHaveLength(2);
  });

  it("streamText: an in-band error is a VeniceError with code and retryAfterMs", async () => {
    venice.enqueue({ stream: { chunks: ["a", "b"], error: "MODEL_OVERLOADED" } });
    const result = streamText({ model: aiSdk(), prompt: "Hi", maxRetries: 0, onError: () => {} });
    let text = "";
    let failure: unknown;
    try {
      for await (const part of result.fullStream) {
        if (part.type === "text-delta") text += part.text;
        if (part.type === "error") failure = part.error;
      }
    } catch (error) {
      failure = error;
    }
    expect(text).toBe("ab");
    // The AI SDK wraps a body-stream error in APICallError("Failed to process successful
    // response", statusCode 200, cause: our VeniceError); toVeniceError returns that cause.
    const cause = (failure as { cause?: unknown }).cause;
    expect(isVeniceError(cause)).toBe(true);
    expect(toVeniceError(failure)).toBe(cause);
    expect(toVeniceError(failure)).toMatchObject({
      code: "MODEL_OVERLOADED",
      status: 200,
      retryAfterMs: 30_000,
    });
  });

  it("streamText retries an overload before the first chunk and then streams", async () => {
    venice.enqueue(
      { error: "MODEL_OVERLOADED", retryAfter: 1 },
      { stream: { chunks: ["o", "k"] } },
    );
    const result = streamText({ model: aiSdk(), prompt: "Hi", maxRetries: 0 });
    expect(await result.text).toBe("ok");
    expect(venice.requests).toHaveLength(2);
  });

  it("a refused connection is CONNECTION_ERROR", async () => {
    const port = await closedPort();
    const model = createOpenAICompatible({
      name: "venice",
      baseURL: `http://127.0.0.1:${port}/api/v1`,
      apiKey: KEY,
      fetch: veniceFetch({ maxRetries: 0 }),
    }).chatModel("m");
    const error = await caught(() => generateText({ model, prompt: "Hi", maxRetries: 0 }));
    expect(toVeniceError(error)).toMatchObject({ code: "CONNECTION_ERROR", status: 0 });
  });
});

describe("createVeniceFetch as a plain fetch", () => {
  it("adds the Authorization header from apiKey when missing and returns the answer", async () => {
    const fetch = veniceFetch({ apiKey: KEY });
    const response = await fetch(`${venice.url}/models`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: unknown[] }).data.length).toBeGreaterThan(0);
  });

  it("accepts a Request object", async () => {
    const fetch = veniceFetch({ apiKey: KEY });
    venice.enqueue({ error: "RATE_LIMIT_EXCEEDED", retryAfter: 1 });
    const response = await fetch(
      new Request(`${venice.url}/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ model: "m", messages }),
      }),
    );
    expect(response.status).toBe(200);
    expect(venice.requests).toHaveLength(2);
    expect(venice.requests[1]?.body).toEqual({ model: "m", messages });
  });
});
