import { parseVeniceError } from "@venice-errors/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemo } from "./demo.js";
import { fakeDist, postJson } from "./test-helpers.js";

describe("the image and speech examples against the built-in fake Venice", () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;
  beforeAll(async () => {
    demo = await startDemo({ distDir: fakeDist(), quiet: true });
  });
  afterAll(() => demo.close());

  it("answers a generated image as PNG bytes, the same picture for the same prompt", async () => {
    const first = await postJson(`${demo.url}/api/image`, { prompt: "A gondola at dusk" });
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("image/png");
    const bytes = new Uint8Array(await first.arrayBuffer());
    expect([...bytes.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]); // "PNG"
    expect(bytes.byteLength).toBeGreaterThan(1000);
    const again = new Uint8Array(
      await (
        await postJson(`${demo.url}/api/image`, { prompt: "A gondola at dusk" })
      ).arrayBuffer(),
    );
    const other = new Uint8Array(
      await (await postJson(`${demo.url}/api/image`, { prompt: "Rialto bridge" })).arrayBuffer(),
    );
    expect(again).toEqual(bytes);
    expect(other).not.toEqual(bytes);
    expect(demo.venice?.requests.at(-1)?.body).toMatchObject({
      prompt: "Rialto bridge",
      return_binary: true,
    });
  });

  it("answers speech as a WAV a browser can play, one tone per word", async () => {
    const short = await postJson(`${demo.url}/api/speech`, { text: "Ciao", voice: "af_bella" });
    expect(short.headers.get("content-type")).toBe("audio/wav");
    const shortBytes = new Uint8Array(await short.arrayBuffer());
    expect(new TextDecoder().decode(shortBytes.subarray(0, 4))).toBe("RIFF");
    const long = await postJson(`${demo.url}/api/speech`, { text: "Ciao from the lagoon" });
    expect((await long.arrayBuffer()).byteLength).toBeGreaterThan(shortBytes.byteLength * 3);
    expect(demo.venice?.requests.at(-2)?.body).toMatchObject({ voice: "af_bella", input: "Ciao" });
  });

  it("refuses an empty prompt with the demo's own 400, without calling Venice", async () => {
    const before = demo.venice?.requests.length;
    const response = await postJson(`${demo.url}/api/image`, { prompt: "  " });
    expect(response.status).toBe(400);
    expect(demo.venice?.requests.length).toBe(before);
    const status = await (await fetch(`${demo.url}/api/status`)).json();
    expect(status.lastCall.inFlight).toBe(false);
  });

  it("relays an image flagged as a content violation (a 200 from Venice) as CONTENT_POLICY_VIOLATION", async () => {
    const response = await postJson(`${demo.url}/api/image`, {
      prompt: "Something the policy blocks",
      scenario: "image-blocked",
    });
    expect(response.ok).toBe(false);
    const error = await parseVeniceError(response);
    expect([error.code, error.status, error.retryable]).toEqual([
      "CONTENT_POLICY_VIOLATION",
      200,
      false,
    ]);
    // One try: the flagged generation was charged, so it is never resent.
    expect(error.attempts).toHaveLength(1);
    const status = await (await fetch(`${demo.url}/api/status`)).json();
    expect(status.lastCall).toMatchObject({
      scenario: "image-blocked",
      outcome: "error",
      code: "CONTENT_POLICY_VIOLATION",
    });
  });

  it("relays a video job the policy stopped as a 422 with its credits refunded", async () => {
    const response = await postJson(`${demo.url}/api/video`, {
      prompt: "A gondola race",
      scenario: "video-refund",
    });
    expect(response.status).toBe(422);
    const error = await parseVeniceError(response);
    expect([error.code, error.creditsRefunded, error.recommendedModel]).toEqual([
      "CONTENT_POLICY_VIOLATION",
      true,
      "venice-uncensored",
    ]);
    const routes = demo.venice?.requests.slice(-2).map((request) => request.route);
    expect(routes).toEqual(["POST /video/queue", "POST /video/retrieve"]);
  });

  it("drops a media run's unused scripts and rejects scenarios of another example", async () => {
    const wrong = await postJson(`${demo.url}/api/image`, {
      prompt: "x",
      scenario: "video-refund",
    });
    expect(wrong.status).toBe(400);
    const proto = await postJson(`${demo.url}/api/image`, { prompt: "x", scenario: "__proto__" });
    expect(proto.status).toBe(400);
    const image = await postJson(`${demo.url}/api/image`, { prompt: "After the lab" });
    expect(image.status).toBe(200);
  });
});
