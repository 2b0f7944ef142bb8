import { isVeniceError, type VeniceError } from "@venice-errors/core";
import { type FakeVenice, startFakeVenice } from "@venice-errors/test-utils/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createVeniceClient, type VeniceClientOptions } from "./client.js";
import type { VeniceStream } from "./stream.js";
import { recordingSleep, startRawServer, writeSlowly } from "./test-support/local-server.js";
import type { ChatCompletionChunk } from "./types.js";

const KEY = "vk-stream-0123456789";
let venice: FakeVenice;
// A fresh server per test: a request cut by one test cannot reach the next test's script queue.
beforeEach(async () => {
  venice = await startFakeVenice({ apiKey: KEY });
});
afterEach(() => venice.close());

const messages = [{ role: "user", content: "Hi" }];

function client(options: VeniceClientOptions = {}) {
  return createVeniceClient({
    apiKey: KEY,
    baseURL: venice.url,
    sleep: recordingSleep().sleep,
    ...options,
  });
}

/** Reads a stream to the end; returns the text received and the error it threw, if any. */
async function drain(stream: VeniceStream<ChatCompletionChunk>) {
  let text = "";
  try {
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
  } catch (error) {
    if (!isVeniceError(error)) throw error;
    return { text, error: error as VeniceError };
  }
  return { text, error: undefined };
}

function stream(options: VeniceClientOptions = {}, signal?: AbortSignal) {
  return client(options).chat.completions.create(
    { model: "m", messages, stream: true },
    signal ? { signal } : {},
  );
}

