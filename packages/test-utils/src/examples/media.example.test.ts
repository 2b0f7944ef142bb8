import { parseVeniceError } from "@venice-errors/core";
import { type FakeVenice, startFakeVenice } from "@venice-errors/test-utils/server";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";

let clock = Date.UTC(2026, 0, 1);
let venice: FakeVenice;
beforeAll(async () => {
  // Jobs run 10 s by this clock: move it instead of waiting.
  venice = await startFakeVenice({ now: () => clock, jobs: { durationMs: 10_000 } });
});
beforeEach(() => venice.reset());
afterAll(() => venice.close());

const post = (path: string, body: BodyInit | object) =>
  fetch(`${venice.url}${path}`, {
    method: "POST",
    headers: body instanceof FormData ? {} : { "content-type": "application/json" },
    body: body instanceof FormData ? body : JSON.stringify(body),
  });

it("runs a video job by the clock", async () => {
  const job = await (
    await post("/video/queue", { model: "wan-2.5", prompt: "A gondola", duration: "5s" })
  ).json();
  const ref = { model: job.model, queue_id: job.queue_id };
  expect(await (await post("/video/retrieve", ref)).json()).toMatchObject({ status: "PROCESSING" });
  clock += 10_000;
  const done = await post("/video/retrieve", ref);
  expect(done.headers.get("content-type")).toBe("video/mp4");
});

it("fails a job the way Venice does", async () => {
  venice.enqueue({ route: "POST /video/queue", job: { durationMs: 0, outcome: "content_policy" } });
  const job = await (
    await post("/video/queue", { model: "wan-2.5", prompt: "…", duration: "5s" })
  ).json();
  const error = await parseVeniceError(
    await post("/video/retrieve", { model: job.model, queue_id: job.queue_id }),
  );
  expect([error.code, error.creditsRefunded, error.recommendedModel]).toEqual([
    "CONTENT_POLICY_VIOLATION",
    true,
    "venice-uncensored",
  ]);
});

it("records multipart uploads, answers binary, and flags images as Venice does", async () => {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(64)], { type: "audio/wav" }), "a.wav");
  expect((await post("/audio/transcriptions", form)).status).toBe(200);
  expect(venice.requests[0]?.body).toEqual({
    multipart: true,
    fields: {},
    files: [{ field: "file", filename: "a.wav", type: "audio/wav", size: 64 }],
  });

  venice.enqueue({
    route: "POST /image/edit",
    headers: { "x-venice-is-content-violation": "true" },
  });
  const image = await post("/image/edit", {
    image: "https://example.com/cat.png",
    prompt: "sunrise",
  });
  expect(image.headers.get("content-type")).toBe("image/png");
  expect(image.headers.get("x-venice-is-content-violation")).toBe("true");
});
