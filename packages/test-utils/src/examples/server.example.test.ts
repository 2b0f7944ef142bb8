import { parseVeniceError } from "@venice-errors/core";
import { type FakeVenice, startFakeVenice } from "@venice-errors/test-utils/server";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";

let venice: FakeVenice;
beforeAll(async () => {
  venice = await startFakeVenice({ apiKey: "test-key", seed: 1 });
});
beforeEach(() => venice.reset());
afterAll(() => venice.close());

const chat = (body: object) =>
  fetch(`${venice.url}/chat/completions`, {
    method: "POST",
    headers: { authorization: "Bearer test-key", "content-type": "application/json" },
    body: JSON.stringify({
      model: "venice-uncensored",
      messages: [{ role: "user", content: "Hi" }],
      ...body,
    }),
  });

it("answers like Venice, and records requests without the key", async () => {
  const response = await chat({});
  expect((await response.json()).choices[0].message.content).toBe("You said: Hi");
  expect(venice.requests[0]?.headers.authorization).toBe("Bearer [REDACTED]");
});

it("plays scripted failures in order", async () => {
  venice.enqueue(
    { error: "RATE_LIMIT_EXCEEDED", retryAfter: 2 },
    { route: "POST /chat/completions", error: "MODEL_OFFLINE" },
  );
  const first = await parseVeniceError(await chat({}));
  expect([first.code, first.retryAfterMs]).toEqual(["RATE_LIMIT_EXCEEDED", 2000]);
  expect((await parseVeniceError(await chat({}))).code).toBe("MODEL_OFFLINE");
  expect((await chat({})).status).toBe(200);
});

it("ends a stream with an in-band error", async () => {
  venice.enqueue({ stream: { chunks: 2, error: "MODEL_OVERLOADED" } });
  const text = await (await chat({ stream: true })).text();
  expect(text).toContain('"code":"model_overloaded"');
  expect(text.trimEnd().endsWith("data: [DONE]")).toBe(true);
});
