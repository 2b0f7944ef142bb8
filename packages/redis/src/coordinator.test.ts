import type { VeniceError } from "@venice-errors/core";
import { createClient } from "redis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type RedisServer, startRedisServer } from "../test-support/redis-server.mjs";
import { createRedisCoordinator, type RedisCoordinator } from "./index.js";
import {
  admin,
  anAnswer,
  aTry,
  BAD_REQUEST,
  commandStats,
  eventually,
  OK,
  recordingLogger,
  until,
} from "./test-support.js";

let redis: RedisServer;
const open: RedisCoordinator[] = [];
let prefixes = 0;

beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((coordinator) => coordinator.close()));
});

/** A coordinator on the test Redis; each test gets its own key prefix unless it shares one. */
async function coordinator(options: Parameters<typeof createRedisCoordinator>[0] = {}) {
  const created = createRedisCoordinator({ url: redis.url, ...options });
  open.push(created);
  await created.ready();
  return created;
}

async function fleet(count: number, options: Parameters<typeof createRedisCoordinator>[0] = {}) {
  const keyPrefix = `test-${++prefixes}:`;
  return Promise.all(Array.from({ length: count }, () => coordinator({ keyPrefix, ...options })));
}

function isRefusal(decision: unknown): decision is VeniceError {
  return typeof decision === "object" && decision !== null && "code" in decision;
}

