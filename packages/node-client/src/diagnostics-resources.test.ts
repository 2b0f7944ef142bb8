import type { VeniceError } from "@venice-errors/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { VeniceClient } from "./client.js";
import type { VeniceCoordinator } from "./coordinator.js";
import type { VeniceRequestMessage, VeniceTryMessage } from "./diagnostics.js";
import { operationNameOf } from "./operation-name.js";
import { listen } from "./test-support/diagnostics-listener.js";
import { failure, type Harness, startHarness } from "./test-support/fake-venice.js";

// Every resource of the client sends through the one caller, so every one publishes the same
// lifecycle, named by the GenAI conventions' operation names.

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
const WAV = new Uint8Array([0x52, 0x49, 0x46, 0x46, 0x24, 0x00, 0x00, 0x00]);
const messages = [{ role: "user" as const, content: "Hi" }];

let h: Harness;
let listener: ReturnType<typeof listen>;
beforeEach(async () => {
  h = await startHarness();
  listener = listen();
});
afterEach(async () => {
  listener.stop();
  await h.venice.close();
});

const RESOURCES: Array<
  [call: string, run: (c: VeniceClient) => Promise<unknown>, operation: string, model?: string]
> = [
  [
    "chat.completions.create",
    (c) => c.chat.completions.create({ model: "qwen3-4b", messages }),
    "chat",
    "qwen3-4b",
  ],
  [
    "responses.create",
    (c) => c.responses.create({ model: "venice-uncensored", input: "Hi" }),
    "chat",
    "venice-uncensored",
  ],
  [
    "embeddings.create",
    (c) => c.embeddings.create({ model: "text-embedding-bge-m3", input: "x" }),
    "embeddings",
    "text-embedding-bge-m3",
  ],
  [
    "images.generate",
    (c) => c.images.generate({ model: "z-image-turbo", prompt: "a cat" }),
    "generate_content",
    "z-image-turbo",
  ],
  ["images.edit", (c) => c.images.edit({ image: PNG, prompt: "a hat" }), "generate_content"],
  [
    "audio.speech.create",
    (c) => c.audio.speech.create({ model: "tts-kokoro", input: "Hello" }),
    "generate_content",
    "tts-kokoro",
  ],
  [
    "audio.transcriptions.create (multipart)",
    (c) => c.audio.transcriptions.create({ file: WAV, model: "openai/whisper-large-v3" }),
    "generate_content",
    "openai/whisper-large-v3",
  ],
  [
    "video.queue",
    (c) =>
      c.video.queue({
        model: "wan-2.5-preview-text-to-video",
        prompt: "A gondola",
        duration: "5s",
      }),
    "generate_content",
    "wan-2.5-preview-text-to-video",
  ],
  ["models.list", (c) => c.models.list(), "models"],
  ["characters.get", (c) => c.characters.get("alan-watts"), "characters/{slug}"],
  ["billing.balance", (c) => c.billing.balance(), "billing/balance"],
];

