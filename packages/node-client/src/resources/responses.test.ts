import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { failure, type Harness, startHarness } from "../test-support/fake-venice.js";
import type { ResponsePartialOutput, ResponseStreamEvent } from "./responses.js";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.venice.close());

const params = { model: "venice-uncensored", input: "Hi there" };

describe("responses.create", () => {
  it("answers the response object", async () => {
    const response = await h.client.responses.create(params);
    expect(response.status).toBe("completed");
    expect(response.output[0]?.content?.[0]?.text).toBe("You said: Hi there");
  });

  it("a 200 response with status failed is thrown with its output kept", async () => {
    h.venice.enqueue({
      route: "POST /responses",
      status: 200,
      body: {
        id: "resp_1",
        object: "response",
        created_at: 1,
        model: "m",
        status: "failed",
        output: [
          { type: "message", id: "msg_1", content: [{ type: "output_text", text: "Half an an" }] },
        ],
        error: { code: "model_overloaded", message: "The model is currently overloaded." },
      },
    });
    const error = await failure(h.client.responses.create(params));
    expect(error.code).toBe("MODEL_OVERLOADED");
    expect(error.status).toBe(200);
    expect((error.partialOutput as ResponsePartialOutput).text).toBe("Half an an");
  });

  it("streams events and keeps the text", async () => {
    const stream = await h.client.responses.create({ ...params, stream: true });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types[0]).toBe("response.created");
    expect(types.at(-1)).toBe("response.completed");
    expect(stream.partialOutput.text).toBe("You said: Hi there");
    expect(stream.partialOutput.output).toHaveLength(1);
    expect(h.venice.requests[0]?.headers.accept).toBe("text/event-stream");
  });

  it.each([
    ["response.failed", "MODEL_OVERLOADED"],
    ["response.failed", "RATE_LIMIT_EXCEEDED"],
    ["response.failed", "INFERENCE_FAILED"],
    ["error", "MODEL_OVERLOADED"],
  ] as const)(
    "a %s event (%s) is thrown with the partial output on the error",
    async (errorEvent, code) => {
      h.venice.enqueue({
        route: "POST /responses",
        stream: { chunks: ["Once", " upon"], error: code, errorEvent },
      });
      const stream = await h.client.responses.create({ ...params, stream: true });
      const seen: ResponseStreamEvent[] = [];
      const error = await failure(
        (async () => {
          for await (const event of stream) seen.push(event);
        })(),
      );
      expect(error.code).toBe(code);
      expect(error.status).toBe(200);
      const partial = error.partialOutput as ResponsePartialOutput;
      expect(partial.text).toBe("Once upon");
      expect(partial.response?.status).toBe("in_progress");
      expect(seen.filter((event) => event.type === "response.output_text.delta")).toHaveLength(2);
      expect(h.venice.requests).toHaveLength(1);
      expect(JSON.stringify(error.toJSON())).toContain('"partialOutput":{"text":"Once upon"');
    },
  );

  it("a connection cut mid-stream is STREAM_INTERRUPTED with the partial output", async () => {
    h.venice.enqueue({
      route: "POST /responses",
      stream: { chunks: ["a", "b", "c"], cutAfter: 6 },
    });
    const stream = await h.client.responses.create({ ...params, stream: true });
    const error = await failure(
      (async () => {
        for await (const _event of stream);
      })(),
    );
    expect(error.code).toBe("STREAM_INTERRUPTED");
    expect((error.partialOutput as ResponsePartialOutput).text).toBe("ab");
  });

  it("a failure before the first event is retried like any stream", async () => {
    h.venice.enqueue({ route: "POST /responses", error: "RATE_LIMIT_EXCEEDED", retryAfter: 2 });
    const stream = await h.client.responses.create({ ...params, stream: true });
    for await (const _event of stream);
    expect(h.venice.requests).toHaveLength(2);
    expect(h.waits).toEqual([2000]);
  });

  it("breaking out of the loop closes the stream", async () => {
    h.venice.enqueue({ route: "POST /responses", stream: { chunks: 20, chunkDelayMs: 5 } });
    const stream = await h.client.responses.create({ ...params, stream: true });
    let count = 0;
    for await (const _event of stream) if (++count === 3) break;
    expect(count).toBe(3);
    expect(stream.partialOutput.text).toBe("");
  });
});