describe("createRedisCoordinator", () => {
  it("answers healthy traffic from its mirror: no Redis command per request", async () => {
    const [a, b] = await fleet(2);
    a!.release(aTry(), OK); // no-op: nothing acquired
    for (const coordinator of [a!, b!]) {
      const first = aTry();
      await coordinator.acquire(first); // the first request of a key loads its state once
      coordinator.release(first, OK);
    }
    const before = await commandStats(redis.url);
    const sentBefore = a!.commands + b!.commands;
    for (let i = 0; i < 1000; i++) {
      for (const coordinator of [a!, b!]) {
        const request = aTry();
        const decision = coordinator.acquire(request);
        expect(decision).toBeUndefined(); // synchronous, not a promise
        coordinator.release(request, OK);
      }
    }
    const after = await commandStats(redis.url);
    const scripts = (s: Record<string, number>) => (s.evalsha ?? 0) + (s.eval ?? 0);
    expect(scripts(after) - scripts(before)).toBe(0);
    expect(a!.commands + b!.commands - sentBefore).toBe(0);
  });

  it("shares failures: another process sees them and reserves slots so the fleet cannot overshoot", async () => {
    const [a, b] = await fleet(2, { maxFailures: 5 });
    const warm = aTry();
    await b!.acquire(warm);
    b!.release(warm, OK);
    const failed = aTry();
    await a!.acquire(failed);
    a!.release(failed, BAD_REQUEST);
    await until(() => b!.inspect("k1").failures === 1); // heard by pub/sub
    const decisions = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a! : b!).acquire(aTry())),
    );
    const sent = decisions.filter((decision) => decision === undefined).length;
    const refused = decisions.filter(isRefusal);
    expect(sent).toBe(4); // 5 allowed, 1 already spent, 4 tries in flight hold the rest
    expect(refused).toHaveLength(6);
    expect(refused[0]!.code).toBe("TOO_MANY_FAILED_ATTEMPTS");
    expect(refused[0]!.status).toBe(0);
    expect(refused[0]!.retryAfterMs).toBeGreaterThan(29_000);
    expect(b!.inspect("k1").failures).toBe(1);
  });

  it("counts tries another process sent before failures were known", async () => {
    const [a, b] = await fleet(2, { maxFailures: 5 });
    for (const coordinator of [a!, b!]) {
      const warm = aTry();
      await coordinator.acquire(warm);
      coordinator.release(warm, OK);
    }
    // b sends 3 tries while the window is clean: no slots, no Redis command.
    for (let i = 0; i < 3; i++) expect(b!.acquire(aTry())).toBeUndefined();
    const failed = aTry();
    await a!.acquire(failed);
    a!.release(failed, BAD_REQUEST);
    // b hears of the failure and has its 3 tries counted in Redis.
    const inflight = () =>
      admin(redis.url, "ZCARD", `${prefixes === 0 ? "" : `test-${prefixes}:`}{k1}:inflight`);
    await eventually(async () => (await inflight()) === 3);
    const decisions = await Promise.all(Array.from({ length: 5 }, () => a!.acquire(aTry())));
    // 5 allowed - 1 failure - b's 3 tries in flight = 1.
    expect(decisions.filter((decision) => decision === undefined)).toHaveLength(1);
  });

  it("frees a reserved slot when its try succeeds", async () => {
    const [a, b] = await fleet(2, { maxFailures: 2 });
    const failed = aTry();
    await a!.acquire(failed);
    a!.release(failed, BAD_REQUEST);
    const held = aTry();
    expect(await b!.acquire(held)).toBeUndefined();
    expect(isRefusal(await a!.acquire(aTry()))).toBe(true);
    b!.release(held, OK);
    await eventually(
      async () => (await admin(redis.url, "ZCARD", `test-${prefixes}:{k1}:inflight`)) === 0,
    );
    expect(await a!.acquire(aTry())).toBeUndefined();
  });

  it("broadcasts a 429 wait hint: every process waits for that model only", async () => {
    const [a, b, c] = await fleet(3);
    const limited = aTry("k1", "m");
    await a!.acquire(limited);
    for (const other of [b!, c!]) {
      const warm = aTry("k1", "m");
      await other.acquire(warm);
      other.release(warm, OK);
    }
    const sentAt = Date.now();
    a!.release(limited, anAnswer(429, { "retry-after": "2" }, { error: "Rate limit exceeded" }));
    await until(() => typeof c!.acquire(aTry("k1", "m")) === "number");
    const latency = Date.now() - sentAt;
    const wait = b!.acquire(aTry("k1", "m"));
    expect(typeof wait).toBe("number");
    expect(wait as number).toBeGreaterThan(1800);
    expect(wait as number).toBeLessThanOrEqual(2000);
    expect(b!.acquire(aTry("k1", "other-model"))).toBeUndefined();
    expect(latency).toBeLessThan(500);
  });

  it("broadcasts Venice's lock-out: every process refuses every model", async () => {
    const [a, b] = await fleet(2);
    const warm = aTry();
    await b!.acquire(warm);
    b!.release(warm, OK);
    const request = aTry();
    await a!.acquire(request);
    a!.release(
      request,
      anAnswer(
        429,
        {},
        {
          error:
            "Too many failed attempts (> 20) resulting in a non-success status code. Please wait 30s and try again.",
        },
      ),
    );
    await until(() => b!.inspect("k1").lockedUntil > 0);
    const refusal = b!.acquire(aTry("k1", "another"));
    expect(isRefusal(refusal) && refusal.code).toBe("TOO_MANY_FAILED_ATTEMPTS");
    expect(isRefusal(refusal) && refusal.retryAfterMs).toBeGreaterThan(29_000);
  });

  it("gives a process that starts later the state that is already there", async () => {
    const keyPrefix = `late-${++prefixes}:`;
    const [a] = await fleet(1, { keyPrefix });
    const request = aTry();
    await a!.acquire(request);
    a!.release(request, anAnswer(429, { "retry-after": "5" }, { error: "Rate limit exceeded" }));
    await eventually(
      async () => (await admin(redis.url, "EXISTS", `${keyPrefix}{k1}:cooldowns`)) === 1,
    );
    const late = await coordinator({ keyPrefix });
    const wait = await late.acquire(aTry());
    expect(typeof wait).toBe("number");
    expect(wait as number).toBeGreaterThan(4000);
  });

  it("keeps one key's state apart from another's", async () => {
    const [a] = await fleet(1, { maxFailures: 1 });
    const request = aTry("key-one");
    await a!.acquire(request);
    a!.release(request, BAD_REQUEST);
    expect(isRefusal(await a!.acquire(aTry("key-one")))).toBe(true);
    expect(await a!.acquire(aTry("key-two"))).toBeUndefined();
  });

  it("names keys by the key id under the prefix, and every key expires", async () => {
    const [a] = await fleet(1, { keyPrefix: "ttl-test:" });
    const request = aTry("abc123");
    await a!.acquire(request);
    a!.release(request, BAD_REQUEST);
    const reserved = aTry("abc123");
    await a!.acquire(reserved);
    const limited = aTry("abc123");
    await a!.acquire(limited);
    a!.release(limited, anAnswer(429, { "retry-after": "3" }, { error: "Rate limit exceeded" }));
    await eventually(
      async () => (await admin(redis.url, "EXISTS", "ttl-test:{abc123}:cooldowns")) === 1,
    );
    const keys = (await admin(redis.url, "KEYS", "ttl-test:*")) as string[];
    expect(keys.sort()).toEqual([
      "ttl-test:{abc123}:cooldowns",
      "ttl-test:{abc123}:failures",
      "ttl-test:{abc123}:inflight",
    ]);
    for (const key of keys) {
      const ttl = (await admin(redis.url, "PTTL", key)) as number;
      expect(ttl, key).toBeGreaterThan(0);
      expect(ttl, key).toBeLessThanOrEqual(60_000);
    }
  });

  it("returns a crashed process's reserved slot after its lease", async () => {
    const [a, b] = await fleet(2, { maxFailures: 2, leaseMs: 300 });
    const failed = aTry();
    await a!.acquire(failed);
    a!.release(failed, BAD_REQUEST);
    expect(await a!.acquire(aTry())).toBeUndefined(); // never released: its process "crashed"
    expect(isRefusal(await b!.acquire(aTry()))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await b!.acquire(aTry())).toBeUndefined();
  });

  it("works with a client you pass, and leaves it open on close", async () => {
    const client = createClient({ url: redis.url });
    client.on("error", () => undefined);
    await client.connect();
    const coordinator = createRedisCoordinator({ client, keyPrefix: `own-${++prefixes}:` });
    expect(await coordinator.ready()).toBe(true);
    const request = aTry();
    expect(await coordinator.acquire(request)).toBeUndefined();
    coordinator.release(request, BAD_REQUEST);
    await coordinator.close();
    expect(client.isReady).toBe(true);
    expect(await client.ping()).toBe("PONG");
    await client.close();
  });
});

