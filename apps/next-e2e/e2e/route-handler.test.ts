import { parseVeniceError, toVeniceError } from "@venice-errors/core";
import { type FakeVenice, startFakeVenice } from "@venice-errors/test-utils/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type NextApp, startNextApp } from "./next-app.js";

const KEY = "sk-next-e2e-route-0123456789abcdef";

let venice: FakeVenice;
let app: NextApp;

beforeAll(async () => {
  venice = await startFakeVenice({ apiKey: KEY });
  app = await startNextApp({ VENICE_BASE_URL: venice.url, VENICE_API_KEY: KEY });
});

afterAll(async () => {
  await app?.close();
  await venice?.close();
});

beforeEach(() => venice.reset());

/** POSTs to one of the app's route handlers, as the browser would. */
function chat(body: { prompt: string; stream?: boolean }, route = "/api/chat"): Promise<Response> {
  return fetch(`${app.url}${route}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

/** The whole answer as text: status line, every header, the body. */
async function wholeAnswer(response: Response): Promise<string> {
  const headers = [...response.headers].map(([name, value]) => `${name}: ${value}`).join("\n");
  return `${response.status}\n${headers}\n\n${await response.clone().text()}`;
}

function expectNoCredentials(text: string): void {
  expect(text).not.toContain(KEY);
  expect(text).not.toContain(KEY.slice(3, 20));
  expect(text.toLowerCase()).not.toContain("authorization");
  expect(text.toLowerCase()).not.toContain("bearer");
}

describe("route handler on next start", () => {
  it("answers a success through the fake Venice with the key it was given", async () => {
    venice.enqueue({ route: "POST /chat/completions", reply: "Hi from Venice" });
    const response = await chat({ prompt: "Hello" });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ text: "Hi from Venice" });
    expect(venice.requests).toHaveLength(1);
    expect(venice.requests[0]?.path).toBe("/chat/completions");
  });

  it("relays a 429 with Retry-After", async () => {
    venice.enqueue({
      route: "POST /chat/completions",
      error: "RATE_LIMIT_EXCEEDED",
      retryAfter: 12,
      requestId: "req-next-429",
    });
    const response = await chat({ prompt: "Hello" });
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("12");
    expect(response.headers.get("cache-control")).toContain("no-store");
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(response.headers.get("x-request-id")).toBe("req-next-429");
    expectNoCredentials(await wholeAnswer(response));
    const parsed = await parseVeniceError(response.clone());
    expect(parsed).toMatchObject({
      code: "RATE_LIMIT_EXCEEDED",
      status: 429,
      retryAfterMs: 12_000,
      requestId: "req-next-429",
      retryable: true,
    });
    const revived = toVeniceError(await response.json());
    expect(revived).toMatchObject({
      code: "RATE_LIMIT_EXCEEDED",
      status: 429,
      retryAfterMs: 12_000,
      requestId: "req-next-429",
    });
    // Exactly one call: the app did not retry on its own.
    expect(venice.requests).toHaveLength(1);
  });

  it("relays a 402 out of credits", async () => {
    venice.enqueue({
      route: "POST /chat/completions",
      error: "INSUFFICIENT_BALANCE",
      requestId: "req-next-402",
    });
    const response = await chat({ prompt: "Hello" });
    expect(response.status).toBe(402);
    expect(response.headers.get("retry-after")).toBeNull();
    expect(response.headers.get("cache-control")).toContain("no-store");
    expectNoCredentials(await wholeAnswer(response));
    expect(await parseVeniceError(response.clone())).toMatchObject({
      code: "INSUFFICIENT_BALANCE",
      status: 402,
      retryable: false,
      requestId: "req-next-402",
    });
    expect(toVeniceError(await response.json())).toMatchObject({
      code: "INSUFFICIENT_BALANCE",
      status: 402,
      requestId: "req-next-402",
    });
  });

  it("relays a 422 content policy violation", async () => {
    venice.enqueue({
      route: "POST /chat/completions",
      error: "CONTENT_POLICY_VIOLATION",
      requestId: "req-next-422",
    });
    const response = await chat({ prompt: "Hello" });
    expect(response.status).toBe(422);
    expect(response.headers.get("cache-control")).toContain("no-store");
    expectNoCredentials(await wholeAnswer(response));
    expect(await parseVeniceError(response.clone())).toMatchObject({
      code: "CONTENT_POLICY_VIOLATION",
      status: 422,
      category: "content_policy",
      requestId: "req-next-422",
    });
    expect(toVeniceError(await response.json())).toMatchObject({
      code: "CONTENT_POLICY_VIOLATION",
      status: 422,
      requestId: "req-next-422",
    });
  });

  it("hides the key when the upstream answer echoes it (body and headers)", async () => {
    venice.enqueue({
      route: "POST /chat/completions",
      status: 401,
      headers: {
        "content-type": "application/json",
        "x-request-id": "req-next-echo",
        "x-debug-authorization": `Bearer ${KEY}`,
      },
      body: {
        error: `Authentication failed for Authorization: Bearer ${KEY}`,
        request: { headers: { authorization: `Bearer ${KEY}` }, apiKey: KEY },
      },
    });
    const response = await chat({ prompt: "Hello" });
    expect(response.status).toBe(401);
    expect(response.headers.get("cache-control")).toContain("no-store");
    const whole = await wholeAnswer(response);
    expect(whole).not.toContain(KEY);
    expect(whole).not.toContain(KEY.slice(3, 20));
    expect(await parseVeniceError(response)).toMatchObject({
      status: 401,
      category: "auth",
      requestId: "req-next-echo",
    });
  });

  it("relays a stream cut mid-way as a 502 STREAM_INTERRUPTED", async () => {
    venice.enqueue({
      route: "POST /chat/completions",
      stream: { chunks: ["one ", "two ", "three ", "four"], cutAfter: 2 },
    });
    const response = await chat({ prompt: "Hello", stream: true });
    expect(response.status).toBe(502);
    expect(response.headers.get("retry-after")).toBeNull();
    expect(response.headers.get("cache-control")).toContain("no-store");
    expectNoCredentials(await wholeAnswer(response));
    const parsed = await parseVeniceError(response.clone());
    expect(parsed).toMatchObject({ code: "STREAM_INTERRUPTED", retryable: true });
    expect(toVeniceError(await response.json())).toMatchObject({
      code: "STREAM_INTERRUPTED",
      retryable: true,
    });
  });
});

describe("edge route handler (core alone) on next start", () => {
  it("answers a success", async () => {
    venice.enqueue({ route: "POST /chat/completions", reply: "Hi from the edge" });
    const response = await chat({ prompt: "Hello" }, "/api/edge");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ text: "Hi from the edge" });
  });

  it("relays a 429 with Retry-After and no key", async () => {
    venice.enqueue({
      route: "POST /chat/completions",
      error: "RATE_LIMIT_EXCEEDED",
      retryAfter: 7,
      requestId: "req-edge-429",
    });
    const response = await chat({ prompt: "Hello" }, "/api/edge");
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("7");
    expect(response.headers.get("cache-control")).toContain("no-store");
    expectNoCredentials(await wholeAnswer(response));
    expect(toVeniceError(await response.clone().json())).toMatchObject({
      code: "RATE_LIMIT_EXCEEDED",
      status: 429,
      retryAfterMs: 7_000,
      requestId: "req-edge-429",
    });
    expect(await parseVeniceError(response)).toMatchObject({
      code: "RATE_LIMIT_EXCEEDED",
      retryAfterMs: 7_000,
      requestId: "req-edge-429",
    });
  });
});