describe("streaming", () => {
  it("yields parsed chunks until [DONE]", async () => {
    venice.enqueue({ stream: { chunks: ["Hel", "lo", " world"] } });
    const result = await drain(await stream());
    expect(result).toEqual({ text: "Hello world", error: undefined });
  });

  it("after [DONE], reads the body to its end: no abort, and the connection serves the next stream", async () => {
    const sockets = new Set<unknown>();
    const raw = await startRawServer(async (req, res) => {
      sockets.add(req.socket);
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(
        `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: "a" } }] })}\n\n`,
      );
      res.write("data: [DONE]\n\n");
      // The body ends a moment after [DONE]: cancelling it instead would close the connection.
      await new Promise((resolve) => setTimeout(resolve, 30));
      res.end();
    });
    const signals: AbortSignal[] = [];
    const recordingFetch: typeof fetch = (input, init) => {
      if (init?.signal) signals.push(init.signal);
      return fetch(input, init);
    };
    try {
      const venice = client({ baseURL: raw.url, fetch: recordingFetch });
      for (let i = 0; i < 3; i++) {
        const chat = await venice.chat.completions.create({ model: "m", messages, stream: true });
        expect(await drain(chat)).toEqual({ text: "a", error: undefined });
        // The loop ended at [DONE]; the body's end follows, and with it the connection is free.
        await new Promise((resolve) => setTimeout(resolve, 80));
      }
      expect(signals).toHaveLength(3);
      expect(signals.filter((signal) => signal.aborted)).toEqual([]);
      expect(sockets.size).toBe(1);
    } finally {
      await raw.close();
    }
  });

  it("after [DONE], a body that never ends is cancelled within 2 s", async () => {
    const raw = await startRawServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(
        `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: "a" } }] })}\n\n`,
      );
      res.write("data: [DONE]\n\n"); // and the body stays open
    });
    try {
      const chat = await client({ baseURL: raw.url }).chat.completions.create({
        model: "m",
        messages,
        stream: true,
      });
      expect(await drain(chat)).toEqual({ text: "a", error: undefined });
      const started = performance.now();
      await raw.requests[0]?.closed;
      const ms = performance.now() - started;
      expect(ms).toBeGreaterThan(500);
      expect(ms).toBeLessThan(2500);
    } finally {
      await raw.close();
    }
  });

  it("handles \\r\\n line ends and events split anywhere, also inside a UTF-8 character", async () => {
    const events = [
      ": comment\r\n",
      `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: "안녕" } }] })}\r\n\r\n`,
      `data: {"choices":[{"index":0,\r\ndata: "delta":{"content":"하세요"}}]}\r\n\r\n`,
      "data: [DONE]\r\n\r\n",
    ];
    const bytes = Buffer.from(events.join(""));
    // Split into 3-byte slices: every multi-byte character and every \r\n gets cut somewhere.
    const parts: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 3) parts.push(bytes.subarray(i, i + 3));
    const raw = await startRawServer(async (_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      await writeSlowly(res, parts);
      res.end();
    });
    try {
      const result = await drain(await stream({ baseURL: raw.url }));
      expect(result).toEqual({ text: "안녕하세요", error: undefined });
    } finally {
      await raw.close();
    }
  });

  it("throws an in-band error (object form) with its code and retryAfterMs, after the chunks, without retrying", async () => {
    venice.enqueue({ stream: { chunks: ["a", "b"], error: "MODEL_OVERLOADED" } });
    const result = await drain(await stream());
    expect(result.text).toBe("ab");
    expect(result.error).toMatchObject({
      code: "MODEL_OVERLOADED",
      status: 200,
      retryAfterMs: 30_000,
    });
    expect(result.error?.attempts).toEqual([
      expect.objectContaining({ attempt: 1, status: 200, code: "MODEL_OVERLOADED" }),
    ]);
    expect(venice.requests).toHaveLength(1);
  });

  it("throws an in-band error in the string form", async () => {
    venice.enqueue({
      stream: {
        chunks: ["a"],
        error: { error: "Inference processing failed, reference request ID: abc123" },
      },
    });
    const result = await drain(await stream());
    expect(result.error).toMatchObject({ code: "INFERENCE_FAILED", status: 200 });
    expect(result.error?.message).toContain("Inference processing failed");
  });

  it("throws upstream_error and /responses' response.failed events", async () => {
    venice.enqueue({
      stream: {
        chunks: ["a"],
        error: { error: { type: "api_error", code: "upstream_error", message: "Upstream failed" } },
      },
    });
    expect((await drain(await stream())).error).toMatchObject({
      status: 200,
      message: "Upstream failed",
    });
    const raw = await startRawServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.end(
        'data: {"type":"response.output_text.delta","delta":"x"}\n\n' +
          'event: response.failed\ndata: {"type":"response.failed","response":{"error":{"code":"model_overloaded","message":"The model is currently overloaded. Please try again later."}}}\n\n',
      );
    });
    try {
      const venice_ = client({ baseURL: raw.url });
      const events = await venice_.request("POST", "/responses", { body: {}, stream: true });
      const seen: unknown[] = [];
      const error = await (async () => {
        try {
          for await (const event of events) seen.push(event);
        } catch (thrown) {
          return thrown as VeniceError;
        }
      })();
      expect(seen).toHaveLength(1);
      expect(error).toMatchObject({ code: "MODEL_OVERLOADED", status: 200 });
    } finally {
      await raw.close();
    }
  });

  it("retries an in-band error that arrives before the first chunk", async () => {
    venice.enqueue(
      { stream: { chunks: [], error: "MODEL_OVERLOADED" } },
      { stream: { chunks: ["ok"] } },
    );
    const sleeper = recordingSleep();
    const result = await drain(await stream({ sleep: sleeper.sleep }));
    expect(result).toEqual({ text: "ok", error: undefined });
    expect(sleeper.waits).toEqual([30_000]);
    expect(venice.requests).toHaveLength(2);
  });

  it("does not resend a chat stream cut before its first event: the work may have run", async () => {
    venice.enqueue({ stream: { chunks: ["x"], cutAfter: 0 } }, { stream: { chunks: ["ok"] } });
    const error = await stream().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toMatchObject({ code: "STREAM_INTERRUPTED" });
    expect(venice.requests).toHaveLength(1);
  });

  it("throws STREAM_INTERRUPTED when the connection is cut mid-stream, and does not retry", async () => {
    venice.enqueue({ stream: { chunks: ["a", "b", "c", "d"], cutAfter: 2 } });
    const result = await drain(await stream());
    expect(result.text).toBe("ab");
    expect(result.error).toMatchObject({ code: "STREAM_INTERRUPTED", status: 0 });
    expect(result.error?.attempts).toHaveLength(1);
    expect(venice.requests).toHaveLength(1);
  });

  it("throws STREAM_INTERRUPTED when the body ends without [DONE]", async () => {
    const raw = await startRawServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.end('data: {"choices":[{"index":0,"delta":{"content":"a"}}]}\n\ndata: {"cho');
    });
    try {
      const result = await drain(await stream({ baseURL: raw.url }));
      expect(result).toMatchObject({ text: "a", error: { code: "STREAM_INTERRUPTED" } });
    } finally {
      await raw.close();
    }
  });

  it("ends a stream of named events (/responses) cleanly without [DONE]", async () => {
    const raw = await startRawServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.end(
        'event: response.output_text.delta\ndata: {"type":"response.output_text.delta","delta":"x"}\n\n' +
          'event: response.completed\ndata: {"type":"response.completed","response":{}}\n\n',
      );
    });
    try {
      const events = await client({ baseURL: raw.url }).request("POST", "/responses", {
        body: {},
        stream: true,
      });
      const types: unknown[] = [];
      for await (const event of events) types.push((event as { type: string }).type);
      expect(types).toEqual(["response.output_text.delta", "response.completed"]);
    } finally {
      await raw.close();
    }
  });

  it("closes the connection when the caller breaks out of the loop", async () => {
    // The server sends one event and then holds the connection open for good: only the client
    // closing it can end the request on the server's side.
    const raw = await startRawServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(`data: {"choices":[{"index":0,"delta":{"content":"0"}}]}\n\n`);
    });
    try {
      const chunks = await stream({ baseURL: raw.url });
      for await (const _chunk of chunks) break;
      const outcome = await Promise.race([
        raw.requests[0]?.closed.then(() => "closed"),
        new Promise((resolve) => setTimeout(resolve, 2000, "still open")),
      ]);
      expect(outcome).toBe("closed");
    } finally {
      await raw.close();
    }
  });

  it("stream.abort() ends the loop quietly and closes the connection", async () => {
    const raw = await startRawServer(async (_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      for (let i = 0; i < 500 && !res.destroyed; i++) {
        res.write(`data: {"choices":[{"index":0,"delta":{"content":"x"}}]}\n\n`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      res.end();
    });
    try {
      const chunks = await stream({ baseURL: raw.url });
      let count = 0;
      for await (const _chunk of chunks) {
        if (++count === 2) chunks.abort();
      }
      expect(count).toBeGreaterThanOrEqual(2);
      await raw.requests[0]?.closed;
    } finally {
      await raw.close();
    }
  });

  it("aborting the signal mid-stream throws ABORTED and closes the connection", async () => {
    const raw = await startRawServer(async (_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      for (let i = 0; i < 500 && !res.destroyed; i++) {
        res.write(`data: {"choices":[{"index":0,"delta":{"content":"x"}}]}\n\n`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      res.end();
    });
    try {
      const controller = new AbortController();
      const chunks = await stream({ baseURL: raw.url }, controller.signal);
      let count = 0;
      const result = await (async () => {
        try {
          for await (const _chunk of chunks) {
            if (++count === 3) controller.abort();
          }
        } catch (error) {
          return error as VeniceError;
        }
      })();
      expect(result).toMatchObject({ code: "ABORTED" });
      await raw.requests[0]?.closed;
    } finally {
      await raw.close();
    }
  });

  it("times out a stream that goes quiet (CLIENT_TIMEOUT)", async () => {
    venice.enqueue({ stream: { chunks: ["a", "b"], chunkDelayMs: 4000 } });
    const start = performance.now();
    const result = await drain(await stream({ timeoutMs: 300 }));
    expect(result).toMatchObject({ text: "a", error: { code: "CLIENT_TIMEOUT" } });
    expect(performance.now() - start).toBeLessThan(3000);
  });

  it("a timed-out stream releases its connection", async () => {
    const raw = await startRawServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write('data: {"choices":[{"index":0,"delta":{"content":"a"}}]}\n\n');
      // …then silence, forever.
    });
    try {
      const result = await drain(await stream({ baseURL: raw.url, timeoutMs: 100 }));
      expect(result).toMatchObject({ text: "a", error: { code: "CLIENT_TIMEOUT" } });
      await raw.requests[0]?.closed;
    } finally {
      await raw.close();
    }
  });

  it("an answer that arrives after its timeout is released unread", async () => {
    const raw = await startRawServer(async (_req, res) => {
      await new Promise((resolve) => setTimeout(resolve, 150));
      res.writeHead(200, { "content-type": "text/event-stream" });
      const timer = setInterval(() => res.write(": still here\n\n"), 10);
      res.on("close", () => clearInterval(timer));
    });
    try {
      await expect(
        stream({ baseURL: raw.url, timeoutMs: 50, maxRetries: 0 }),
      ).rejects.toMatchObject({
        code: "CLIENT_TIMEOUT",
      });
      await raw.requests[0]?.closed;
    } finally {
      await raw.close();
    }
  });

  it("keeps a stream going while events keep arriving within the timeout", async () => {
    // 8 events 60 ms apart: the whole stream takes longer than the timeout, no gap does.
    venice.enqueue({ stream: { chunks: ["a", "b", "c", "d", "e", "f", "g"], chunkDelayMs: 60 } });
    const result = await drain(await stream({ timeoutMs: 400 }));
    expect(result).toEqual({ text: "abcdefg", error: undefined });
  });

  it("rejects at open for an error status, with retries as for any request", async () => {
    venice.enqueue({ error: "INSUFFICIENT_BALANCE" });
    await expect(stream()).rejects.toMatchObject({ code: "INSUFFICIENT_BALANCE", status: 402 });
    expect(venice.requests).toHaveLength(1);
  });

  it("exposes the request id and headers, and can be iterated once", async () => {
    venice.enqueue({ stream: { chunks: ["a"] } });
    const chunks = await stream();
    expect(chunks.requestId).toEqual(expect.any(String));
    expect(chunks.headers.get("content-type")).toContain("text/event-stream");
    await drain(chunks);
    expect(() => chunks[Symbol.asyncIterator]()).toThrow(TypeError);
  });
});
