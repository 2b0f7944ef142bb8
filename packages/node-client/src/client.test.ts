import { inspect } from "node:util";
import { type FakeVenice, startFakeVenice } from "@venice-errors/test-utils/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createVeniceClient, type VeniceClientOptions } from "./client.js";
import { failure, KEY, recordingClient } from "./test-support/fake-venice.js";
import { closedPort, recordingLogger, until, virtualClock } from "./test-support/local-server.js";

let venice: FakeVenice;

// A fresh server per test: a request cut by one test cannot reach the next test's script queue.
beforeEach(async () => {
  venice = await startFakeVenice({ apiKey: KEY });
});
afterEach(() => venice.close());

const messages = [{ role: "user", content: "Hi" }];

const client = (options?: VeniceClientOptions, clock?: ReturnType<typeof virtualClock>) =>
  recordingClient(venice, options, clock);

describe("createVeniceClient", () => {
  it("needs an API key, with a clear error at construction", () => {
    const saved = process.env.VENICE_API_KEY;
    delete process.env.VENICE_API_KEY;
    try {
      expect(() => createVeniceClient()).toThrow(/VENICE_API_KEY/);
      try {
        createVeniceClient();
      } catch (error) {
        expect(error).toMatchObject({ code: "AUTHENTICATION_FAILED", status: 0 });
      }
      process.env.VENICE_API_KEY = KEY;
      expect(() => createVeniceClient({ baseURL: venice.url })).not.toThrow();
    } finally {
      if (saved === undefined) delete process.env.VENICE_API_KEY;
      else process.env.VENICE_API_KEY = saved;
    }
  });

  it("creates chat completions, lists models, generates images and keeps the rate limits", async () => {
    const venice_ = client();
    const completion = await venice_.chat.completions.create({ model: "m", messages });
    expect(completion.object).toBe("chat.completion");
    expect(completion.choices[0]?.message.content).toEqual(expect.any(String));
    expect(venice_.rateLimits).toMatchObject({ limitRequests: 500, remainingRequests: 499 });
    const models = await venice_.models.list({ type: "text" });
    expect(models.data.length).toBeGreaterThan(0);
    const image = await venice_.images.generate({ model: "flux", prompt: "a cat" });
    expect(image.images[0]).toEqual(expect.any(String));
    expect(venice.requests.map((request) => request.url)).toEqual([
      "/api/v1/chat/completions",
      "/api/v1/models?type=text",
      "/api/v1/image/generate",
    ]);
    expect(venice.requests[0]?.headers.authorization).toBe("Bearer [REDACTED]");
    expect(venice.requests[0]?.body).toEqual({ model: "m", messages });
  });

  it("sends through an injected fetch", async () => {
    const seen: string[] = [];
    const venice_ = client({
      fetch: (input, init) => {
        seen.push(`${init?.method} ${String(input)}`);
        return fetch(input, init);
      },
    });
    await venice_.models.list();
    expect(seen).toEqual([`GET ${venice.url}/models`]);
  });

  it("rateLimits keeps the last rate-limit headers seen, also across answers without them", async () => {
    const venice_ = client();
    expect(venice_.rateLimits).toBeUndefined();
    await venice_.chat.completions.create({ model: "m", messages });
    await venice_.chat.completions.create({ model: "m", messages });
    await venice_.models.list(); // the fake's /models sends no rate-limit headers
    expect(venice_.rateLimits).toMatchObject({ remainingRequests: 498, limitTokens: 1_000_000 });
    expect(venice_.rateLimits?.resetRequestsAt).toBeGreaterThan(Date.now());
  });

  it("request() reaches any endpoint and sends query and body", async () => {
    venice.enqueue({ status: 200, body: { ok: true } });
    const result = await client().request<{ ok: boolean }>("POST", "/custom", {
      body: { a: 1 },
      query: { x: 1 },
    });
    expect(result).toEqual({ ok: true });
    expect(venice.requests[0]).toMatchObject({ url: "/api/v1/custom?x=1", body: { a: 1 } });
  });
});

