import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemo } from "./demo.js";
import { fakeDist, postJson, readSse } from "./test-helpers.js";

const chat = { messages: [{ role: "user", content: "Hello there" }] };

describe("the trace of the last call (GET /api/trace)", () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;
  const trace = async () => (await (await fetch(`${demo.url}/api/trace`)).json()).trace;
  beforeAll(async () => {
    demo = await startDemo({ distDir: fakeDist(), quiet: true });
  });
  afterAll(() => demo.close());

  it("lists each try with its status, code and wait, and the final error.type", async () => {
    const response = await postJson(`${demo.url}/api/trigger`, { ...chat, scenario: "rate-limit" });
    expect(response.status).toBe(429);
    await response.text();
    expect(await trace()).toMatchObject({
      status: "error",
      errorType: "RATE_LIMIT_EXCEEDED",
      statusCode: 429,
      resendCount: 1,
      tries: [
        { attempt: 1, status: 429, code: "RATE_LIMIT_EXCEEDED", waitMs: 1000 },
        { attempt: 2, status: 429, code: "RATE_LIMIT_EXCEEDED", waitMs: null },
      ],
    });
  });

  it("a call that succeeded is one OK try, and the key is nowhere in the trace", async () => {
    await readSse(await postJson(`${demo.url}/api/chat`, chat));
    const last = await trace();
    expect(last).toMatchObject({
      status: "ok",
      errorType: null,
      statusCode: 200,
      tries: [{ attempt: 1, status: 200, code: "OK", waitMs: null }],
    });
    expect(last.name).toMatch(/^chat( |$)/);
    expect(last.attributes["gen_ai.provider.name"]).toBe("venice");
    expect(JSON.stringify(last)).not.toMatch(/demo-fake-key|authorization/i);
  });
});
