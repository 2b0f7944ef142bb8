import { toVeniceError } from "@venice-errors/core";
import { veniceHandlers } from "@venice-errors/test-utils/msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";

// Your code: retries retryable Venice errors up to three times.
async function chatWithRetries(): Promise<{ status: number; tries: number }> {
  for (let tries = 1; ; tries++) {
    const response = await fetch("https://api.venice.ai/api/v1/chat/completions", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        model: "venice-uncensored",
        messages: [{ role: "user", content: "Hi" }],
      }),
    });
    if (response.ok || tries === 3) return { status: response.status, tries };
    const error = toVeniceError({ status: response.status, body: await response.text() });
    if (!error.retryable) return { status: response.status, tries };
  }
}

const server = setupServer(veniceHandlers.success());
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

it("fails twice with 503, then succeeds", async () => {
  server.use(
    veniceHandlers.sequence([
      { error: "MODEL_AT_CAPACITY" },
      { error: "MODEL_AT_CAPACITY" },
      "success",
    ]),
  );
  expect(await chatWithRetries()).toEqual({ status: 200, tries: 3 });
});

it("does not retry a 402", async () => {
  server.use(veniceHandlers.fail("INSUFFICIENT_BALANCE", { times: 1 }));
  expect(await chatWithRetries()).toEqual({ status: 402, tries: 1 });
});
