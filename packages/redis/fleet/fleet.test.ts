// Several real processes (child_process), each a Venice client whose coordinator is shared
// through one real redis-server, against one fake Venice. They import the BUILT packages and
// need node-client's coordinator seam (createVeniceClient({ coordinator })).
import {
  type FakeVenice,
  type FakeVeniceRequest,
  startFakeVenice,
} from "@venice-errors/test-utils/server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type RedisServer, startRedisServer } from "../test-support/redis-server.mjs";
import { buildPackages, runFleet } from "./fleet.js";

let redis: RedisServer;
let venice: FakeVenice | undefined;
let prefixes = 0;

beforeAll(async () => {
  buildPackages();
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});
afterEach(async () => {
  await venice?.close();
  venice = undefined;
});

/** Venice's documented abuse protection: more than 20 failures in 30 s block the key for 30 s. */
const VENICE_ABUSE_LIMIT = { maxFailures: 20, windowMs: 30_000, blockMs: 30_000 };

async function fakeVenice() {
  // A request limit no test reaches: `x-ratelimit-remaining-requests: 0` would pause everyone.
  venice = await startFakeVenice({ abuseLimit: VENICE_ABUSE_LIMIT, requestLimit: 10_000_000 });
  return venice;
}

/**
 * How long the 429's news may take to reach every process: w0 reads the answer, Redis, pub/sub.
 * A few ms on a quiet machine (see the bench); hundreds when 2 cores run 20 processes.
 */
const BROADCAST_SLACK_MS = 1000;

/**
 * The coordinator's Redis timeout in these tests. The default 50 ms counts a busy machine's
 * scheduling delays as Redis trouble (then each process falls back to its own budget); these
 * tests are about sharing, the outage test about losing Redis outright.
 */
const TIMEOUT_MS = 500;

/** Resolves once the fake has seen a request from each of the `count` workers. */
async function allUnderWay(fake: FakeVenice, count: number) {
  for (;;) {
    const seen = new Set(fake.requests.map((request) => request.headers["x-fleet-worker"]));
    if (seen.size >= count) return;
    await sleep(20);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a fleet of 4 processes sharing one key through Redis", () => {
  it("keeps a failure storm under Venice's lock-out threshold (and without Redis it does not)", async () => {
    const fake = await fakeVenice();
    const storm = {
      veniceUrl: fake.url,
      maxFailures: 15,
      windowMs: 30_000,
      timeoutMs: TIMEOUT_MS,
      durationMs: 3000,
      concurrency: 3,
      intervalMs: 5,
      badEvery: 1,
      model: "llama-3.3-70b",
    };
    const shared = await runFleet(4, {
      ...storm,
      redisUrl: redis.url,
      keyPrefix: `storm-${++prefixes}:`,
    });
    expect(shared.every((worker) => worker.ready)).toBe(true);
    expect(fake.abuse.peakFailures).toBeLessThanOrEqual(20);
    expect(fake.abuse.lockouts).toBe(0);
    expect(shared.reduce((sum, worker) => sum + worker.refused, 0)).toBeGreaterThan(0);

    // The same storm with each process on its own (in-process budget of 15): 60 failures.
    const alone = await fakeVenice();
    await runFleet(4, { ...storm, veniceUrl: alone.url });
    expect(alone.abuse.peakFailures).toBeGreaterThan(20);
    expect(alone.abuse.blockedUntil).toBeGreaterThan(0); // Venice would have locked the key
  });

  it("a 429 with Retry-After: 2 seen by one process keeps every process quiet for 2 s", async () => {
    const fake = await fakeVenice();
    const sentAt = (request: FakeVeniceRequest) => Number(request.headers["x-sent-at"]);
    let limitedAt = 0;
    fake.setHandler((request) => {
      // Once every process is under way, answer one try of w0 with a 429 and a 2 s hint.
      const seen = new Set(
        fake.requests.map((seenRequest) => seenRequest.headers["x-fleet-worker"]),
      );
      if (limitedAt !== 0 || seen.size < 4 || request.headers["x-fleet-worker"] !== "w0") {
        return undefined;
      }
      limitedAt = sentAt(request);
      return {
        error: "RATE_LIMIT_EXCEEDED",
        retryAfter: 2,
        headers: { "x-ratelimit-reset-requests": String(request.at + 2000) },
      };
    });
    const workers = await runFleet(4, {
      veniceUrl: fake.url,
      redisUrl: redis.url,
      keyPrefix: `cooldown-${++prefixes}:`,
      maxFailures: 15,
      windowMs: 30_000,
      timeoutMs: TIMEOUT_MS,
      durationMs: 6000,
      concurrency: 2,
      intervalMs: 10,
      badEvery: 0,
      model: "llama-3.3-70b",
    });
    expect(limitedAt).toBeGreaterThan(0);
    const sentBetween = (from: number, to: number) =>
      fake.requests.filter(
        (request) => sentAt(request) > limitedAt + from && sentAt(request) < limitedAt + to,
      );
    // The news travels w0 -> Redis -> pub/sub -> the others; tries already acquired before it
    // arrived may still leave during that time (a few ms; more on a loaded machine).
    expect(sentBetween(BROADCAST_SLACK_MS, 1990)).toEqual([]);
    const resumed = new Set(
      sentBetween(2000, 3500).map((request) => request.headers["x-fleet-worker"]),
    );
    expect([...resumed].sort()).toEqual(["w0", "w1", "w2", "w3"]);
    expect(workers.flatMap((worker) => worker.lostGood)).toEqual([]);
  });

  it("loses no request when Redis is killed mid-run and restarted", async () => {
    const fake = await fakeVenice();
    const fleet = runFleet(4, {
      veniceUrl: fake.url,
      redisUrl: redis.url,
      keyPrefix: `outage-${++prefixes}:`,
      maxFailures: 15,
      // The fake's window: one early failure per process keeps the budget in use for the whole
      // run, so requests do go to Redis when it dies. 4 failures plus the 8 tries in flight (which
      // count against a budget in use) stay under 15 whatever this machine's speed; a rate of
      // failures would not.
      windowMs: VENICE_ABUSE_LIMIT.windowMs,
      timeoutMs: TIMEOUT_MS,
      durationMs: 7000,
      concurrency: 2,
      intervalMs: 20,
      badEvery: 10,
      badLimit: 1,
      model: "llama-3.3-70b",
    });
    await allUnderWay(fake, 4);
    await sleep(500);
    await redis.kill();
    await sleep(1500);
    await redis.restart();
    const workers = await fleet;
    for (const worker of workers) {
      expect(worker.lostGood, worker.name).toEqual([]);
      expect(worker.refused, worker.name).toBe(0);
      expect(worker.warnings, worker.name).toBe(1);
      expect(worker.resumed, worker.name).toBe(true);
      expect(worker.mode, worker.name).toBe("redis");
      expect(worker.commands, worker.name).toBeGreaterThan(0);
    }
    const sent = workers.reduce((sum, worker) => sum + worker.sent, 0);
    expect(fake.requests).toHaveLength(sent);
    expect(fake.abuse.lockouts).toBe(0);
  });
});
