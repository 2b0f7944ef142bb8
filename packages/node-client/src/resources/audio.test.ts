import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { failure, type Harness, startHarness } from "../test-support/fake-venice.js";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.venice.close());

const WAV = new Uint8Array([
  0x52, 0x49, 0x46, 0x46, 0x24, 0x00, 0x00, 0x00, 0x57, 0x41, 0x56, 0x45,
]);

describe("audio.speech.create", () => {
  it("answers the audio bytes of the requested format", async () => {
    const speech = await h.client.audio.speech.create({
      input: "Hello",
      voice: "af_sky",
      response_format: "wav",
    });
    expect(speech.contentType).toBe("audio/wav");
    expect(String.fromCharCode(...speech.bytes.slice(0, 4))).toBe("RIFF");
    expect(h.venice.requests[0]?.headers.accept).toBe("audio/*, application/json");
  });

  it("with streaming: true answers a ReadableStream to pipe on", async () => {
    const speech = await h.client.audio.speech.create({ input: "Hello", streaming: true });
    expect(speech.contentType).toBe("audio/mpeg");
    const bytes = new Uint8Array(await new Response(speech.body).arrayBuffer());
    expect(String.fromCharCode(...bytes.slice(0, 3))).toBe("ID3");
  });

  it("an over-long input is INVALID_REQUEST with its field error, not audio", async () => {
    const error = await failure(h.client.audio.speech.create({ input: "x".repeat(4097) }));
    expect(error.code).toBe("INVALID_REQUEST");
    expect(error.fieldErrors.input?.[0]).toMatch(/4096/);
  });
});

describe("audio.transcriptions.create", () => {
  it.each([
    ["File", () => new File([WAV], "note.wav", { type: "audio/wav" }), "note.wav", "audio/wav"],
    ["Blob", () => new Blob([WAV], { type: "audio/wav" }), "audio", "audio/wav"],
    ["Uint8Array", () => WAV, "audio", "application/octet-stream"],
    [
      "ReadableStream",
      () =>
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(WAV.slice(0, 5));
            controller.enqueue(WAV.slice(5));
            controller.close();
          },
        }),
      "audio",
      "application/octet-stream",
    ],
  ] as const)("uploads a %s as multipart", async (_name, file, filename, type) => {
    const result = await h.client.audio.transcriptions.create({
      file: file(),
      model: "openai/whisper-large-v3",
      language: "en",
    });
    expect(result.text).toBe("Hello from the fake Venice API.");
    expect(h.venice.requests[0]?.body).toEqual({
      multipart: true,
      fields: { model: "openai/whisper-large-v3", language: "en" },
      files: [{ field: "file", filename, type, size: WAV.byteLength }],
    });
  });

  it("names the upload with filename and answers text with response_format: text", async () => {
    const text = await h.client.audio.transcriptions.create({
      file: WAV,
      filename: "meeting.wav",
      response_format: "text",
      timestamps: true,
    });
    expect(text).toBe("Hello from the fake Venice API.");
    const body = h.venice.requests[0]?.body as {
      fields: Record<string, string>;
      files: Array<{ filename: string }>;
    };
    expect(body.fields).toEqual({ response_format: "text", timestamps: "true" });
    expect(body.files[0]?.filename).toBe("meeting.wav");
  });

  it("a zero-length file is the route's 422, not retried", async () => {
    const error = await failure(h.client.audio.transcriptions.create({ file: new Uint8Array(0) }));
    expect(error.status).toBe(422);
    expect(error.message).toBe("Audio file is empty");
    expect(h.venice.requests).toHaveLength(1);
  });
});
