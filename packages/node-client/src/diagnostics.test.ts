import { AsyncLocalStorage } from "node:async_hooks";
import { tracingChannel } from "node:diagnostics_channel";
import { isVeniceError, type VeniceError } from "@venice-errors/core";
import { type FakeVenice, startFakeVenice } from "@venice-errors/test-utils/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createVeniceClient } from "./client.js";
import {
  VENICE_DIAGNOSTICS_CHANNELS as CHANNELS,
  describeRequest,
  type VeniceRequestMessage,
  type VeniceTryMessage,
} from "./diagnostics.js";
import { listen } from "./test-support/diagnostics-listener.js";
import { recordingSleep } from "./test-support/local-server.js";
import { createVeniceFetch } from "./venice-fetch.js";

const KEY = "vk-diagnostics-SECRET-0123456789";
const messages = [{ role: "user", content: "Hi" }];

/** Every string reachable from a value (own enumerable properties, errors' `toJSON()`). */
function strings(value: unknown, seen = new Set<unknown>()): string[] {
  if (typeof value === "string") return [value];
  if (typeof value !== "object" || value === null || seen.has(value)) return [];
  seen.add(value);
  const source = isVeniceError(value) ? { json: value.toJSON(), message: value.message } : value;
  return Object.values(source as Record<string, unknown>).flatMap((v) => strings(v, seen));
}

let venice: FakeVenice;
let listener: ReturnType<typeof listen> | undefined;
beforeEach(async () => {
  venice = await startFakeVenice({ apiKey: KEY });
});
afterEach(async () => {
  listener?.stop();
  listener = undefined;
  await venice.close();
});

function client() {
  return createVeniceClient({ apiKey: KEY, baseURL: venice.url, sleep: recordingSleep().sleep });
}

