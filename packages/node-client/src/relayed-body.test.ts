// Issue 11, defect 8, end to end: a hostile or confused server answers with a body that looks like
// a relayed `toJSON()`. createVeniceFetch must go by the real answer: no extra retries, and a
// VeniceError (not a TypeError or RangeError) behind the SDK's error.
import { toVeniceError } from "@venice-errors/core";
import { type FakeVenice, startFakeVenice } from "@venice-errors/test-utils/server";
import OpenAI from "openai";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { recordingSleep } from "./test-support/local-server.js";
import { createVeniceFetch } from "./venice-fetch.js";

const KEY = "vk-relay-0123456789abcdef";
const RELAYED_503 = {
  name: "VeniceError",
  code: "MODEL_AT_CAPACITY",
  status: 503,
  message: "The model is at capacity. Please try again later.",
  matchedBy: "status",
  retryable: true,
  category: "capacity",
  userAction: "wait_and_retry",
  docsUrl: "https://docs.venice.ai/api-reference/error-codes",
};

let venice: FakeVenice;
beforeEach(async () => {
  venice = await startFakeVenice({ apiKey: KEY });
});
afterEach(() => venice.close());

function openai() {
  const fetch = createVeniceFetch({ sleep: recordingSleep().sleep });
  return new OpenAI({ apiKey: KEY, baseURL: venice.url, fetch, maxRetries: 0 });
}

async function failure(): Promise<unknown> {
  return openai()
    .chat.completions.create({ model: "m", messages: [{ role: "user", content: "Hi" }] })
    .then(
      () => {
        throw new Error("expected a failure");
      },
      (error: unknown) => error,
    );
}

describe("createVeniceFetch and bodies that claim to be relayed errors", () => {
  it("a 402 whose body claims a relayed 503 is a 402, tried once", async () => {
    venice.enqueue({ status: 402, body: { error: RELAYED_503 } });
    const error = await failure();
    expect(venice.requests).toHaveLength(1);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(toVeniceError(error).status).toBe(402);
  });

  it.each([
    ["fieldErrors: null", { ...RELAYED_503, fieldErrors: null }, 503],
    ["status 1000", { ...RELAYED_503, status: 1000 }, 503],
    ["status NaN-like", { ...RELAYED_503, status: "503" }, 500],
  ])(
    "%s: the SDK gets a VeniceError answer, not a raw TypeError/RangeError",
    async (_name, body, status) => {
      for (let i = 0; i < 3; i++) venice.enqueue({ status, body: { error: body } });
      const error = await failure();
      expect(error).toBeInstanceOf(OpenAI.APIError);
      const revived = toVeniceError(error);
      expect(revived.status).toBe(status);
      expect(() => JSON.stringify(revived.toJSON())).not.toThrow();
    },
  );
});