describe("diagnostics of every resource", () => {
  it.each(RESOURCES)(
    "%s publishes start, one try and the end as %s",
    async (_call, run, operation, model) => {
      await run(h.client);
      expect(listener.events()).toEqual(["start", "end", "try", "asyncStart", "asyncEnd"]);
      const [request] = listener.of<VeniceRequestMessage>("start");
      expect(request).toMatchObject({ operationName: operation, model, tries: 1, status: 200 });
      expect(request?.path.startsWith("/api/v1/")).toBe(true);
      expect(listener.of<VeniceTryMessage>("try")[0]).toMatchObject({
        attempt: 1,
        status: 200,
        delayMs: null,
        coordinatorWaitMs: 0,
      });
    },
  );

  it("a media answer is the request's result; a JSON answer gives the response model and usage", async () => {
    await h.client.images.generate({
      model: "z-image-turbo",
      prompt: "a cat",
      return_binary: true,
    });
    await h.client.embeddings.create({ model: "text-embedding-bge-m3", input: "some words" });
    const [image, embeddings] = listener.of<VeniceRequestMessage>("start");
    expect(image?.result).toMatchObject({ contentType: "image/png" });
    expect(embeddings?.usage?.inputTokens).toBeGreaterThan(0);
  });

  it("a video job's retrieve is no GenAI operation: named by its route", async () => {
    const queued = await h.client.video.queue({
      model: "wan-2.5-preview-text-to-video",
      prompt: "A gondola",
      duration: "5s",
    });
    await h.client.video.retrieve({ model: queued.model, queue_id: queued.queue_id });
    expect(listener.of<VeniceRequestMessage>("start").map((m) => m.operationName)).toEqual([
      "generate_content",
      "video/retrieve",
    ]);
  });

  it("a Responses stream publishes its first event and its end, with model and usage", async () => {
    const stream = await h.client.responses.create({
      model: "venice-uncensored",
      input: "Hi",
      stream: true,
    });
    for await (const _event of stream);
    expect(listener.events()).toEqual([
      "start",
      "end",
      "stream:first",
      "try",
      "asyncStart",
      "asyncEnd",
      "stream:end",
    ]);
    const [request] = listener.of<VeniceRequestMessage>("start");
    expect(request).toMatchObject({ operationName: "chat", stream: true });
    expect(request?.responseModel).toBe("venice-uncensored");
    expect(request?.usage?.outputTokens).toBeGreaterThan(0);
    expect(listener.of<{ completed: boolean }>("stream:end")).toMatchObject([{ completed: true }]);
  });

  it("a Responses stream's response.failed event is the stream's error", async () => {
    h.venice.enqueue({
      route: "POST /responses",
      stream: { chunks: ["a", "b"], error: "MODEL_OVERLOADED", errorEvent: "response.failed" },
    });
    const stream = await h.client.responses.create({
      model: "venice-uncensored",
      input: "Hi",
      stream: true,
    });
    const error = await failure(
      (async () => {
        for await (const _event of stream);
      })(),
    );
    expect(error.code).toBe("MODEL_OVERLOADED");
    const errors = listener.of<{ request: VeniceRequestMessage; error: VeniceError }>(
      "stream:error",
    );
    expect(errors.map((m) => m.error)).toEqual([error]);
    expect(errors[0]?.request.error).toBe(error);
    expect(listener.of("stream:end")).toEqual([]);
  });

  it("reports the generation rule: a chat's 500 is final, a models list's 500 is retried", async () => {
    h.venice.enqueue({ error: "INFERENCE_FAILED" }, { route: "GET /models", status: 500 });
    await failure(h.client.chat.completions.create({ model: "m", messages }));
    await h.client.models.list();
    const tries = listener.of<VeniceTryMessage>("try");
    expect(tries.map((t) => [t.request.operationName, t.attempt, t.status, t.delayMs])).toEqual([
      ["chat", 1, 500, null],
      ["models", 1, 500, expect.any(Number)],
      ["models", 2, 200, null],
    ]);
    expect(listener.of<VeniceRequestMessage>("error").map((m) => m.error?.code)).toEqual([
      "INFERENCE_FAILED",
    ]);
  });

  it("each try carries the wait the coordinator imposed before it", async () => {
    const holds = [250, 0];
    const coordinator: VeniceCoordinator = {
      acquire: (request) => (request.attempt === 1 && holds.length > 0 ? holds.shift() : undefined),
      release: () => {},
    };
    const client = h.makeClient({ coordinator });
    h.venice.enqueue({ error: "RATE_LIMIT_EXCEEDED", retryAfter: 2 });
    await client.chat.completions.create({ model: "m", messages });
    expect(h.waits).toEqual([250, 2000]);
    expect(
      listener.of<VeniceTryMessage>("try").map((t) => [t.attempt, t.coordinatorWaitMs, t.waitedMs]),
    ).toEqual([
      [1, 250, 0],
      [2, 0, 2000],
    ]);
  });

  it("a 200 whose body times out keeps the answer's status; the try's code says why", async () => {
    h.venice.enqueue({ route: "GET /models", stream: { chunks: ["a"], chunkDelayMs: 1000 } });
    const client = h.makeClient({ timeoutMs: 100, maxRetries: 0 });
    const error = await failure(client.models.list());
    expect(error.code).toBe("CLIENT_TIMEOUT");
    expect(listener.of<VeniceTryMessage>("try")[0]).toMatchObject({
      status: 200,
      code: "CLIENT_TIMEOUT",
    });
  });
});

describe("operationNameOf", () => {
  it.each([
    ["/api/v1/chat/completions", false, "chat"],
    ["/api/v1/responses", true, "chat"],
    ["/v1/completions", true, "text_completion"],
    ["/api/v1/embeddings", false, "embeddings"],
    ["/api/v1/image/upscale", true, "generate_content"],
    ["/api/v1/audio/transcriptions", true, "generate_content"],
    ["/api/v1/video/complete", false, "video/complete"],
    ["/api/v1/models", false, "models"],
    ["/api/v1/characters/alan-watts", false, "characters/{slug}"],
    ["/api/v1/characters", false, "characters"],
    ["/api/v1", false, "request"],
  ] as const)("%s (generation %s) is %s", (path, generation, name) => {
    expect(operationNameOf(path, generation)).toBe(name);
  });
});
