import type { FakeJobOptions } from "@venice-errors/test-utils/server";
import { afterEach, describe, expect, it } from "vitest";
import { failure, type Harness, startHarness } from "../test-support/fake-venice.js";

let h: Harness;
afterEach(() => h.venice.close());

async function start(jobs?: FakeJobOptions) {
  h = await startHarness(jobs ? { server: { jobs } } : {});
}

const video = {
  model: "wan-2.5-preview-text-to-video",
  prompt: "A gondola at sunset",
  duration: "5s",
};
const music = { model: "elevenlabs-music", prompt: "Warm strings" };

describe("video jobs", () => {
  it("generate queues, polls at the interval until done, and answers the MP4", async () => {
    await start({ durationMs: 12_000 });
    const progress: string[] = [];
    const result = await h.client.video.generate(video, {
      pollIntervalMs: 5000,
      onProgress: (status) => progress.push(`${status.status} ${status.executionDurationMs}`),
    });
    expect(result.media?.contentType).toBe("video/mp4");
    expect(String.fromCharCode(...(result.media?.bytes.slice(4, 8) ?? []))).toBe("ftyp");
    expect(result.queueId).toMatch(/-/);
    expect(result.downloadUrl).toBeUndefined();
    expect(progress).toEqual(["PROCESSING 0", "PROCESSING 5000", "PROCESSING 10000"]);
    expect(h.waits).toEqual([5000, 5000, 5000]);
    expect(h.venice.requests.map((request) => request.route)).toEqual([
      "POST /video/queue",
      "POST /video/retrieve",
      "POST /video/retrieve",
      "POST /video/retrieve",
      "POST /video/retrieve",
    ]);
    expect(h.venice.requests[1]?.body).toEqual({ model: video.model, queue_id: result.queueId });
  });

  it("honours a Retry-After on a pending status", async () => {
    await start({ durationMs: 20_000 });
    h.venice.enqueue({
      route: "POST /video/retrieve",
      status: 200,
      body: { status: "PROCESSING" },
      headers: { "retry-after": "15" },
    });
    await h.client.video.generate(video, { pollIntervalMs: 2000 });
    expect(h.waits[0]).toBe(15_000);
    expect(h.waits.slice(1).every((ms) => ms === 2000)).toBe(true);
  });

  it("waits out a 429 whose hint is longer than the client's cap, then keeps polling", async () => {
    await start({ durationMs: 1000 });
    h.venice.enqueue({
      route: "POST /video/retrieve",
      error: "RATE_LIMIT_EXCEEDED",
      retryAfter: 120,
    });
    const result = await h.client.video.generate(video, { pollIntervalMs: 1000 });
    expect(result.media?.contentType).toBe("video/mp4");
    expect(h.waits).toEqual([120_000]);
  });

  it("a 422 content-policy retrieve is a typed error with creditsRefunded and recommendedModel", async () => {
    await start({ durationMs: 0, outcome: "content_policy" });
    const error = await failure(h.client.video.generate(video));
    expect(error.code).toBe("CONTENT_POLICY_VIOLATION");
    expect(error.status).toBe(422);
    expect(error.creditsRefunded).toBe(true);
    expect(error.recommendedModel).toBe("venice-uncensored");
    expect(h.venice.requests).toHaveLength(2);
  });

  it("a 200 FAILED body labelled video/mp4 is sniffed and thrown (INFERENCE_FAILED), not saved as a video", async () => {
    await start({ durationMs: 0, outcome: "failed" });
    const error = await failure(h.client.video.generate(video));
    expect(error.code).toBe("INFERENCE_FAILED");
    expect(error.status).toBe(200);
    expect(error.message).toBe("generation failed");
    expect(error.retryable).toBe(false);
    expect(h.venice.requests).toHaveLength(2);
  });

  it("a pending status labelled video/mp4 is still pending", async () => {
    await start({ durationMs: 1000 });
    h.venice.enqueue({
      route: "POST /video/retrieve",
      status: 200,
      headers: { "content-type": "video/mp4" },
      body: '  {"status":"PROCESSING","average_execution_time":1000,"execution_duration":10}',
    });
    const result = await h.client.video.generate(video, { pollIntervalMs: 1000 });
    expect(result.media?.contentType).toBe("video/mp4");
    expect(h.venice.requests).toHaveLength(3);
  });

  it("a retrieve after the job expired is MEDIA_NOT_FOUND (404)", async () => {
    await start({ durationMs: 1000, expiresAfterMs: 60_000 });
    const queued = await h.client.video.queue(video);
    const ref = { model: queued.model, queue_id: queued.queue_id };
    const pending = await h.client.video.retrieve(ref);
    expect(pending).toMatchObject({
      done: false,
      status: "PROCESSING",
      averageExecutionTimeMs: 1000,
    });
    h.advance(1000);
    expect((await h.client.video.retrieve(ref)).done).toBe(true);
    h.advance(60_000);
    const error = await failure(h.client.video.retrieve(ref));
    expect(error.code).toBe("MEDIA_NOT_FOUND");
    expect(error.status).toBe(404);
    expect(error.retryable).toBe(false);
  });

  it("complete deletes the media; a later retrieve is MEDIA_NOT_FOUND", async () => {
    await start({ durationMs: 0 });
    const queued = await h.client.video.queue(video);
    const ref = { model: queued.model, queue_id: queued.queue_id };
    expect((await h.client.video.retrieve(ref)).done).toBe(true);
    expect(await h.client.video.complete(ref)).toEqual({ success: true });
    expect((await failure(h.client.video.retrieve(ref))).code).toBe("MEDIA_NOT_FOUND");
  });

  it("deleteMediaOnCompletion asks Venice to delete the media on delivery", async () => {
    await start({ durationMs: 0 });
    const result = await h.client.video.generate(video, { deleteMediaOnCompletion: true });
    expect(h.venice.requests[1]?.body).toMatchObject({ delete_media_on_completion: true });
    const error = await failure(
      h.client.video.retrieve({ model: result.model, queue_id: result.queueId }),
    );
    expect(error.code).toBe("MEDIA_NOT_FOUND");
  });

  it("private models: the download_url of the queue and a COMPLETED body", async () => {
    await start({ durationMs: 0, downloadUrl: true });
    const result = await h.client.video.generate(video);
    expect(result.media).toBeUndefined();
    expect(result.downloadUrl).toMatch(/^https:\/\/private-share\.venice\.ai\//);
  });

  it("abort during polling stops at once: ABORTED, no further retrieve", async () => {
    await start({ durationMs: 60_000 });
    const controller = new AbortController();
    const error = await failure(
      h.client.video.generate(video, {
        signal: controller.signal,
        onProgress: () => controller.abort(),
      }),
    );
    expect(error.code).toBe("ABORTED");
    expect(h.venice.requests.map((request) => request.route)).toEqual([
      "POST /video/queue",
      "POST /video/retrieve",
    ]);
  });

  it("onQueued hands out the queue id, so an aborted job can be resumed with retrieve", async () => {
    await start({ durationMs: 60_000 });
    const controller = new AbortController();
    let queueId: string | undefined;
    await failure(
      h.client.video.generate(video, {
        signal: controller.signal,
        onQueued: (job) => {
          queueId = job.queue_id;
        },
        onProgress: () => controller.abort(),
      }),
    );
    h.advance(60_000);
    const resumed = await h.client.video.retrieve({ model: video.model, queue_id: queueId ?? "" });
    expect(resumed.done).toBe(true);
  });

  it("a status body without a status is INVALID_RESPONSE, not an endless wait", async () => {
    await start({ durationMs: 60_000 });
    const weird = { route: "POST /video/retrieve", status: 200, body: { ok: true } } as const;
    h.venice.enqueue(weird, weird, weird);
    const error = await failure(h.client.video.generate(video));
    expect(error.code).toBe("INVALID_RESPONSE");
  });

  it("abort during a real (timer) wait ends it at once", async () => {
    await start({ durationMs: 60_000 });
    const client = h.makeClient({ sleep: undefined });
    const controller = new AbortController();
    const started = performance.now();
    const pending = failure(
      client.video.generate(video, { signal: controller.signal, pollIntervalMs: 60_000 }),
    );
    setTimeout(() => controller.abort(), 50);
    const error = await pending;
    expect(error.code).toBe("ABORTED");
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it("queue: 413 PAYLOAD_TOO_LARGE and 422 content policy are not retried", async () => {
    await start();
    h.venice.enqueue({ route: "POST /video/queue", error: "PAYLOAD_TOO_LARGE" });
    const tooLarge = await failure(h.client.video.queue(video));
    expect(tooLarge.code).toBe("PAYLOAD_TOO_LARGE");
    expect(tooLarge.status).toBe(413);
    h.venice.enqueue({ route: "POST /video/queue", error: "CONTENT_POLICY_VIOLATION" });
    const blocked = await failure(h.client.video.queue(video));
    expect(blocked.code).toBe("CONTENT_POLICY_VIOLATION");
    expect(blocked.creditsRefunded).toBe(true);
    expect(h.venice.requests).toHaveLength(2);
  });
});

describe("audio jobs", () => {
  it("generate queues music, polls, and answers the audio", async () => {
    await start({ durationMs: 4000 });
    const result = await h.client.audio.generate(music, { pollIntervalMs: 2000 });
    expect(result.media?.contentType).toBe("audio/mpeg");
    expect(h.waits).toEqual([2000, 2000]);
    const queued = h.venice.requests[0];
    expect(queued?.route).toBe("POST /audio/queue");
  });

  it("queue answers QUEUED; complete cleans up", async () => {
    await start({ durationMs: 0 });
    const queued = await h.client.audio.queue(music);
    expect(queued.status).toBe("QUEUED");
    const ref = { model: queued.model, queue_id: queued.queue_id };
    const done = await h.client.audio.retrieve(ref);
    expect(done.done && done.media?.contentType).toBe("audio/mpeg");
    expect(await h.client.audio.complete(ref)).toEqual({ success: true });
  });

  it("a content-policy failure carries the suggested prompt", async () => {
    await start({ durationMs: 0, outcome: "content_policy" });
    const error = await failure(h.client.audio.generate(music));
    expect(error.code).toBe("CONTENT_POLICY_VIOLATION");
    expect(error.suggestedPrompt).toBe("A calm seaside landscape at sunset");
  });

  it("a FAILED status body is thrown", async () => {
    await start({ durationMs: 0, outcome: "failed" });
    expect((await failure(h.client.audio.generate(music))).code).toBe("INFERENCE_FAILED");
  });

  it("an unknown queue id is MEDIA_NOT_FOUND", async () => {
    await start();
    const error = await failure(
      h.client.audio.retrieve({ model: "elevenlabs-music", queue_id: "nope" }),
    );
    expect(error.code).toBe("MEDIA_NOT_FOUND");
  });

  it("a job script overrides the defaults per job", async () => {
    await start({ durationMs: 0 });
    h.venice.enqueue({ route: "POST /audio/queue", job: { outcome: "failed" } });
    expect((await failure(h.client.audio.generate(music))).code).toBe("INFERENCE_FAILED");
    expect((await h.client.audio.generate(music)).media?.contentType).toBe("audio/mpeg");
  });

  it("abort during polling stops at once", async () => {
    await start({ durationMs: 60_000 });
    const controller = new AbortController();
    const error = await failure(
      h.client.audio.generate(music, {
        signal: controller.signal,
        onProgress: () => controller.abort(),
      }),
    );
    expect(error.code).toBe("ABORTED");
    expect(h.venice.requests).toHaveLength(2);
  });
});
