import { toVeniceError } from "@venice-errors/core";
import { type FakeVenice, startFakeVenice } from "@venice-errors/test-utils/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createVeniceClient, type VeniceClientOptions } from "./client.js";
import type {
  CoordinatedOutcome,
  CoordinatedTry,
  CoordinatorDecision,
  VeniceCoordinator,
} from "./coordinator.js";
import { keyIdOf } from "./key-id.js";
import { createLocalCoordinator } from "./local-coordinator.js";
import { TryOutcome } from "./outcome.js";
import { failure, KEY, recordingClient } from "./test-support/fake-venice.js";
import { startRawServer } from "./test-support/local-server.js";
import { createVeniceFetch } from "./venice-fetch.js";

const messages = [{ role: "user", content: "Hi" }];
let venice: FakeVenice;
beforeEach(async () => {
  venice = await startFakeVenice({ apiKey: KEY });
});
afterEach(() => venice.close());

const client = (options?: VeniceClientOptions) => recordingClient(venice, options);

/** A coordinator that records every call and answers `acquire` from a script. */
function recording(
  decide: (request: CoordinatedTry) => CoordinatorDecision | Promise<CoordinatorDecision> = () =>
    undefined,
) {
  const calls: Array<
    | { kind: "acquire"; request: CoordinatedTry }
    | { kind: "release"; request: CoordinatedTry; outcome: CoordinatedOutcome }
  > = [];
  const coordinator: VeniceCoordinator = {
    acquire: (request) => {
      calls.push({ kind: "acquire", request });
      return decide(request);
    },
    release: (request, outcome) => {
      calls.push({ kind: "release", request, outcome });
    },
  };
  return { calls, coordinator };
}

const outcome = (
  status: number,
  headers: Record<string, string> = {},
  body?: unknown,
  at = Date.now(),
) => {
  const h = new Headers(headers);
  const error =
    status >= 400 || body !== undefined
      ? toVeniceError({ status, headers: h, body }, { now: at })
      : undefined;
  return new TryOutcome(status, h, error, at);
};