describe("when Redis is in trouble", () => {
  it("fails open when Redis is unreachable: requests go on, one warning, local budget", async () => {
    const { lines, logger } = recordingLogger();
    const unreachable = createRedisCoordinator({
      url: "redis://127.0.0.1:1",
      logger,
      maxFailures: 2,
    });
    open.push(unreachable);
    expect(await unreachable.ready(300)).toBe(false);
    expect(unreachable.mode).toBe("local");
    const first = aTry();
    expect(unreachable.acquire(first)).toBeUndefined();
    unreachable.release(first, BAD_REQUEST);
    const second = aTry();
    expect(unreachable.acquire(second)).toBeUndefined();
    // In-process budget: 1 failure + 1 in flight reach maxFailures 2.
    expect(isRefusal(unreachable.acquire(aTry()))).toBe(true);
    unreachable.release(second, OK);
    await new Promise((resolve) => setTimeout(resolve, 400)); // reconnect attempts keep failing
    expect(lines.filter((line) => line.level === "warn")).toHaveLength(1);
    expect(lines[0]!.message).toMatch(/Redis is unreachable or slow/);
  });

  it("falls back within the timeout when Redis is slow, then comes back", async () => {
    const { lines, logger } = recordingLogger();
    const [a] = await fleet(1, { logger, maxFailures: 3, timeoutMs: 50, retryMs: 300 });
    const failed = aTry();
    await a!.acquire(failed);
    a!.release(failed, BAD_REQUEST);
    await eventually(
      async () => (await admin(redis.url, "EXISTS", `test-${prefixes}:{k1}:failures`)) === 1,
    );
    const sleeper = createClient({ url: redis.url });
    await sleeper.connect();
    const sleeping = sleeper.sendCommand(["DEBUG", "SLEEP", "0.4"]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const started = Date.now();
    const decision = await a!.acquire(aTry()); // failures in the window: asks Redis, which sleeps
    const took = Date.now() - started;
    expect(decision).toBeUndefined();
    expect(took).toBeLessThan(200);
    expect(a!.mode).toBe("local");
    await sleeping;
    await sleeper.close();
    expect(lines.filter((line) => line.level === "warn")).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 350));
    await a!.acquire(aTry()); // the slow spell is over: resync starts
    await until(() => a!.mode === "redis");
    expect(lines.at(-1)!.message).toMatch(/Redis is back/);
  });

  it("survives Redis being killed and restarted, and shares what it saw meanwhile", async () => {
    const { lines, logger } = recordingLogger();
    const [a, b] = await fleet(2, { logger });
    const warm = aTry();
    await b!.acquire(warm);
    b!.release(warm, OK);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      await redis.kill();
      await until(() => a!.mode === "local" && b!.mode === "local").catch(() => {
        throw new Error("did not go local");
      });
      const during = aTry();
      expect(a!.acquire(during)).toBeUndefined();
      a!.release(during, BAD_REQUEST); // seen while Redis is away
      expect(a!.inspect("k1").failures).toBe(1);
      await redis.restart();
      await until(() => a!.mode === "redis" && b!.mode === "redis", 10_000).catch(() => {
        throw new Error(`did not come back: ${a!.mode} ${b!.mode}`);
      });
      await until(() => b!.inspect("k1").failures === 1).catch(() => {
        throw new Error("b did not hear of the failure");
      });
      expect(unhandled).toEqual([]);
      // One warning per process for the outage, one line when it is back.
      expect(lines.filter((line) => line.level === "warn")).toHaveLength(2);
      expect(lines.filter((line) => line.level === "info")).toHaveLength(2);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });
});
