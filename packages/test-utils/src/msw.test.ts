import { parseVeniceError, toVeniceError } from "@venice-errors/core";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createVeniceHandlers,
  type FakeVeniceRequest,
  VENICE_API_BASE_URL,
  veniceHandlers,
} from "./msw.js";

const server = setupServer(veniceHandlers.success());
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const chat = (body: Record<string, unknown> = {}, base = VENICE_API_BASE_URL) =>
  fetch(`${base}/chat/completions`, {
    method: "POST",
    headers: { authorization: "Bearer sk-secret", "content-type": "application/json" },
    body: JSON.stringify({
      model: "venice-uncensored",
      messages: [{ role: "user", content: "hi" }],
      ...body,
    }),
  });

describe("veniceHandlers", () => {
  it("succeeds by default with an OpenAI-compatible completion", async () => {
    const response = await chat();
    expect(response.status).toBe(200);
    expect((await response.json()).choices[0].message.content).toBe("You said: hi");
  });

  it("fail(code) answers with the realistic error", async () => {
    server.use(veniceHandlers.fail("INSUFFICIENT_BALANCE"));
    const response = await chat();
    expect(response.status).toBe(402);
    expect(response.headers.get("cf-ray")).toBeTruthy();
    const error = await parseVeniceError(response);
    expect(error.code).toBe("INSUFFICIENT_BALANCE");
    expect(error.balance).toEqual({ usd: 0, diem: 0 });
  });

  it("fail(code, { times }) fails that many times, then falls through", async () => {
    server.use(veniceHandlers.fail("RATE_LIMIT_EXCEEDED", { times: 2, retryAfter: 3 }));
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await chat()).status);
    expect(statuses).toEqual([429, 429, 200]);
  });

  it("fail with a route only fails that route", async () => {
    server.use(veniceHandlers.fail("MODEL_NOT_FOUND", { route: "GET /models" }));
    expect((await chat()).status).toBe(200);
    expect((await fetch(`${VENICE_API_BASE_URL}/models`)).status).toBe(404);
  });

  it("sequence: fail twice with 503, then succeed", async () => {
    server.use(
      veniceHandlers.sequence([
        { error: "MODEL_AT_CAPACITY" },
        { error: "MODEL_AT_CAPACITY" },
        "success",
      ]),
    );
    const codes = [];
    for (let i = 0; i < 3; i++) {
      const response = await chat();
      codes.push(response.ok ? "ok" : (await parseVeniceError(response)).code);
    }
    expect(codes).toEqual(["MODEL_AT_CAPACITY", "MODEL_AT_CAPACITY", "ok"]);
  });

  it("streamError sends chunks, then the in-band error, then [DONE]", async () => {
    server.use(veniceHandlers.streamError("MODEL_OVERLOADED", { chunks: ["a", "b"] }));
    const response = await chat({ stream: true });
    expect(response.status).toBe(200);
    const events = (await response.text()).split("\n\n").filter(Boolean);
    expect(events).toHaveLength(4);
    expect(events[3]).toBe("data: [DONE]");
    const error = toVeniceError({ status: 200, body: events[2]?.slice(6) });
    expect(error.code).toBe("MODEL_OVERLOADED");
    expect(error.retryAfterMs).toBe(30_000);
  });

  it("streamCut errors the body mid-way", async () => {
    server.use(veniceHandlers.streamCut(2, { chunks: 5 }));
    const response = await chat({ stream: true });
    await expect(response.text()).rejects.toThrow();
  });

  it("a hang-up script is a network error", async () => {
    server.use(veniceHandlers.sequence([{ hangUp: true }]));
    const failure = await chat().catch((error: unknown) => error);
    expect(toVeniceError(failure).code).toBe("CONNECTION_ERROR");
  });

  it("script() decides per request and sees the redacted request", async () => {
    const seen: string[] = [];
    server.use(
      veniceHandlers.script((request) => {
        seen.push(request.headers.authorization ?? "");
        return (request.body as { model?: string }).model === "retired"
          ? { error: "RESOURCE_RETIRED" }
          : undefined;
      }),
    );
    expect((await chat({ model: "retired" })).status).toBe(410);
    expect((await chat()).status).toBe(200);
    expect(seen).toEqual(["Bearer [REDACTED]", "Bearer [REDACTED]"]);
  });

  it("records no credential in clear: key headers, ?key= and a body's api_key (issue 11 #7)", async () => {
    const key = "sk-vn-recorded-0123456789";
    const seen: FakeVeniceRequest[] = [];
    server.use(
      veniceHandlers.script((request) => {
        seen.push(request);
        return undefined;
      }),
    );
    await fetch(`${VENICE_API_BASE_URL}/chat/completions?key=${key}&api_key=${key}&type=text`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${key}`,
        "x-venice-api-key": key,
        "proxy-authorization": `Basic ${key}`,
        "x-auth-token": key,
        "x-api-key": key,
        "api-key": key,
        cookie: `session=${key}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({
        model: "venice-uncensored",
        messages: [{ role: "user", content: "hi" }],
        api_key: key,
      }),
    });
    const [request] = seen;
    expect(JSON.stringify(seen)).not.toContain(key);
    expect(request?.headers).toMatchObject({
      authorization: "Bearer [REDACTED]",
      "x-venice-api-key": "[REDACTED]",
      "proxy-authorization": "[REDACTED]",
      "x-auth-token": "[REDACTED]",
    });
    expect(request?.url).toBe(
      "/api/v1/chat/completions?key=[REDACTED]&api_key=[REDACTED]&type=text",
    );
    expect(request?.body).toMatchObject({ api_key: "[REDACTED]", model: "venice-uncensored" });
  });

  it("createVeniceHandlers({ baseURL }) intercepts another base URL", async () => {
    const local = createVeniceHandlers({ baseURL: "http://127.0.0.1:9/api/v1" });
    server.use(local.fail("UNAUTHORIZED"));
    const response = await chat({}, "http://127.0.0.1:9/api/v1");
    expect((await parseVeniceError(response)).code).toBe("UNAUTHORIZED");
  });
});