describe("retries", () => {
  it("retries a 429 after the server's Retry-After (seconds)", async () => {
    venice.enqueue({ error: "RATE_LIMIT_EXCEEDED", retryAfter: 2 });
    const venice_ = client();
    await venice_.chat.completions.create({ model: "m", messages });
    expect(venice.requests).toHaveLength(2);
    expect(venice_.waits).toEqual([2000]);
  });

  it("retries a 429 after a Retry-After given as an HTTP date", async () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    venice.enqueue({
      error: "RATE_LIMIT_EXCEEDED",
      retryAfter: null,
      headers: { "retry-after": new Date(now + 7000).toUTCString() },
    });
    const venice_ = client({}, virtualClock(now));
    await venice_.chat.completions.create({ model: "m", messages });
    expect(venice_.waits).toEqual([7000]);
  });

  it("fails at once with retryAfterMs when the server asks for more than maxRetryAfterMs", async () => {
    venice.enqueue({ error: "RATE_LIMIT_EXCEEDED", retryAfter: 120 });
    const venice_ = client({ retry: { maxRetryAfterMs: 60_000 } });
    const error = await failure(venice_.chat.completions.create({ model: "m", messages }));
    expect(error).toMatchObject({
      code: "RATE_LIMIT_EXCEEDED",
      status: 429,
      retryAfterMs: 120_000,
    });
    expect(venice.requests).toHaveLength(1);
    expect(venice_.waits).toEqual([]);
  });

  it.each([
    ["INFERENCE_FAILED", 500],
    ["TEE_ATTESTATION_FAILED", 502],
    ["MODEL_AT_CAPACITY", 503],
    ["REQUEST_TIMEOUT", 504],
  ] as const)(
    "retries %s (%i) of a read (GET) with jittered backoff, then succeeds",
    async (code, _status) => {
      venice.enqueue({ error: code, retryAfter: null }, { error: code, retryAfter: null });
      const venice_ = client({ retry: { baseDelayMs: 100, random: () => 0.5 } });
      await venice_.models.list();
      expect(venice.requests).toHaveLength(3);
      expect(venice_.waits).toEqual([50, 100]);
    },
  );

  it("stops after maxRetries with every try in attempts", async () => {
    venice.enqueue(
      { error: "INFERENCE_FAILED", requestId: "req-1" },
      { error: "INFERENCE_FAILED", requestId: "req-2" },
      { error: "MODEL_OFFLINE", requestId: "req-3" },
    );
    const venice_ = client({ retry: { random: () => 0 } });
    const error = await failure(venice_.models.list());
    expect(error).toMatchObject({ code: "MODEL_OFFLINE", status: 503, requestId: "req-3" });
    expect(error.attempts).toEqual([
      { attempt: 1, status: 500, code: "INFERENCE_FAILED", waitedMs: 0, requestId: "req-1" },
      { attempt: 2, status: 500, code: "INFERENCE_FAILED", waitedMs: 0, requestId: "req-2" },
      { attempt: 3, status: 503, code: "MODEL_OFFLINE", waitedMs: 0, requestId: "req-3" },
    ]);
    expect(venice.requests).toHaveLength(3);
  });

  it("takes maxRetries per request", async () => {
    venice.enqueue({ error: "INFERENCE_FAILED" }, { error: "INFERENCE_FAILED" });
    const error = await failure(
      client({ maxRetries: 5 }).chat.completions.create(
        { model: "m", messages },
        { maxRetries: 0 },
      ),
    );
    expect(error.attempts).toHaveLength(1);
    expect(venice.requests).toHaveLength(1);
  });

  it.each([
    ["INSUFFICIENT_BALANCE", 402],
    ["API_KEY_USD_SPEND_LIMIT_EXCEEDED", 402],
    ["INVALID_REQUEST", 400],
    ["AUTHENTICATION_FAILED", 401],
    ["UNAUTHORIZED", 403],
    ["MODEL_NOT_FOUND", 404],
    ["PAYLOAD_TOO_LARGE", 413],
    ["CONTENT_POLICY_VIOLATION", 422],
  ] as const)("never retries %s (%i)", async (code, status) => {
    venice.enqueue({ error: code });
    const error = await failure(client().chat.completions.create({ model: "m", messages }));
    expect(error).toMatchObject({ code, status });
    expect(error.attempts).toEqual([
      expect.objectContaining({ attempt: 1, status, code, waitedMs: 0 }),
    ]);
    expect(error.requestId).toEqual(expect.any(String));
    expect(venice.requests).toHaveLength(1);
  });

  it("never retries Venice's abuse lock-out, and holds back until it ends", async () => {
    let now = 1_000_000;
    venice.enqueue({
      status: 429,
      body: {
        error:
          "Too many failed attempts (> 20) resulting in a non-success status code. Please wait 30s and try again.",
      },
    });
    const venice_ = client({ now: () => now });
    const error = await failure(venice_.chat.completions.create({ model: "m", messages }));
    expect(error).toMatchObject({
      code: "TOO_MANY_FAILED_ATTEMPTS",
      status: 429,
      retryAfterMs: 30_000,
    });
    const refused = await failure(venice_.models.list());
    expect(refused).toMatchObject({
      code: "TOO_MANY_FAILED_ATTEMPTS",
      status: 0,
      retryAfterMs: 30_000,
    });
    expect(venice.requests).toHaveLength(1);
    now += 30_000;
    await venice_.models.list();
    expect(venice.requests).toHaveLength(2);
  });

  it("retries a dropped connection (reset) and succeeds", async () => {
    venice.enqueue({ hangUp: true });
    const venice_ = client();
    await venice_.models.list();
    expect(venice.requests).toHaveLength(2);
    expect(venice_.waits).toHaveLength(1);
  });

  it("turns a refused connection into CONNECTION_ERROR after the retries", async () => {
    const port = await closedPort();
    const venice_ = client({ baseURL: `http://127.0.0.1:${port}/api/v1` });
    const error = await failure(venice_.models.list());
    expect(error).toMatchObject({ code: "CONNECTION_ERROR", status: 0 });
    expect(error.attempts.map((attempt) => attempt.code)).toEqual([
      "CONNECTION_ERROR",
      "CONNECTION_ERROR",
      "CONNECTION_ERROR",
    ]);
  });

  it("times out a slow answer as CLIENT_TIMEOUT, retries it, and succeeds", async () => {
    venice.enqueue({ delayMs: 5000 });
    const venice_ = client({ timeoutMs: 300 });
    const start = performance.now();
    await venice_.models.list();
    expect(performance.now() - start).toBeLessThan(3000);
    expect(venice.requests).toHaveLength(2);
  });

  it("reports CLIENT_TIMEOUT (not ABORTED) when tries run out", async () => {
    venice.enqueue({ delayMs: 2000 });
    const error = await failure(
      client().chat.completions.create({ model: "m", messages }, { timeoutMs: 30, maxRetries: 0 }),
    );
    expect(error).toMatchObject({ code: "CLIENT_TIMEOUT", status: 0, retryable: true });
  });

  it("rejects a 200 whose body is not JSON as INVALID_RESPONSE", async () => {
    venice.enqueue(
      { status: 200, body: "<html>oops</html>" },
      { status: 200, body: "<html>" },
      { status: 200, body: "<" },
    );
    const error = await failure(client().models.list());
    expect(error).toMatchObject({ code: "INVALID_RESPONSE", status: 0 });
  });
});

