import { MAX_TIMER_MS } from "@venice-errors/core";
import { createGatewayErrorAnswer } from "@venice-errors/test-utils";
import { type FakeVenice, startFakeVenice } from "@venice-errors/test-utils/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createVeniceClient, trimTrailingSlashes, type VeniceClientOptions } from "./client.js";
import { delay } from "./delay.js";
import { isGenerationRequest } from "./generation.js";
import { failure, KEY, recordingClient } from "./test-support/fake-venice.js";
import { closedPort, type RawServer, startRawServer, until } from "./test-support/local-server.js";

const messages = [{ role: "user", content: "Hi" }];
let venice: FakeVenice;
const raws: RawServer[] = [];

beforeEach(async () => {
  venice = await startFakeVenice({ apiKey: KEY });
});
afterEach(async () => {
  await venice.close();
  for (const raw of raws.splice(0)) await raw.close();
});

const client = (options?: VeniceClientOptions) => recordingClient(venice, options);

async function raw(handler: Parameters<typeof startRawServer>[0]): Promise<RawServer> {
  const server = await startRawServer(handler);
  raws.push(server);
  return server;
}

/** "closed" when the server saw the connection close within `ms`, else "still open". */
function closedWithin(closed: Promise<void> | undefined, ms: number): Promise<string> {
  return Promise.race([
    (closed ?? new Promise<void>(() => {})).then(() => "closed"),
    new Promise<string>((resolve) => setTimeout(resolve, ms, "still open")),
  ]);
}

