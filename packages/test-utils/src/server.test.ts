import { parseVeniceError, toVeniceError } from "@venice-errors/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeVenice, startFakeVenice } from "./server.js";

let venice: FakeVenice;
const KEY = "sk-test-secret-key";

beforeEach(async () => {
  venice = await startFakeVenice({ seed: 7, apiKey: KEY });
});
afterEach(async () => {
  await venice.close();
});

function chat(body: Record<string, unknown> = {}, key = KEY, init: RequestInit = {}) {
  return fetch(`${venice.url}/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({
      model: "llama-3.3-70b",
      messages: [{ role: "user", content: "ping" }],
      ...body,
    }),
    ...init,
  });
}

async function readText(response: Response): Promise<string> {
  return await response.text();
}

describe("startFakeVenice", () => {
  it("listens on 127.0.0.1 with a random port and the /api/v1 base", () => {
    expect(venice.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
    expect(venice.port).toBeGreaterThan(0);
  });

  it("answers chat completions with an echo of the last user message and realistic headers", async () => {
    const response = await chat();
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.object).toBe("chat.completion");
    expect(body.model).toBe("llama-3.3-70b");
    expect(body.choices[0].message.content).toBe("You said: ping");
    expect(response.headers.get("cf-ray")).toMatch(/^[0-9a-f]{16}-[A-Z]{3}$/);
    expect(response.headers.get("x-request-id")).toBeTruthy();
    expect(response.headers.get("content-type")).toContain("application/json");
    const first = Number(response.headers.get("x-ratelimit-remaining-requests"));
    const second = Number((await chat()).headers.get("x-ratelimit-remaining-requests"));
    expect(second).toBe(first - 1);
  });

  it("rejects another API key with 401 AUTHENTICATION_FAILED", async () => {
    const response = await chat({}, "wrong");
    expect(response.status).toBe(401);
    expect((await parseVeniceError(response)).code).toBe("AUTHENTICATION_FAILED");
  });

  it("records requests with Authorization redacted", async () => {
    await chat({ temperature: 0.5 });
    expect(venice.requests).toHaveLength(1);
    const [request] = venice.requests;
    expect(request?.route).toBe("POST /chat/completions");
    expect(request?.headers.authorization).toBe("Bearer [REDACTED]");
    expect(JSON.stringify(venice.requests)).not.toContain(KEY);
    expect(request?.body).toMatchObject({ temperature: 0.5, model: "llama-3.3-70b" });
  });

  it("records no credential in clear: key headers, ?key= and a body's api_key (issue 11 #7)", async () => {
    await fetch(`${venice.url}/models?key=${KEY}&type=text&access_token=${KEY}`, {
      headers: {
        authorization: `Bearer ${KEY}`,
        "x-venice-api-key": KEY,
        "proxy-authorization": `Basic ${KEY}`,
        "x-auth-token": KEY,
        "x-api-key": KEY,
      },
    });
    await chat({ api_key: KEY, nested: { token: KEY } });
    expect(JSON.stringify(venice.requests)).not.toContain(KEY);
    const [models, completion] = venice.requests;
    expect(models?.url).toBe("/api/v1/models?key=[REDACTED]&type=text&access_token=[REDACTED]");
    expect(models?.headers).toMatchObject({
      authorization: "Bearer [REDACTED]",
      "x-venice-api-key": "[REDACTED]",
      "proxy-authorization": "[REDACTED]",
      "x-auth-token": "[REDACTED]",
      "x-api-key": "[REDACTED]",
    });
    expect(completion?.body).toMatchObject({
      api_key: "[REDACTED]",
      nested: { token: "[REDACTED]" },
      model: "llama-3.3-70b",
    });
  });

  it("answers queued scripts in order: fail twice with 503, then succeed", async () => {
    venice.enqueue({ error: "MODEL_AT_CAPACITY" }, { error: "MODEL_AT_CAPACITY" });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await chat()).status);
    expect(statuses).toEqual([503, 503, 200]);
    expect(venice.pending()).toBe(0);
  });

  it("sends realistic error answers that core classifies back", async () => {
    venice.enqueue({ error: "RATE_LIMIT_EXCEEDED", retryAfter: 12 });
    const response = await chat();
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("12");
    expect(response.headers.get("x-ratelimit-remaining-requests")).toBe("0");
    const error = await parseVeniceError(response);
    expect(error.code).toBe("RATE_LIMIT_EXCEEDED");
    expect(error.retryAfterMs).toBe(12_000);
  });

  it("filters scripts by route", async () => {
    venice.enqueue({ route: "GET /models", error: "UNKNOWN_ERROR" });
    expect((await chat()).status).toBe(200);
    const models = await fetch(`${venice.url}/models`, {
      headers: { authorization: `Bearer ${KEY}` },
    });
    expect(models.status).toBe(500);
  });

  it("uses the handler for per-request logic", async () => {
    venice.setHandler((request) =>
      (request.body as { model?: string }).model === "gone"
        ? { error: "RESOURCE_RETIRED" }
        : undefined,
    );
    expect((await chat({ model: "gone" })).status).toBe(410);
    expect((await chat()).status).toBe(200);
  });

  it("answers a raw script's bytes as they are (a handler's own image or audio)", async () => {
    const wav = new Uint8Array([0x52, 0x49, 0x46, 0x46, 0, 1, 2, 255]);
    venice.enqueue(
      {
        route: "POST /audio/speech",
        status: 200,
        headers: { "content-type": "audio/wav" },
        body: wav,
      },
      { route: "POST /audio/speech", status: 200, body: wav },
    );
    const speech = () =>
      fetch(`${venice.url}/audio/speech`, {
        method: "POST",
        headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
        body: JSON.stringify({ input: "Hi" }),
      });
    const typed = await speech();
    expect(typed.headers.get("content-type")).toBe("audio/wav");
    expect(new Uint8Array(await typed.arrayBuffer())).toEqual(wav);
    const untyped = await speech();
    expect(untyped.headers.get("content-type")).toBe("application/octet-stream");
    expect(new Uint8Array(await untyped.arrayBuffer())).toEqual(wav);
  });

  it("streams chunks ending with [DONE], and in-band errors after chunks", async () => {
    const ok = await readText(await chat({ stream: true }));
    expect(ok).toContain('"object":"chat.completion.chunk"');
    expect(ok.trimEnd().endsWith("data: [DONE]")).toBe(true);

    venice.enqueue({ stream: { chunks: ["Hel", "lo"], error: "MODEL_OVERLOADED" } });
    const response = await chat({ stream: true });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const events = (await readText(response))
      .split("\n\n")
      .filter(Boolean)
      .map((event) => event.slice("data: ".length));
    expect(events).toHaveLength(4);
    expect(events[3]).toBe("[DONE]");
    const error = toVeniceError({ status: 200, body: events[2] });
    expect(error.code).toBe("MODEL_OVERLOADED");
  });

  it("cuts the stream after N chunks", async () => {
    venice.enqueue({ stream: { chunks: 5, cutAfter: 2 } });
    const response = await chat({ stream: true });
    await expect(readText(response)).rejects.toThrow();
  });

  it("hangs up without answering", async () => {
    venice.enqueue({ hangUp: true });
    const failure = await chat().catch((error: unknown) => error);
    expect(toVeniceError(failure).code).toBe("CONNECTION_ERROR");
  });

  it("delays answers (client timeouts) and close() ends pending ones", async () => {
    venice.enqueue({ delayMs: 10_000 });
    const failure = await chat({}, KEY, { signal: AbortSignal.timeout(50) }).catch(
      (error: unknown) => error,
    );
    expect(toVeniceError(failure).code).toBe("CLIENT_TIMEOUT");
  });

  it("serves models and image generation", async () => {
    const headers = { authorization: `Bearer ${KEY}` };
    const models = await (await fetch(`${venice.url}/models`, { headers })).json();
    expect(models.data.map((model: { id: string }) => model.id)).toContain("venice-uncensored");
    const image = await fetch(`${venice.url}/image/generate`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ model: "flux", prompt: "a cat" }),
    });
    const body = await image.json();
    expect(body.images).toHaveLength(1);
    expect(body.timing.total).toBeGreaterThan(0);
  });

  it("answers concurrent requests and records each", async () => {
    venice.setHandler((request) => {
      const text = (request.body as { messages: { content: string }[] }).messages[0]?.content;
      return text?.endsWith("3") ? { error: "INFERENCE_FAILED" } : undefined;
    });
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        chat({ messages: [{ role: "user", content: `n${i}` }] }),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 500)).toHaveLength(2);
    const texts = await Promise.all(
      responses.filter((r) => r.ok).map(async (r) => (await r.json()).choices[0].message.content),
    );
    expect(new Set(texts).size).toBe(18);
    expect(venice.requests).toHaveLength(20);
    const remaining = responses.map((r) => Number(r.headers.get("x-ratelimit-remaining-requests")));
    expect(new Set(remaining).size).toBe(20);
  });

  it("closes cleanly while a stream is open", async () => {
    venice.enqueue({ stream: { chunks: 50, chunkDelayMs: 1000 } });
    const response = await chat({ stream: true });
    const reader = response.body!.getReader();
    await reader.read();
    await venice.close();
    await expect(
      (async () => {
        for (;;) if ((await reader.read()).done) break;
      })(),
    ).rejects.toThrow();
  });
});