describe("abort", () => {
  it("cancels a request in flight at once (ABORTED, no retry)", async () => {
    venice.enqueue({ delayMs: 5000 });
    const controller = new AbortController();
    const pending = failure(
      client().chat.completions.create({ model: "m", messages }, { signal: controller.signal }),
    );
    await until(() => venice.requests.length === 1);
    const start = performance.now();
    controller.abort();
    const error = await pending;
    expect(error).toMatchObject({ code: "ABORTED", status: 0 });
    expect(error.attempts).toEqual([expect.objectContaining({ code: "ABORTED", status: 0 })]);
    expect(performance.now() - start).toBeLessThan(500);
    expect(venice.requests).toHaveLength(1);
  });

  it("cancels a retry wait at once (real timer)", async () => {
    venice.enqueue({ error: "RATE_LIMIT_EXCEEDED", retryAfter: 30 });
    const controller = new AbortController();
    let waitStarted = 0;
    const venice_ = createVeniceClient({
      apiKey: KEY,
      baseURL: venice.url,
      // The 30 s wait starts right after this hook; abort 10 ms into it.
      onRetry: () => {
        waitStarted = performance.now();
        setTimeout(() => controller.abort(), 10);
      },
    });
    const error = await failure(
      venice_.chat.completions.create({ model: "m", messages }, { signal: controller.signal }),
    );
    expect(error.code).toBe("ABORTED");
    expect(error.attempts).toEqual([expect.objectContaining({ code: "RATE_LIMIT_EXCEEDED" })]);
    expect(waitStarted).toBeGreaterThan(0);
    expect(performance.now() - waitStarted).toBeLessThan(1000);
    expect(venice.requests).toHaveLength(1);
  });

  it("sends nothing for a signal that already aborted", async () => {
    const error = await failure(client().models.list({}, { signal: AbortSignal.abort() }));
    expect(error.code).toBe("ABORTED");
    expect(venice.requests).toHaveLength(0);
  });
});