describe("diagnostics_channel", () => {
  it("builds nothing while nobody subscribes", async () => {
    const plan = { method: "POST", path: "/api/v1/chat/completions" };
    const url = `${venice.url}/chat/completions`;
    expect(describeRequest(url, plan, { model: "m" })).toBe(undefined);
    listener = listen();
    expect(describeRequest(url, plan, { model: "m" })).toMatchObject({
      operationName: "chat",
      model: "m",
    });
    listener.stop();
    listener = undefined;
    expect(describeRequest(url, plan, { model: "m" })).toBe(undefined);
  });

  it("publishes start, each try with its wait, and the end of a 429-then-200 call", async () => {
    listener = listen();
    venice.enqueue({ error: "RATE_LIMIT_EXCEEDED", retryAfter: 2 });
    await client().chat.completions.create({ model: "venice-uncensored", messages });
    expect(listener.events()).toEqual(["start", "end", "try", "try", "asyncStart", "asyncEnd"]);
    const [first, second] = listener.of<VeniceTryMessage>("try");
    expect(first).toMatchObject({ attempt: 1, status: 429, code: "RATE_LIMIT_EXCEEDED" });
    expect(first?.delayMs).toBe(2000);
    expect(second).toMatchObject({ attempt: 2, waitedMs: 2000, status: 200, delayMs: null });
    expect(second?.error).toBeUndefined();
    const request = listener.of<VeniceRequestMessage>("start")[0];
    // One object for the whole request, in every event.
    expect(
      listener.seen.every(
        (e) => e.message === request || (e.message as VeniceTryMessage).request === request,
      ),
    ).toBe(true);
    expect(request).toMatchObject({
      method: "POST",
      path: "/api/v1/chat/completions",
      serverAddress: "127.0.0.1",
      serverPort: venice.port,
      operationName: "chat",
      model: "venice-uncensored",
      stream: false,
      tries: 2,
      status: 200,
      responseModel: "venice-uncensored",
    });
    expect(request?.usage?.inputTokens).toBeGreaterThan(0);
    expect(request?.usage?.outputTokens).toBeGreaterThan(0);
  });

  it("publishes the final failure on error, after a try with no wait", async () => {
    listener = listen();
    venice.enqueue({ error: "INSUFFICIENT_BALANCE" });
    await expect(
      client().chat.completions.create({ model: "venice-uncensored", messages }),
    ).rejects.toThrow();
    expect(listener.events()).toEqual(["start", "end", "try", "error", "asyncStart", "asyncEnd"]);
    expect(listener.of<VeniceTryMessage>("try")[0]).toMatchObject({
      status: 402,
      code: "INSUFFICIENT_BALANCE",
      delayMs: null,
    });
    const request = listener.of<VeniceRequestMessage>("error")[0];
    expect(request?.error?.code).toBe("INSUFFICIENT_BALANCE");
    expect(request?.error?.attempts).toHaveLength(1);
    expect(request?.status).toBe(402);
  });

  it("publishes a stream's first event, and its in-band error", async () => {
    listener = listen();
    venice.enqueue({ stream: { chunks: ["Hel", "lo"], error: "MODEL_OVERLOADED" } });
    const stream = await client().chat.completions.create({
      model: "venice-uncensored",
      messages,
      stream: true,
    });
    let failure: VeniceError | undefined;
    try {
      for await (const _ of stream);
    } catch (error) {
      failure = error as VeniceError;
    }
    expect(failure?.code).toBe("MODEL_OVERLOADED");
    expect(listener.events()).toEqual([
      "start",
      "end",
      "stream:first",
      "try",
      "asyncStart",
      "asyncEnd",
      "stream:error",
    ]);
    const { request, error } = listener.of<{ request: VeniceRequestMessage; error: VeniceError }>(
      "stream:error",
    )[0]!;
    expect(error).toBe(failure);
    expect(error.attempts).toHaveLength(1);
    expect(request).toMatchObject({
      stream: true,
      status: 200,
      responseModel: "venice-uncensored",
    });
  });

  it("publishes a stream's end: completed, or stopped by the caller", async () => {
    listener = listen();
    venice.enqueue({ stream: { chunks: ["a", "b"] } }, { stream: { chunks: ["a", "b", "c"] } });
    const c = client();
    for await (const _ of await c.chat.completions.create({ model: "m", messages, stream: true }));
    for await (const _ of await c.chat.completions.create({ model: "m", messages, stream: true })) {
      break;
    }
    expect(listener.of<{ completed: boolean }>("stream:end").map((m) => m.completed)).toEqual([
      true,
      false,
    ]);
    expect(listener.events().filter((e) => e.startsWith("stream:error"))).toEqual([]);
  });

  it("runs the request inside stores bound to the start channel", async () => {
    const store = new AsyncLocalStorage<string>();
    const start = tracingChannel<string, VeniceRequestMessage>(CHANNELS.request).start;
    start.bindStore(store, (message) => `span for ${message.operationName}`);
    let seenInFetch: string | undefined;
    const c = createVeniceClient({
      apiKey: KEY,
      baseURL: venice.url,
      fetch: (input, init) => {
        seenInFetch = store.getStore();
        return fetch(input, init);
      },
    });
    try {
      await c.models.list();
    } finally {
      start.unbindStore(store);
    }
    expect(seenInFetch).toBe("span for models");
  });

  it("reports createVeniceFetch requests from the JSON body and answer", async () => {
    listener = listen();
    const veniceFetch = createVeniceFetch({ apiKey: KEY, sleep: recordingSleep().sleep });
    venice.enqueue({ error: "MODEL_OVERLOADED", retryAfter: 1 });
    const response = await veniceFetch(`${venice.url}/chat/completions?key=${KEY}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "qwen3-4b", messages }),
    });
    expect(response.status).toBe(200);
    const request = listener.of<VeniceRequestMessage>("start")[0];
    expect(request).toMatchObject({
      path: "/api/v1/chat/completions",
      model: "qwen3-4b",
      tries: 2,
      status: 200,
      responseModel: "qwen3-4b",
    });
    expect(listener.of<VeniceTryMessage>("try").map((m) => m.code)).toEqual([
      "MODEL_OVERLOADED",
      undefined,
    ]);
  });

  it("reads the usage of a stream's last chunk", async () => {
    listener = listen();
    const chunk = (extra: object) =>
      `data: ${JSON.stringify({ id: "c1", object: "chat.completion.chunk", created: 1, model: "m-2", choices: [], ...extra })}\n\n`;
    venice.enqueue({
      status: 200,
      headers: { "content-type": "text/event-stream" },
      body: `${chunk({})}${chunk({ usage: { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 } })}data: [DONE]\n\n`,
    });
    const stream = await client().chat.completions.create({ model: "m", messages, stream: true });
    for await (const _ of stream);
    const request = listener.of<VeniceRequestMessage>("start")[0];
    expect(request).toMatchObject({
      responseModel: "m-2",
      usage: { inputTokens: 7, outputTokens: 3 },
    });
    expect(listener.of<{ completed: boolean }>("stream:end")).toMatchObject([{ completed: true }]);
  });

  it("publishes the stream events of createVeniceFetch, whose body the SDK reads", async () => {
    listener = listen();
    const veniceFetch = createVeniceFetch({ apiKey: KEY, sleep: recordingSleep().sleep });
    const send = () =>
      veniceFetch(`${venice.url}/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ model: "m", messages, stream: true }),
      });
    venice.enqueue({ stream: { chunks: ["a", "b"] } });
    await (await send()).text();
    venice.enqueue({ stream: { chunks: ["a", "b"], error: "MODEL_OVERLOADED" } });
    await expect((await send()).text()).rejects.toMatchObject({ code: "MODEL_OVERLOADED" });
    expect(listener.events().filter((event) => event.startsWith("stream:"))).toEqual([
      "stream:first",
      "stream:end",
      "stream:first",
      "stream:error",
    ]);
    const [first, second] = listener.of<VeniceRequestMessage>("start");
    expect(first).toMatchObject({ stream: true, model: "m", responseModel: "m" });
    expect(second?.error?.code).toBe("MODEL_OVERLOADED");
  });

  it("never publishes the key, even when it is in the URL's query or an error", async () => {
    listener = listen();
    venice.enqueue({ error: "RATE_LIMIT_EXCEEDED", retryAfter: 1, message: `bad key ${KEY}` });
    venice.enqueue({ error: "AUTHENTICATION_FAILED", message: `key ${KEY} is not valid` });
    await expect(client().request("GET", "/models", { query: { api_key: KEY } })).rejects.toThrow();
    venice.enqueue({ stream: { chunks: ["x"], error: "MODEL_OVERLOADED" } });
    const stream = await client().chat.completions.create({ model: "m", messages, stream: true });
    await expect(
      (async () => {
        for await (const _ of stream);
      })(),
    ).rejects.toThrow();
    expect(listener.seen.length).toBeGreaterThan(8);
    const all = listener.seen.flatMap((entry) => strings(entry.message));
    expect(all.length).toBeGreaterThan(20);
    expect(all.filter((text) => text.includes(KEY))).toEqual([]);
  });
});
