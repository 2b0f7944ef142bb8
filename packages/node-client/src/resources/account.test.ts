import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { failure, type Harness, startHarness } from "../test-support/fake-venice.js";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.venice.close());

describe("embeddings.create", () => {
  it("answers one vector per input", async () => {
    const result = await h.client.embeddings.create({
      model: "text-embedding-bge-m3",
      input: ["a", "b"],
      dimensions: 4,
    });
    expect(result.data.map((item) => item.index)).toEqual([0, 1]);
    expect(result.data[0]?.embedding).toHaveLength(4);
    expect(result.usage.total_tokens).toBeGreaterThan(0);
  });

  it("a missing input is INVALID_REQUEST with the field named", async () => {
    const error = await failure(
      h.client.embeddings.create({ model: "text-embedding-bge-m3" } as never),
    );
    expect(error.code).toBe("INVALID_REQUEST");
    expect(error.fieldErrors).toEqual({ input: ["Required"] });
  });
});

describe("characters", () => {
  it("list sends its filters (arrays repeated) and answers characters", async () => {
    const list = await h.client.characters.list({ tags: ["a", "b"], limit: 10, isAdult: false });
    expect(list.data.map((character) => character.slug)).toContain("alan-watts");
    expect(h.venice.requests[0]?.url).toBe(
      "/api/v1/characters?tags=a&tags=b&limit=10&isAdult=false",
    );
  });

  it("get answers one character; an unknown slug is CHARACTER_NOT_FOUND", async () => {
    expect((await h.client.characters.get("alan-watts")).data.name).toBe("Alan Watts");
    const error = await failure(h.client.characters.get("no such/one"));
    expect(error.code).toBe("CHARACTER_NOT_FOUND");
    expect(error.status).toBe(404);
    expect(h.venice.requests[1]?.path).toBe("/characters/no%20such%2Fone");
  });
});

describe("apiKeys.rateLimits and billing", () => {
  it("apiKeys.rateLimits answers the tier and limits", async () => {
    const limits = await h.client.apiKeys.rateLimits();
    expect(limits.data.apiTier.id).toBe("paid");
    expect(limits.data.rateLimits[0]?.rateLimits[0]).toEqual({ amount: 500, type: "RPM" });
  });

  it("billing.balance answers the balances", async () => {
    expect((await h.client.billing.balance()).balances).toEqual({ diem: 90.5, usd: 25 });
  });

  it("billing.usageAnalytics sends the lookback; a bad one is INVALID_REQUEST", async () => {
    expect((await h.client.billing.usageAnalytics({ lookback: "30d" })).lookback).toBe("30d");
    expect(h.venice.requests[0]?.url).toBe("/api/v1/billing/usage-analytics?lookback=30d");
    const error = await failure(h.client.billing.usageAnalytics({ lookback: "120d" }));
    expect(error.code).toBe("INVALID_REQUEST");
    expect(error.fieldErrors.lookback).toBeDefined();
  });

  it("billing.usageAnalytics: a slow query (504) is REQUEST_TIMEOUT", async () => {
    h.venice.enqueue({
      route: "GET /billing/usage-analytics",
      error: "REQUEST_TIMEOUT",
      body: { error: "Query timed out - try reducing the lookback period" },
    });
    const error = await failure(
      h.client.billing.usageAnalytics({ lookback: "90d" }, { maxRetries: 0 }),
    );
    expect(error.code).toBe("REQUEST_TIMEOUT");
    expect(error.status).toBe(504);
  });
});