describe("failure budget", () => {
  it("refuses locally before Venice's abuse limit, until the window frees", async () => {
    let now = 2_000_000;
    const venice_ = client({ now: () => now, failureBudget: { maxFailures: 3, windowMs: 30_000 } });
    for (let i = 0; i < 3; i++) {
      venice.enqueue({ error: "INVALID_REQUEST" });
      await failure(venice_.chat.completions.create({ model: "m", messages }));
      now += 1000;
    }
    const refused = await failure(venice_.chat.completions.create({ model: "m", messages }));
    expect(refused).toMatchObject({
      code: "TOO_MANY_FAILED_ATTEMPTS",
      status: 0,
      matchedBy: "client",
      retryAfterMs: 27_000,
    });
    expect(venice.requests).toHaveLength(3);
    now += 27_000;
    await venice_.chat.completions.create({ model: "m", messages });
    expect(venice.requests).toHaveLength(4);
  });

  it("stops retries that would spend the budget", async () => {
    const venice_ = client({ failureBudget: { maxFailures: 1 } });
    venice.enqueue({ error: "INVALID_REQUEST" });
    await failure(venice_.models.list());
    const error = await failure(venice_.models.list());
    expect(error.code).toBe("TOO_MANY_FAILED_ATTEMPTS");
  });

  it("obeys the server's x-ratelimit-remaining / x-ratelimit-resets", async () => {
    const now = 3_000_000;
    venice.enqueue({
      reply: "ok",
      headers: { "x-ratelimit-remaining": "0", "x-ratelimit-resets": "9000" },
    });
    const venice_ = client({ now: () => now });
    await venice_.chat.completions.create({ model: "m", messages });
    expect(venice_.rateLimits).toMatchObject({ remainingFailures: 0, failuresResetAt: now + 9000 });
    const refused = await failure(venice_.models.list());
    expect(refused).toMatchObject({ code: "TOO_MANY_FAILED_ATTEMPTS", retryAfterMs: 9000 });
    expect(venice.requests).toHaveLength(1);
  });

  it("can be turned off", async () => {
    const venice_ = client({ failureBudget: false });
    for (let i = 0; i < 20; i++) venice.enqueue({ error: "INVALID_REQUEST" });
    for (let i = 0; i < 20; i++) await failure(venice_.models.list());
    expect(venice.requests).toHaveLength(20);
  });
});

describe("logging, hooks and secrets", () => {
  it("logs retries at debug and the final failure at the catalog's level, never the key", async () => {
    const { lines, logger } = recordingLogger();
    const retries: number[] = [];
    const errors: string[] = [];
    venice.enqueue(
      { error: "INFERENCE_FAILED" },
      { error: "INFERENCE_FAILED" },
      { error: "INFERENCE_FAILED" },
    );
    const venice_ = client({
      logger,
      onRetry: ({ retry }) => retries.push(retry),
      onError: (error) => errors.push(error.code),
    });
    await failure(venice_.models.list());
    expect(lines.map((line) => line.level)).toEqual(["debug", "debug", "error"]);
    expect(lines[2]?.metadata).toMatchObject({
      code: "INFERENCE_FAILED",
      status: 500,
      attempts: 3,
    });
    expect(retries).toEqual([1, 2]);
    expect(errors).toEqual(["INFERENCE_FAILED"]);
    expect(JSON.stringify(lines)).not.toContain(KEY);

    venice.enqueue({ error: "INSUFFICIENT_BALANCE" });
    await failure(venice_.models.list());
    expect(lines.at(-1)?.level).toBe("info");
  });

  it("keeps the key out of the message, toJSON, the stack, inspect and the headers even when the server echoes it", async () => {
    const { lines, logger } = recordingLogger();
    venice.enqueue({
      status: 400,
      headers: { "x-debug-auth": `Bearer ${KEY}`, "x-echo": KEY },
      body: { error: `Invalid request parameters: key ${KEY} is not allowed`, request_id: "req-x" },
    });
    const error = await failure(client({ logger }).models.list());
    expect(error.code).toBe("INVALID_REQUEST");
    for (const text of [
      error.message,
      error.stack ?? "",
      JSON.stringify(error),
      JSON.stringify(error.toJSON()),
      JSON.stringify(error.headers),
      JSON.stringify(error.body),
      inspect(error, { depth: 10 }),
      JSON.stringify(lines),
    ]) {
      expect(text).not.toContain(KEY);
    }
  });

  it("logs the error's details with console.log / util.inspect (request id, wait, rate limits)", async () => {
    venice.enqueue({ error: "INSUFFICIENT_BALANCE", headers: { "x-request-id": "req-logged" } });
    const error = await failure(client({ maxRetries: 0 }).models.list());
    const text = inspect(error);
    expect(text).toContain("code: 'INSUFFICIENT_BALANCE'");
    expect(text).toContain("requestId: 'req-logged'");
    expect(text).toContain("rateLimit:");
    expect(text).not.toContain(KEY);
  });

  it("keeps the key out of connection errors", async () => {
    const port = await closedPort();
    const error = await failure(
      client({ baseURL: `http://127.0.0.1:${port}`, maxRetries: 0 }).models.list(),
    );
    expect(inspect(error, { depth: 10 })).not.toContain(KEY);
    expect(JSON.stringify(error.toJSON())).not.toContain(KEY);
  });
});