describe("a timeout ends the request (issue 11 #3)", () => {
  it("closes the socket of a server that never answers", async () => {
    const silent = await raw(() => {
      // Never answers: before the fix the socket stayed open until undici's 300 s header timeout.
    });
    const error = await failure(
      client({ baseURL: silent.url }).models.list({}, { timeoutMs: 1000, maxRetries: 0 }),
    );
    expect(error.code).toBe("CLIENT_TIMEOUT");
    await until(() => silent.requests.length === 1, 5000);
    expect(await closedWithin(silent.requests[0]?.closed, 5000)).toBe("closed");
  });

  it("stops a JSON body still downloading at the timeout", async () => {
    let written = 0;
    const slow = await raw(async (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"data":"');
      while (!res.destroyed && written < 50_000_000) {
        res.write("x".repeat(10_000));
        written += 10_000;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    });
    const error = await failure(
      client({ baseURL: slow.url }).models.list({}, { timeoutMs: 150, maxRetries: 0 }),
    );
    expect(error.code).toBe("CLIENT_TIMEOUT");
    expect(await closedWithin(slow.requests[0]?.closed, 5000)).toBe("closed");
    expect(written).toBeLessThan(50_000_000);
  });

  it("an abort ends the underlying request too", async () => {
    const silent = await raw(() => {});
    const controller = new AbortController();
    const pending = failure(
      client({ baseURL: silent.url }).models.list({}, { signal: controller.signal }),
    );
    await until(() => silent.requests.length === 1, 5000);
    controller.abort();
    expect((await pending).code).toBe("ABORTED");
    expect(await closedWithin(silent.requests[0]?.closed, 5000)).toBe("closed");
  });

  it("a timeout longer than a timer can hold does not fire at once", async () => {
    const answer = await client({ timeoutMs: 2 ** 32 }).models.list();
    expect(answer.data.length).toBeGreaterThan(0);
  });
});

describe("error bodies are bounded (issue 11 #4)", () => {
  it("reads at most maxErrorBodyBytes, stops the download, keeps the prefix and marks it truncated", async () => {
    let written = 0;
    const huge = await raw(async (_req, res) => {
      res.writeHead(500, { "content-type": "text/plain" });
      const chunk = "e".repeat(64 * 1024);
      while (!res.destroyed && written < 200 * 1024 * 1024) {
        if (!res.write(chunk)) await new Promise((resolve) => res.once("drain", resolve));
        written += chunk.length;
      }
      res.end();
    });
    const error = await failure(
      client({ baseURL: huge.url, maxErrorBodyBytes: 100_000 }).models.list({}, { maxRetries: 0 }),
    );
    expect(error).toMatchObject({ code: "UNKNOWN_ERROR", status: 500 });
    expect(typeof error.body).toBe("string");
    expect((error.body as string).length).toBe(100_000);
    expect(error.attempts).toEqual([expect.objectContaining({ status: 500, bodyTruncated: true })]);
    expect(await closedWithin(huge.requests[0]?.closed, 5000)).toBe("closed");
    expect(written).toBeLessThan(200 * 1024 * 1024);
  });

  it("classifies a truncated JSON body from its status, and retries it only as the rules allow", async () => {
    const big = await raw((_req, res) => {
      res.writeHead(503, { "content-type": "application/json", "retry-after": "0" });
      res.end(JSON.stringify({ error: "The model is at capacity.", pad: "p".repeat(3_000_000) }));
    });
    const error = await failure(client({ baseURL: big.url }).models.list());
    expect(error).toMatchObject({ status: 503 });
    expect(error.attempts).toHaveLength(3);
    expect(error.attempts.every((attempt) => attempt.bodyTruncated === true)).toBe(true);
    // The first MiB is read; core's bounded copy of a body keeps at most 1,000,000 characters.
    expect((error.body as string).length).toBe(1_000_000);
  });

  it("keeps a small error body whole", async () => {
    venice.enqueue({ error: "INVALID_REQUEST" });
    const error = await failure(client().models.list());
    expect(error.attempts[0]?.bodyTruncated).toBeUndefined();
    expect(error.body).toMatchObject({ error: expect.any(String) });
  });
});

describe("generation requests are never charged twice (issue 11 #5)", () => {
  it.each([
    ["POST", "/chat/completions", true],
    ["post", "/api/v1/chat/completions", true],
    ["POST", "/image/generate", true],
    ["POST", "/images/edits", true],
    ["POST", "/audio/speech", true],
    ["POST", "/video/queue", true],
    ["POST", "/responses", true],
    ["POST", "/video/retrieve", false],
    ["POST", "/audio/complete", false],
    ["POST", "/embeddings", false],
    ["GET", "/chat/completions", false],
    ["GET", "/models", false],
  ] as const)("%s %s is a generation: %s", (method, path, expected) => {
    expect(isGenerationRequest(method, path)).toBe(expected);
  });

  it.each([
    ["a 500", { error: "INFERENCE_FAILED" as const }],
    ["a 503 without a wait hint", { error: "MODEL_AT_CAPACITY" as const, retryAfter: null }],
    ["a reset once the body was sent", { hangUp: true as const }],
    ["a non-JSON 200", { status: 200, body: "<html>ok</html>" }],
  ])("a chat completion is sent once after %s", async (_name, script) => {
    venice.enqueue(script, { reply: "second" }, { reply: "third" });
    await failure(client().chat.completions.create({ model: "m", messages }));
    expect(venice.requests).toHaveLength(1);
  });

  it("an image is sent once after a 500", async () => {
    venice.enqueue({ error: "INFERENCE_FAILED" }, {});
    await failure(client().images.generate({ model: "m", prompt: "cat" }));
    expect(venice.requests).toHaveLength(1);
  });

  it("a chat completion is sent once after a timeout", async () => {
    venice.enqueue({ delayMs: 2000 }, {});
    const error = await failure(
      client().chat.completions.create({ model: "m", messages }, { timeoutMs: 100 }),
    );
    expect(error.code).toBe("CLIENT_TIMEOUT");
    expect(venice.requests).toHaveLength(1);
  });

  it("a chat completion is sent once after a cut 200", async () => {
    const cut = await raw((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      res.write('{"id":"x","choices":[');
      setTimeout(() => res.destroy(), 20);
    });
    await failure(client({ baseURL: cut.url }).chat.completions.create({ model: "m", messages }));
    expect(cut.requests).toHaveLength(1);
  });

  it("is retried after a 429, and after a 503 with a wait hint", async () => {
    venice.enqueue(
      { error: "RATE_LIMIT_EXCEEDED", retryAfter: 1 },
      { error: "MODEL_AT_CAPACITY", retryAfter: 2 },
    );
    const venice_ = client();
    await venice_.chat.completions.create({ model: "m", messages });
    expect(venice.requests).toHaveLength(3);
    expect(venice_.waits).toEqual([1000, 2000]);
  });

  it("is retried when the connection was refused before anything was sent", async () => {
    const port = await closedPort();
    const error = await failure(
      client({ baseURL: `http://127.0.0.1:${port}/api/v1` }).chat.completions.create({
        model: "m",
        messages,
      }),
    );
    expect(error.attempts.map((attempt) => attempt.code)).toEqual([
      "CONNECTION_ERROR",
      "CONNECTION_ERROR",
      "CONNECTION_ERROR",
    ]);
  });

  it("is retried after Cloudflare's 522 (Venice never had it), not after its 524 (Venice did)", async () => {
    venice.enqueue(createGatewayErrorAnswer(522), { reply: "second" });
    const answer = await client().chat.completions.create({ model: "m", messages });
    expect(answer.choices[0]?.message.content).toBe("second");
    expect(venice.requests).toHaveLength(2);

    venice.enqueue(createGatewayErrorAnswer(524), { reply: "not sent" });
    const error = await failure(client().chat.completions.create({ model: "m", messages }));
    expect(error).toMatchObject({ code: "REQUEST_TIMEOUT", status: 524 });
    expect(venice.requests).toHaveLength(3);
  });

  it("`generation: false` on a raw request opts a route back into ordinary retries", async () => {
    venice.enqueue({ error: "INFERENCE_FAILED" });
    await client().request("POST", "/chat/completions", {
      body: { model: "m", messages },
      generation: false,
    });
    expect(venice.requests).toHaveLength(2);
  });
});

describe("timers and the base URL (issue 11 #12)", () => {
  it("a Retry-After past the timer limit with maxRetryAfterMs: Infinity waits instead of firing at once", async () => {
    venice.enqueue({ error: "RATE_LIMIT_EXCEEDED", retryAfter: 2_147_484 }, {}, {});
    const controller = new AbortController();
    // The real timer: before the fix setTimeout overflowed and the 3 tries ran within ~60 ms.
    const venice_ = createVeniceClient({
      apiKey: KEY,
      baseURL: venice.url,
      retry: { maxRetryAfterMs: Number.POSITIVE_INFINITY },
      coordinator: { acquire: () => undefined, release: () => {} },
    });
    const pending = failure(venice_.models.list({}, { signal: controller.signal }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(venice.requests).toHaveLength(1);
    controller.abort();
    expect((await pending).code).toBe("ABORTED");
  });

  it("delay() clamps a wait past the timer limit instead of resolving at once", async () => {
    const controller = new AbortController();
    let settled = false;
    const wait = delay(MAX_TIMER_MS + 10_000, controller.signal).then(
      () => {
        settled = true;
      },
      () => undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(settled).toBe(false);
    controller.abort();
    await wait;
  });

  it("trims trailing slashes of the base URL in linear time", () => {
    expect(trimTrailingSlashes("https://api.venice.ai/api/v1///")).toBe(
      "https://api.venice.ai/api/v1",
    );
    expect(trimTrailingSlashes("https://x/")).toBe("https://x");
    const hostile = `https://x/${"/".repeat(200_000)}a`;
    const start = performance.now();
    expect(trimTrailingSlashes(hostile)).toBe(hostile);
    // `/\/+$/` retried from every slash: about 20 s for this input.
    expect(performance.now() - start).toBeLessThan(200);
  });
});

describe("the RequestPlan for new resources", () => {
  it("sends a binary body as it is, with the caller's content type", async () => {
    const seen: Array<{ type: string | undefined; bytes: number }> = [];
    const upload = await raw((req, res) => {
      seen.push({
        type: req.headers["content-type"],
        bytes: Number(req.headers["content-length"]),
      });
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"ok":true}');
    });
    const answer = await client({ baseURL: upload.url }).request("POST", "/audio/transcriptions", {
      body: new Uint8Array(1234),
      headers: { "content-type": "audio/wav" },
    });
    expect(answer).toEqual({ ok: true });
    expect(seen).toEqual([{ type: "audio/wav", bytes: 1234 }]);
  });

  it("fails a stream event larger than maxEventBytes with INVALID_RESPONSE", async () => {
    const big = await raw((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(`data: {"choices":[{"index":0,"delta":{"content":"a"}}]}\n\n`);
      res.write(`data: "${"x".repeat(5000)}`);
    });
    const stream = await client({ baseURL: big.url, maxEventBytes: 1000 }).chat.completions.create({
      model: "m",
      messages,
      stream: true,
    });
    const error = await failure(
      (async () => {
        for await (const _chunk of stream) {
          // drain
        }
      })(),
    );
    expect(error.code).toBe("INVALID_RESPONSE");
    expect(error.message).toMatch(/maxEventBytes \(1000\)/);
    expect(await closedWithin(big.requests[0]?.closed, 5000)).toBe("closed");
  });
});