describe("the coordinator seam", () => {
  it("asks before every try and is told once after it: hashed key, model, path without query", async () => {
    const { calls, coordinator } = recording();
    venice.enqueue({ error: "RATE_LIMIT_EXCEEDED", retryAfter: 1 });
    await client({ coordinator }).chat.completions.create({ model: "llama-3.3-70b", messages });
    expect(calls.map((call) => call.kind)).toEqual(["acquire", "release", "acquire", "release"]);
    const first = calls[0]!.request;
    expect(first).toEqual({
      keyId: keyIdOf(KEY),
      model: "llama-3.3-70b",
      method: "POST",
      path: "/chat/completions",
      attempt: 1,
    });
    expect(first.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(JSON.stringify(calls.map((call) => call.request))).not.toContain(KEY);
    expect(calls[2]!.request.attempt).toBe(2);
    // The same object goes to acquire and release, so a coordinator can track tries by identity.
    expect(calls[1]!.request).toBe(calls[0]!.request);
    const released = calls.filter((call) => call.kind === "release").map((call) => call.outcome);
    expect(released[0]).toMatchObject({ status: 429, error: { code: "RATE_LIMIT_EXCEEDED" } });
    expect(released[0]!.rateLimit?.remainingRequests).toBe(0);
    expect(released[1]).toMatchObject({ status: 200 });
    expect(released[1]!.error).toBeUndefined();
  });

  it("sleeps the waits it asks for, then asks again", async () => {
    let asked = 0;
    const { coordinator } = recording(() => (asked++ === 0 ? 250 : undefined));
    const venice_ = client({ coordinator });
    await venice_.models.list();
    expect(venice_.waits).toEqual([250]);
    expect(asked).toBe(2);
  });

  it("a caller abort cancels a coordinator wait at once, and nothing is sent", async () => {
    const { coordinator } = recording(() => 60_000);
    const controller = new AbortController();
    const venice_ = createVeniceClient({ apiKey: KEY, baseURL: venice.url, coordinator });
    const pending = failure(venice_.models.list({}, { signal: controller.signal }));
    await new Promise((resolve) => setTimeout(resolve, 30));
    const start = performance.now();
    controller.abort();
    expect((await pending).code).toBe("ABORTED");
    expect(performance.now() - start).toBeLessThan(500);
    expect(venice.requests).toHaveLength(0);
  });

  it("throws a refusal with the attempts so far, and sends nothing", async () => {
    const refusal = toVeniceError({ status: 0, body: { error: "nope" } });
    const { coordinator } = recording(() => refusal);
    const error = await failure(client({ coordinator }).models.list());
    expect(error).toBe(refusal);
    expect(venice.requests).toHaveLength(0);
  });

  it("a coordinator that throws or rejects never breaks a request", async () => {
    const throwing: VeniceCoordinator = {
      acquire: () => {
        throw new Error("redis down");
      },
      release: () => {
        throw new Error("redis down");
      },
    };
    const rejecting: VeniceCoordinator = {
      acquire: () => Promise.reject(new Error("redis down")),
      release: () => {},
    };
    await client({ coordinator: throwing }).models.list();
    await client({ coordinator: rejecting }).models.list();
    expect(venice.requests).toHaveLength(2);
  });

  it("a stream's try is released when the stream ends, with an in-band error if one came", async () => {
    const { calls, coordinator } = recording();
    venice.enqueue({ stream: { chunks: ["a", "b"], error: "MODEL_OVERLOADED" } });
    const stream = await client({ coordinator }).chat.completions.create({
      model: "m",
      messages,
      stream: true,
    });
    expect(calls.map((call) => call.kind)).toEqual(["acquire"]);
    await failure(
      (async () => {
        for await (const _chunk of stream) {
          // drain
        }
      })(),
    );
    const releases = calls.filter((call) => call.kind === "release");
    expect(releases).toHaveLength(1);
    expect(releases[0]).toMatchObject({
      outcome: { status: 200, error: { code: "MODEL_OVERLOADED" } },
    });
  });

  it("createVeniceFetch asks it too, with the model read from the string body", async () => {
    const { calls, coordinator } = recording();
    const veniceFetch = createVeniceFetch({ apiKey: KEY, coordinator });
    await veniceFetch(`${venice.url}/chat/completions?key=${KEY}`, {
      method: "POST",
      body: JSON.stringify({ model: "qwen3-4b", messages }),
    });
    expect(calls[0]).toMatchObject({
      kind: "acquire",
      request: { model: "qwen3-4b", method: "POST", path: "/api/v1/chat/completions" },
    });
    expect(calls).toHaveLength(2);
  });
});

describe("createLocalCoordinator", () => {
  const tryOf = (model = "m", keyId = "k1"): CoordinatedTry => ({
    keyId,
    model,
    method: "POST",
    path: "/chat/completions",
    attempt: 1,
  });

  it("a 429 with a wait hint pauses the same key and model, not other models or keys", () => {
    let now = 1_000_000;
    const coordinator = createLocalCoordinator({ now: () => now });
    const first = tryOf();
    expect(coordinator.acquire(first)).toBeUndefined();
    coordinator.release(
      first,
      outcome(429, { "retry-after": "2" }, { error: "Rate limit exceeded" }),
    );
    expect(coordinator.acquire(tryOf())).toBe(2000);
    expect(coordinator.acquire(tryOf("other-model"))).toBeUndefined();
    expect(coordinator.acquire(tryOf("m", "k2"))).toBeUndefined();
    now += 1500;
    expect(coordinator.acquire(tryOf())).toBe(500);
    now += 500;
    expect(coordinator.acquire(tryOf())).toBeUndefined();
  });

  it("x-ratelimit-remaining-requests: 0 pauses that key and model until the reset", () => {
    const now = Date.now();
    const coordinator = createLocalCoordinator({ now: () => now });
    const request = tryOf();
    coordinator.acquire(request);
    coordinator.release(
      request,
      outcome(200, {
        "x-ratelimit-remaining-requests": "0",
        "x-ratelimit-reset-requests": String(now + 7000),
      }),
    );
    expect(coordinator.acquire(tryOf())).toBe(7000);
    expect(coordinator.acquire(tryOf("other"))).toBeUndefined();
  });

  it("a lock-out and the abuse headers refuse the whole key", () => {
    const now = 5_000_000;
    const coordinator = createLocalCoordinator({ now: () => now });
    const request = tryOf();
    coordinator.acquire(request);
    coordinator.release(
      request,
      outcome(
        429,
        {},
        {
          error:
            "Too many failed attempts (> 20) resulting in a non-success status code. Please wait 30s and try again.",
        },
      ),
    );
    expect(coordinator.acquire(tryOf("any-model"))).toMatchObject({
      code: "TOO_MANY_FAILED_ATTEMPTS",
      retryAfterMs: 30_000,
    });
    const headers = createLocalCoordinator({ now: () => now });
    const other = tryOf();
    headers.acquire(other);
    headers.release(
      other,
      outcome(200, { "x-ratelimit-remaining": "0", "x-ratelimit-resets": "9000" }, undefined, now),
    );
    expect(headers.acquire(tryOf("x"))).toMatchObject({
      code: "TOO_MANY_FAILED_ATTEMPTS",
      retryAfterMs: 9000,
    });
  });

  it("refuses a cooldown longer than maxWaitMs at once, with the wait", () => {
    const now = 1_000;
    const coordinator = createLocalCoordinator({ now: () => now, maxWaitMs: 1000 });
    const request = tryOf();
    coordinator.acquire(request);
    coordinator.release(
      request,
      outcome(429, { "retry-after": "5" }, { error: "Rate limit exceeded" }),
    );
    expect(coordinator.acquire(tryOf())).toMatchObject({
      code: "RATE_LIMIT_EXCEEDED",
      status: 0,
      retryAfterMs: 5000,
    });
  });

  it("counts tries in flight against the budget once a failure was seen (issue 11 #6)", () => {
    const coordinator = createLocalCoordinator({ now: () => 1_000, maxFailures: 15 });
    // Before any failure, concurrency is not limited.
    const healthy = Array.from({ length: 40 }, () => tryOf());
    expect(healthy.map((request) => coordinator.acquire(request))).toEqual(
      healthy.map(() => undefined),
    );
    for (const request of healthy) coordinator.release(request, outcome(200));
    const failed = tryOf();
    coordinator.acquire(failed);
    coordinator.release(failed, outcome(400, {}, { error: "Invalid request" }));
    const admitted = Array.from({ length: 16 }, () => coordinator.acquire(tryOf())).filter(
      (decision) => decision === undefined,
    );
    expect(admitted).toHaveLength(14);
  });

  it("forgets idle keys of a many-tenant proxy, but keeps a key that has failures on record", () => {
    const coordinator = createLocalCoordinator({ now: () => 1_000, maxFailures: 1 });
    const noisy = tryOf("m", "noisy");
    coordinator.acquire(noisy);
    coordinator.release(noisy, outcome(400, {}, { error: "Invalid request" }));
    for (let tenant = 0; tenant < 10_000; tenant++) {
      const request = tryOf("m", `tenant-${tenant}`);
      coordinator.acquire(request);
      coordinator.release(request, outcome(200));
    }
    expect(coordinator.acquire(tryOf("m", "noisy"))).toMatchObject({
      code: "TOO_MANY_FAILED_ATTEMPTS",
    });
  });

  it("one window per key: another key's failures do not spend this key's budget", () => {
    const coordinator = createLocalCoordinator({ now: () => 1_000, maxFailures: 2 });
    for (let i = 0; i < 2; i++) {
      const request = tryOf("m", "noisy");
      coordinator.acquire(request);
      coordinator.release(request, outcome(400, {}, { error: "Invalid request" }));
    }
    expect(coordinator.acquire(tryOf("m", "noisy"))).toMatchObject({
      code: "TOO_MANY_FAILED_ATTEMPTS",
    });
    expect(coordinator.acquire(tryOf("m", "quiet"))).toBeUndefined();
  });
});

describe("the failure budget under concurrency (issue 11 #6)", () => {
  it("16 concurrent callers do not send more than 15 failures in one window", async () => {
    const server = await startRawServer(async (_req, res) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      res.writeHead(400, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: "Invalid request parameters" }));
    });
    try {
      const venice_ = createVeniceClient({ apiKey: KEY, baseURL: server.url, now: () => 1_000 });
      // One failure is known, then 16 callers each keep calling.
      await failure(venice_.models.list());
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          for (let i = 0; i < 4; i++) await failure(venice_.models.list());
        }),
      );
      expect(server.requests.length).toBeLessThanOrEqual(15);
    } finally {
      await server.close();
    }
  });

  it("a shared coordinator is one budget for several clients of the key", async () => {
    const coordinator = createLocalCoordinator({ maxFailures: 3, now: () => 1_000 });
    for (let i = 0; i < 5; i++) venice.enqueue({ error: "INVALID_REQUEST" });
    const a = client({ coordinator });
    const b = client({ coordinator });
    await failure(a.models.list());
    await failure(b.models.list());
    await failure(a.models.list());
    expect((await failure(b.models.list())).code).toBe("TOO_MANY_FAILED_ATTEMPTS");
    expect(venice.requests).toHaveLength(3);
  });
});
