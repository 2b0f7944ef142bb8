import { startFakeVenice } from "@venice-errors/test-utils/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemo } from "./demo.js";
import { fakeDist, postJson, readSse, relayedJson } from "./test-helpers.js";

const chat = { messages: [{ role: "user", content: "Hello there" }] };

describe("demo backend against the built-in fake Venice", () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;
  beforeAll(async () => {
    demo = await startDemo({ distDir: fakeDist(), quiet: true });
  });
  afterAll(() => demo.close());

  it("streams a reply as server-sent events and records the call", async () => {
    const response = await postJson(`${demo.url}/api/chat`, chat);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const events = await readSse(response);
    const text = events
      .filter((e) => e.name === "delta")
      .map((e) => e.data.text)
      .join("");
    expect(text).toMatch(/fake Venice server/);
    expect(events.at(-1)?.name).toBe("done");

    const status = await (await fetch(`${demo.url}/api/status`)).json();
    expect(status).toMatchObject({
      mode: "fake",
      scenarios: true,
      lastCall: { outcome: "ok", status: 200 },
    });
    expect(status.rateLimits.remainingRequests).toBeTypeOf("number");
  });

  it("relays a 402 with its status as safe JSON", async () => {
    const response = await postJson(`${demo.url}/api/trigger`, { ...chat, scenario: "balance" });
    expect(response.status).toBe(402);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const json = await relayedJson(response);
    expect(json).toMatchObject({ name: "VeniceError", code: "INSUFFICIENT_BALANCE", status: 402 });
    expect(JSON.stringify(json)).not.toMatch(/demo-fake-key|authorization|set-cookie/i);
  });

  it("surfaces a long Retry-After after retrying a short one", async () => {
    const response = await postJson(`${demo.url}/api/trigger`, { ...chat, scenario: "rate-limit" });
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("20");
    const json = (await relayedJson(response)) as {
      attempts: { status: number; waitedMs: number }[];
    };
    expect(json).toMatchObject({ code: "RATE_LIMIT_EXCEEDED", retryAfterMs: 20_000 });
    expect(json.attempts.map((a: { status: number }) => a.status)).toEqual([429, 429]);
    expect(json.attempts[1]?.waitedMs).toBe(1000);
  });

  it("ends a stream that fails mid-way with an error event", async () => {
    const response = await postJson(`${demo.url}/api/trigger`, { ...chat, scenario: "mid-stream" });
    expect(response.status).toBe(200);
    const events = await readSse(response);
    expect(events.filter((e) => e.name === "delta").length).toBeGreaterThan(3);
    expect(events.at(-1)).toMatchObject({
      name: "error",
      data: { error: { code: "MODEL_OVERLOADED", status: 200 } },
    });
  });

  it("relays validation errors with their field errors", async () => {
    const prompt = "In two sentences: how does Venice keep my prompts private?";
    const response = await postJson(`${demo.url}/api/trigger`, {
      messages: [{ role: "user", content: prompt }],
      temperature: 0.9,
      scenario: "validation",
    });
    expect(response.status).toBe(400);
    const json = await relayedJson(response);
    expect(json.code).toBe("INVALID_REQUEST");
    expect(json.fieldErrors).toEqual({
      "messages.0.content": [expect.stringContaining(`${prompt.length} characters`)],
      temperature: [expect.stringContaining("temperature 0.9")],
    });
  });

  it("reports a dropped connection at once (a chat is never resent once sent), status 0 and a 502", async () => {
    const response = await postJson(`${demo.url}/api/trigger`, { ...chat, scenario: "network" });
    expect(response.status).toBe(502);
    const json = await relayedJson(response);
    expect(json).toMatchObject({ code: "CONNECTION_ERROR", status: 0 });
    expect(json.attempts).toHaveLength(1);
  });

  it("rejects unknown scenarios and routes", async () => {
    expect((await postJson(`${demo.url}/api/trigger`, { scenario: "meteor" })).status).toBe(400);
    expect((await fetch(`${demo.url}/api/nothing`)).status).toBe(404);
    expect((await postJson(`${demo.url}/api/chat`, "not an object")).status).toBe(400);
  });

  it("serves the page and never files outside it", async () => {
    const page = await fetch(`${demo.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<title>demo/);
    const outside = await fetch(`${demo.url}/..%2f..%2fpackage.json`);
    expect(outside.status).toBe(403);
  });
});

describe("demo backend in live mode", () => {
  const apiKey = "sk-live-secret-0123456789";
  let venice: Awaited<ReturnType<typeof startFakeVenice>>;
  let demo: Awaited<ReturnType<typeof startDemo>>;
  beforeAll(async () => {
    // A stand-in for api.venice.ai that checks the key.
    venice = await startFakeVenice({ apiKey });
    demo = await startDemo({ apiKey, baseURL: venice.url, distDir: fakeDist(), quiet: true });
  });
  afterAll(async () => {
    await demo.close();
    await venice.close();
  });

  it("refuses to script scenarios", async () => {
    const status = await (await fetch(`${demo.url}/api/status`)).json();
    expect(status).toMatchObject({ mode: "live", scenarios: false });
    const response = await postJson(`${demo.url}/api/trigger`, { ...chat, scenario: "balance" });
    expect(response.status).toBe(409);
    expect(venice.requests).toHaveLength(0);
  });

  it("relays real failures without the key", async () => {
    venice.enqueue({ error: "UNAUTHORIZED", message: `Key ${apiKey} may not do that` });
    const response = await postJson(`${demo.url}/api/chat`, chat);
    expect(response.status).toBe(403);
    const text = await response.text();
    expect(text).toMatch(/UNAUTHORIZED/);
    expect(text).not.toContain(apiKey);
  });
});
