import { parseVeniceError } from "@venice-errors/core";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createVeniceHandlers, VENICE_API_BASE_URL } from "./msw.js";
import { type FakeVenice, startFakeVenice } from "./server.js";

/** Both fakes, each driven through plain `fetch`, behave the same: one table of cases for both. */
type Fake = { base: string; advance(ms: number): void; recorded(): unknown[] };

let clock = Date.UTC(2026, 0, 1);
const now = () => clock;
const advance = (ms: number) => {
  clock += ms;
};

const msw = setupServer();
let venice: FakeVenice;
beforeAll(async () => {
  msw.listen({ onUnhandledRequest: "bypass" });
  venice = await startFakeVenice({ now, jobs: { durationMs: 10_000 } });
});
afterEach(() => {
  msw.resetHandlers();
  venice.reset();
});
afterAll(async () => {
  msw.close();
  await venice.close();
});

const fakes: Array<[string, () => Fake]> = [
  [
    "fake server",
    () => ({ base: venice.url, advance, recorded: () => venice.requests.map((r) => r.body) }),
  ],
  [
    "MSW handlers",
    () => {
      const recorded: unknown[] = [];
      const handlers = createVeniceHandlers({ now, jobs: { durationMs: 10_000 } });
      msw.use(
        handlers.script((request) => {
          recorded.push(request.body);
          return "success";
        }),
      );
      return { base: VENICE_API_BASE_URL, advance, recorded: () => recorded };
    },
  ],
];

const post = (base: string, path: string, body: unknown) =>
  fetch(`${base}${path}`, {
    method: "POST",
    headers: { authorization: "Bearer k", "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe.each(fakes)("%s", (_name, make) => {
  it("answers image routes with PNG bytes and the content-violation header", async () => {
    const fake = make();
    for (const path of [
      "/image/edit",
      "/image/multi-edit",
      "/image/upscale",
      "/image/background-remove",
    ]) {
      const form = new FormData();
      form.append(
        path === "/image/multi-edit" ? "images" : "image",
        new Blob([new Uint8Array([1, 2])], { type: "image/png" }),
        "a.png",
      );
      form.append("prompt", "sunrise");
      const response = await fetch(`${fake.base}${path}`, { method: "POST", body: form });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("image/png");
      expect(response.headers.get("x-venice-is-content-violation")).toBe("false");
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect([...bytes.slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    }
    expect(fake.recorded()[0]).toEqual({
      multipart: true,
      fields: { prompt: "sunrise" },
      files: [{ field: "image", filename: "a.png", type: "image/png", size: 2 }],
    });
  });

  it("records a multipart upload and transcribes it; an empty file is a 422", async () => {
    const fake = make();
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(32_000)], { type: "audio/wav" }), "a.wav");
    const response = await fetch(`${fake.base}/audio/transcriptions`, {
      method: "POST",
      body: form,
    });
    expect(await response.json()).toEqual({ text: "Hello from the fake Venice API.", duration: 2 });
    const empty = new FormData();
    empty.append("file", new Blob([]), "a.wav");
    const failed = await fetch(`${fake.base}/audio/transcriptions`, {
      method: "POST",
      body: empty,
    });
    expect(failed.status).toBe(422);
  });

  it("answers speech as audio bytes of the requested format", async () => {
    const fake = make();
    const response = await post(fake.base, "/audio/speech", {
      input: "Hi",
      response_format: "flac",
    });
    expect(response.headers.get("content-type")).toBe("audio/flac");
    expect(new TextDecoder().decode((await response.arrayBuffer()).slice(0, 4))).toBe("fLaC");
  });

  it("runs a video job by the clock: PROCESSING, then the MP4, then 404 after complete", async () => {
    const fake = make();
    const queued = await (
      await post(fake.base, "/video/queue", { model: "wan", prompt: "p", duration: "5s" })
    ).json();
    const ref = { model: queued.model, queue_id: queued.queue_id };
    const pending = await post(fake.base, "/video/retrieve", ref);
    expect(await pending.json()).toEqual({
      status: "PROCESSING",
      average_execution_time: 10_000,
      execution_duration: 0,
    });
    fake.advance(10_000);
    const done = await post(fake.base, "/video/retrieve", ref);
    expect(done.headers.get("content-type")).toBe("video/mp4");
    expect(new TextDecoder().decode((await done.arrayBuffer()).slice(4, 8))).toBe("ftyp");
    expect(await (await post(fake.base, "/video/complete", ref)).json()).toEqual({ success: true });
    const gone = await post(fake.base, "/video/retrieve", ref);
    expect((await parseVeniceError(gone)).code).toBe("MEDIA_NOT_FOUND");
  });

  it("streams the Responses API as named events", async () => {
    const fake = make();
    const ok = await post(fake.base, "/responses", { model: "m", input: "Hi", stream: true });
    const text = await ok.text();
    expect(text).toMatch(/^event: response\.created\n/);
    expect(text).toContain("event: response.completed");
  });

  it("speaks characters, rate limits, billing and embeddings", async () => {
    const fake = make();
    const get = (path: string) =>
      fetch(`${fake.base}${path}`, { headers: { authorization: "Bearer k" } });
    expect((await (await get("/characters")).json()).data.length).toBeGreaterThan(0);
    expect((await parseVeniceError(await get("/characters/nobody"))).code).toBe(
      "CHARACTER_NOT_FOUND",
    );
    expect((await (await get("/api_keys/rate_limits")).json()).data.accessPermitted).toBe(true);
    expect((await (await get("/billing/balance")).json()).canConsume).toBe(true);
    expect((await get("/billing/usage-analytics?lookback=91d")).status).toBe(400);
    const embeddings = await (
      await post(fake.base, "/embeddings", { model: "e", input: ["a"] })
    ).json();
    expect(embeddings.data[0].embedding).toHaveLength(8);
  });
});

