import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { failure, type Harness, startHarness } from "./test-support/fake-venice.js";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.venice.close());

describe("client.request for any route", () => {
  it("sends a FormData body as multipart (fetch sets the boundary)", async () => {
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array([1, 2, 3])], { type: "audio/wav" }), "a.wav");
    form.append("model", "openai/whisper-large-v3");
    const result = await h.client.request<{ text: string }>("POST", "/audio/transcriptions", {
      body: form,
    });
    expect(result.text).toBe("Hello from the fake Venice API.");
    expect(h.venice.requests[0]?.headers["content-type"]).toMatch(
      /^multipart\/form-data; boundary=/,
    );
  });

  it("sends bytes with their content type", async () => {
    h.venice.enqueue({ route: "POST /upload", status: 200, body: { ok: true } });
    await h.client.request("POST", "/upload", {
      body: new Uint8Array([1, 2, 3, 4]),
      contentType: "image/png",
    });
    expect(h.venice.requests[0]?.body).toEqual({ binary: true, contentType: "image/png", size: 4 });
  });

  it("answer: bytes gives the bytes, content type and headers", async () => {
    const speech = await h.client.request("POST", "/audio/speech", {
      body: { input: "Hi" },
      answer: "bytes",
    });
    expect(speech.contentType).toBe("audio/mpeg");
    expect(speech.bytes.byteLength).toBeGreaterThan(0);
    expect(speech.headers.get("x-ratelimit-limit-requests")).toBe("500");
  });

  it("answer: body gives a stream to read", async () => {
    const speech = await h.client.request("POST", "/audio/speech", {
      body: { input: "Hi" },
      answer: "body",
    });
    expect((await new Response(speech.body).arrayBuffer()).byteLength).toBeGreaterThan(0);
  });

  it("repeats array query parameters", async () => {
    await h.client.request("GET", "/characters", { query: { tags: ["a", "b"], limit: undefined } });
    expect(h.venice.requests[0]?.url).toBe("/api/v1/characters?tags=a&tags=b");
  });

  it("a JSON answer that is not JSON is INVALID_RESPONSE", async () => {
    h.venice.enqueue(
      {
        route: "GET /billing/balance",
        status: 200,
        body: "<html>",
        headers: { "content-type": "application/json" },
      },
      { route: "GET /billing/balance", status: 200, body: "<html>" },
      { route: "GET /billing/balance", status: 200, body: "<html>" },
    );
    expect((await failure(h.client.billing.balance())).code).toBe("INVALID_RESPONSE");
  });
});