describe("fake server scripts for the new routes", () => {
  it("a { job } script sets one job's outcome; a stream script fails the Responses stream", async () => {
    venice.enqueue({ route: "POST /video/queue", job: { durationMs: 0, outcome: "failed" } });
    const queued = await (
      await post(venice.url, "/video/queue", { model: "wan", prompt: "p", duration: "5s" })
    ).json();
    const failed = await post(venice.url, "/video/retrieve", {
      model: "wan",
      queue_id: queued.queue_id,
    });
    expect(failed.status).toBe(200);
    expect(failed.headers.get("content-type")).toBe("video/mp4");
    expect(await failed.text()).toBe('  {"status":"FAILED","error":"generation failed"}');

    venice.enqueue({
      route: "POST /responses",
      stream: { chunks: ["a"], error: "MODEL_OVERLOADED" },
    });
    const stream = await (
      await post(venice.url, "/responses", { model: "m", input: "x", stream: true })
    ).text();
    expect(stream).toContain("event: response.failed");
    expect(stream).toContain('"error":{"code":"model_overloaded"');
    expect(stream).not.toContain("[DONE]");
  });

  it("a success script's headers flag an image as a content violation", async () => {
    venice.enqueue({
      route: "POST /image/generate",
      headers: { "x-venice-is-content-violation": "true" },
    });
    const response = await post(venice.url, "/image/generate", {
      model: "m",
      prompt: "p",
      return_binary: true,
    });
    expect(response.headers.get("x-venice-is-content-violation")).toBe("true");
    expect(response.headers.get("content-type")).toBe("image/png");
  });

  it("a video job expires expiresAfterMs after it finished", async () => {
    venice.enqueue({ route: "POST /video/queue", job: { durationMs: 0, expiresAfterMs: 1000 } });
    const queued = await (
      await post(venice.url, "/video/queue", { model: "wan", prompt: "p", duration: "5s" })
    ).json();
    const ref = { model: "wan", queue_id: queued.queue_id };
    expect((await post(venice.url, "/video/retrieve", ref)).status).toBe(200);
    advance(1000);
    expect((await post(venice.url, "/video/retrieve", ref)).status).toBe(404);
  });
});
