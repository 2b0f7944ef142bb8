// The faults a real deployment sees, injected into a real redis-server (no mock of Redis): each
// test says what must hold. Non-negotiable everywhere: no throw, no unhandled rejection, no lost
// request, no secret in a log line.
import type { VeniceError } from "@venice-errors/core";
import type { CoordinatedTry } from "@venice-errors/node-client";
import { createClient } from "redis";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { freePort, type RedisServer, startRedisServer } from "../test-support/redis-server.mjs";
import { createRedisCoordinator, type RedisCoordinator } from "./index.js";
import {
  admin,
  anAnswer,
  aTry,
  BAD_REQUEST,
  eventually,
  OK,
  recordingLogger,
  until,
} from "./test-support.js";

type Options = Parameters<typeof createRedisCoordinator>[0];

let redis: RedisServer;
const servers: RedisServer[] = [];
const open: RedisCoordinator[] = [];
let prefixes = 0;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  redis = await startRedisServer();
  process.on("unhandledRejection", onUnhandled);
});
afterAll(async () => {
  process.off("unhandledRejection", onUnhandled);
  await redis?.stop();
});
beforeEach(() => {
  unhandled.length = 0;
});
afterEach(async () => {
  redis.resume();
  await Promise.all(open.splice(0).map((coordinator) => coordinator.close()));
  await Promise.all(servers.splice(0).map((server) => server.stop()));
  expect(unhandled).toEqual([]);
});

/** A server of its own, for a test that changes its configuration. */
async function ownServer(options?: Parameters<typeof startRedisServer>[0]) {
  const server = await startRedisServer(options);
  servers.push(server);
  return server;
}

function make(options: Options) {
  const created = createRedisCoordinator({ keyPrefix: `fault-${++prefixes}:`, ...options });
  open.push(created);
  return created;
}

function isRefusal(decision: unknown): decision is VeniceError {
  return typeof decision === "object" && decision !== null && "code" in decision;
}

const warnings = (lines: Array<{ level: string }>) =>
  lines.filter((line) => line.level === "warn").length;

/** One full request: ask, then report the answer. Returns what the coordinator decided. */
async function request(coordinator: RedisCoordinator, answer = OK, keyId = "k1") {
  const attempt = aTry(keyId);
  const decision = await coordinator.acquire(attempt);
  if (decision === undefined) coordinator.release(attempt, answer);
  return decision;
}

/** A failure in the window, so that the next request asks Redis for a budget slot. */
async function withFailure(coordinator: RedisCoordinator) {
  await request(coordinator, BAD_REQUEST);
}

/** Sends a request now and then (resyncs start on requests) until `check` holds. */
async function trafficUntil(coordinator: RedisCoordinator, check: () => boolean, ms = 5000) {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms)
      throw new Error(`condition not met in time (${coordinator.mode})`);
    expect(isRefusal(await request(coordinator))).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const slots = (url: string, prefix: string) => admin(url, "ZCARD", `${prefix}{k1}:inflight`);
const failures = (url: string, prefix: string) => admin(url, "ZCARD", `${prefix}{k1}:failures`);

describe("a paused server (SIGSTOP, then SIGCONT)", () => {
  it("answers within the slow threshold, warns once, and resyncs after", async () => {
    const { lines, logger } = recordingLogger();
    const keyPrefix = `paused-${++prefixes}:`;
    const a = make({ url: redis.url, keyPrefix, logger, timeoutMs: 50, retryMs: 200 });
    expect(await a.ready()).toBe(true);
    await withFailure(a);
    redis.pause();
    const started = Date.now();
    const decisions = await Promise.all(Array.from({ length: 5 }, () => a.acquire(aTry())));
    expect(Date.now() - started).toBeLessThan(300);
    expect(decisions).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(a.mode).toBe("local");
    const during = aTry();
    expect(await a.acquire(during)).toBeUndefined();
    a.release(during, BAD_REQUEST); // seen while Redis is frozen
    // More traffic while frozen: still one warning.
    for (let i = 0; i < 5; i++) await request(a);
    await new Promise((resolve) => setTimeout(resolve, 250)); // past retryMs: a resync is tried
    for (let i = 0; i < 5; i++) await request(a);
    redis.resume();
    await trafficUntil(a, () => a.mode === "redis");
    expect(warnings(lines)).toBe(1);
    expect(lines.at(-1)!.message).toMatch(/Redis is back/);
    await eventually(async () => (await failures(redis.url, keyPrefix)) === 2);
  });

  it("close() does not hang while the server is frozen", async () => {
    const a = make({ url: redis.url });
    expect(await a.ready()).toBe(true);
    await withFailure(a);
    redis.pause();
    const pending = a.acquire(aTry());
    const late = aTry();
    a.release(late, BAD_REQUEST); // not acquired: ignored
    const started = Date.now();
    await a.close();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await pending).toBeUndefined();
    redis.resume();
  });
});

describe("connections killed from the server side", () => {
  it("survives CLIENT KILL TYPE normal, repeatedly, with one warning per outage", async () => {
    const { lines, logger } = recordingLogger();
    const keyPrefix = `kill-${++prefixes}:`;
    const a = make({ url: redis.url, keyPrefix, logger });
    const b = make({ url: redis.url, keyPrefix });
    expect(await a.ready()).toBe(true);
    expect(await b.ready()).toBe(true);
    await request(b); // b knows the key: it mirrors it from now on
    await withFailure(a);
    for (let round = 1; round <= 3; round++) {
      // A slot held across the kill: the try must still be answered and its slot freed.
      const held = aTry();
      expect(await a.acquire(held)).toBeUndefined();
      await admin(redis.url, "CLIENT", "KILL", "TYPE", "normal");
      a.release(held, OK);
      expect(isRefusal(await request(a))).toBe(false);
      await trafficUntil(a, () => a.mode === "redis");
      expect(warnings(lines)).toBe(round);
    }
    // Still shared: b hears a's new failure.
    await until(() => b.mode === "redis");
    await withFailure(a);
    await until(() => b.inspect("k1").failures >= 2);
    await eventually(async () => (await slots(redis.url, keyPrefix)) === 0);
  });

  it("survives the subscriber connection killed while the command one lives", async () => {
    const { lines, logger } = recordingLogger();
    const keyPrefix = `pubsub-${++prefixes}:`;
    const a = make({ url: redis.url, keyPrefix, logger });
    const b = make({ url: redis.url, keyPrefix });
    expect(await a.ready()).toBe(true);
    expect(await b.ready()).toBe(true);
    await request(a);
    await request(b);
    for (let round = 1; round <= 3; round++) {
      await admin(redis.url, "CLIENT", "KILL", "TYPE", "pubsub");
      // A failure announced while a's subscriber may be away: a must learn of it anyway.
      await withFailure(b);
      await until(() => a.mode === "redis" && a.inspect("k1").failures === round);
    }
    // Subscribed again: a hears b's next failure on the channel (no resync is due).
    const sentBefore = a.commands;
    await withFailure(b);
    await until(() => a.inspect("k1").failures === 4);
    expect(a.commands).toBe(sentBefore);
    expect(warnings(lines)).toBeLessThanOrEqual(3);
    expect(lines.at(-1)?.message ?? "Redis is back").toMatch(/Redis is back/);
  });
});

describe("state or scripts gone", () => {
  it("reloads the scripts after SCRIPT FLUSH (NOSCRIPT), with no trouble", async () => {
    const { lines, logger } = recordingLogger();
    const keyPrefix = `flush-${++prefixes}:`;
    const a = make({ url: redis.url, keyPrefix, logger });
    expect(await a.ready()).toBe(true);
    await withFailure(a);
    await admin(redis.url, "SCRIPT", "FLUSH");
    const held = aTry();
    expect(await a.acquire(held)).toBeUndefined();
    expect(await slots(redis.url, keyPrefix)).toBe(1); // reserved through Redis
    a.release(held, BAD_REQUEST);
    await eventually(async () => (await failures(redis.url, keyPrefix)) === 2);
    expect(a.mode).toBe("redis");
    expect(lines).toEqual([]);
  });

  it("recovers from FLUSHALL mid-run: no throw, the budget works again", async () => {
    const keyPrefix = `flushall-${++prefixes}:`;
    const a = make({ url: redis.url, keyPrefix, maxFailures: 3 });
    const b = make({ url: redis.url, keyPrefix, maxFailures: 3 });
    expect(await a.ready()).toBe(true);
    expect(await b.ready()).toBe(true);
    await withFailure(a);
    const held = aTry();
    expect(await b.acquire(held)).toBeUndefined();
    await admin(redis.url, "FLUSHALL");
    b.release(held, OK); // its slot is gone: freeing it must not fail
    for (let i = 0; i < 2; i++) await withFailure(b);
    await until(() => a.inspect("k1").failures === 3);
    expect(isRefusal(await a.acquire(aTry()))).toBe(true);
    expect(a.mode).toBe("redis");
    expect(b.mode).toBe("redis");
  });
});

describe("Redis refuses commands", () => {
  it("memory full (maxmemory, noeviction): OOM on writes goes local with one warning, then back", async () => {
    const server = await ownServer();
    const { lines, logger } = recordingLogger();
    const keyPrefix = `oom-${++prefixes}:`;
    const a = make({ url: server.url, keyPrefix, logger, retryMs: 100 });
    expect(await a.ready()).toBe(true);
    await withFailure(a);
    await admin(server.url, "SET", "ballast", "x".repeat(2 * 1024 * 1024));
    await admin(server.url, "CONFIG", "SET", "maxmemory-policy", "noeviction");
    await admin(server.url, "CONFIG", "SET", "maxmemory", "1mb");
    const commandsBefore = a.commands;
    for (let i = 0; i < 40; i++) {
      expect(isRefusal(await request(a, i % 10 === 0 ? BAD_REQUEST : OK))).toBe(false);
    }
    expect(a.mode).toBe("local");
    expect(warnings(lines)).toBe(1);
    // Backs off: a refusing Redis is not asked once per request.
    expect(a.commands - commandsBefore).toBeLessThan(20);
    await admin(server.url, "CONFIG", "SET", "maxmemory", "0");
    await trafficUntil(a, () => a.mode === "redis");
    expect(warnings(lines)).toBe(1);
    expect(lines.at(-1)!.message).toMatch(/Redis is back/);
    // The failures seen meanwhile reached Redis.
    await eventually(async () => (await failures(server.url, keyPrefix)) === 5);
  });

  it("a read-only replica (READONLY): requests go on in-process, one warning, no command storm", async () => {
    const primary = await ownServer();
    const replica = await ownServer({ args: ["--replicaof", "127.0.0.1", String(primary.port)] });
    const { lines, logger } = recordingLogger();
    const a = make({ url: replica.url, logger, retryMs: 100 });
    await a.ready(500);
    for (let i = 0; i < 30; i++) {
      expect(isRefusal(await request(a, i % 10 === 0 ? BAD_REQUEST : OK))).toBe(false);
    }
    expect(a.mode).toBe("local");
    expect(a.inspect("k1").failures).toBe(3);
    expect(warnings(lines)).toBe(1);
    expect(String(lines[0]!.metadata.reason)).toMatch(/READONLY/);
    expect(a.commands).toBeLessThan(15);
  });

  it("requirepass set after connect (NOAUTH), then a wrong password (WRONGPASS): no secret logged", async () => {
    const server = await ownServer();
    const { lines, logger } = recordingLogger();
    const a = make({ url: server.url, logger, retryMs: 100 });
    expect(await a.ready()).toBe(true);
    await withFailure(a);
    await admin(server.url, "CONFIG", "SET", "requirepass", "s3cret-pass");
    const authed = `redis://:s3cret-pass@127.0.0.1:${server.port}`;
    await admin(authed, "CLIENT", "KILL", "TYPE", "normal");
    await admin(authed, "CLIENT", "KILL", "TYPE", "pubsub");
    for (let i = 0; i < 20; i++) {
      expect(isRefusal(await request(a))).toBe(false);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(a.mode).toBe("local");
    expect(warnings(lines)).toBe(1);
    const wrong = make({ url: `redis://:wrong-pass-9@127.0.0.1:${server.port}`, logger });
    expect(await wrong.ready(500)).toBe(false);
    for (let i = 0; i < 5; i++) expect(isRefusal(await request(wrong))).toBe(false);
    expect(warnings(lines)).toBe(2);
    const logged = JSON.stringify(lines);
    expect(logged).not.toContain("s3cret-pass");
    expect(logged).not.toContain("wrong-pass-9");
    expect(logged).toMatch(/NOAUTH|WRONGPASS|Authentication/);
    // The password is lifted: the first coordinator comes back on its own.
    await admin(authed, "CONFIG", "SET", "requirepass", "");
    await trafficUntil(a, () => a.mode === "redis", 8000);
  });

  it("an ACL that denies EVALSHA or PUBLISH: local, one warning, password never logged", async () => {
    const server = await ownServer();
    await admin(
      server.url,
      "ACL",
      "SETUSER",
      "noeval",
      "on",
      ">pw-noeval-1",
      "~*",
      "&*",
      "+@all",
      "-evalsha",
      "-eval",
    );
    await admin(
      server.url,
      "ACL",
      "SETUSER",
      "nopub",
      "on",
      ">pw-nopub-2",
      "~*",
      "&*",
      "+@all",
      "-publish",
    );
    for (const [user, password] of [
      ["noeval", "pw-noeval-1"],
      ["nopub", "pw-nopub-2"],
    ] as const) {
      const { lines, logger } = recordingLogger();
      const a = make({
        url: `redis://${user}:${password}@127.0.0.1:${server.port}`,
        logger,
        retryMs: 100,
      });
      await a.ready(500);
      for (let i = 0; i < 30; i++) {
        expect(isRefusal(await request(a, i % 10 === 0 ? BAD_REQUEST : OK))).toBe(false);
      }
      expect(a.mode, user).toBe("local");
      expect(a.inspect("k1").failures, user).toBe(3);
      expect(warnings(lines), user).toBe(1);
      expect(String(lines[0]!.metadata.reason), user).toMatch(/NOPERM|permission/i);
      expect(JSON.stringify(lines)).not.toContain(password);
      expect(a.commands, user).toBeLessThan(15);
    }
  });
});

describe("Redis away at start", () => {
  it("never reachable (wrong port), then reachable later: shares what it saw", async () => {
    const port = await freePort();
    const { lines, logger } = recordingLogger();
    const keyPrefix = `later-${++prefixes}:`;
    const a = make({ url: `redis://127.0.0.1:${port}`, keyPrefix, logger });
    expect(await a.ready(300)).toBe(false);
    for (let i = 0; i < 3; i++) expect(isRefusal(await request(a, BAD_REQUEST))).toBe(false);
    const server = await ownServer({ port });
    expect(await a.ready(5000)).toBe(true);
    await eventually(async () => (await failures(server.url, keyPrefix)) === 3);
    expect(warnings(lines)).toBe(1);
    expect(lines.at(-1)!.message).toMatch(/Redis is back/);
  });

  it("a host name that does not resolve, with a password in the URL: requests go on, password never logged", async () => {
    const { lines, logger } = recordingLogger();
    const a = make({ url: "redis://user:hunter2-secret@no-such-host.invalid:6379", logger });
    expect(await a.ready(500)).toBe(false);
    for (let i = 0; i < 5; i++) expect(isRefusal(await request(a))).toBe(false);
    await until(() => warnings(lines) === 1);
    expect(JSON.stringify(lines)).not.toContain("hunter2-secret");
    await a.close();
  });
});

describe("a very slow Redis (DEBUG SLEEP) under concurrency", () => {
  it("answers every request in time and leaks no budget slot", async () => {
    const { lines, logger } = recordingLogger();
    const keyPrefix = `sleepy-${++prefixes}:`;
    const options = { url: redis.url, keyPrefix, logger, maxFailures: 10, retryMs: 100 };
    const a = make(options);
    const b = make(options);
    expect(await a.ready()).toBe(true);
    expect(await b.ready()).toBe(true);
    await request(b);
    await withFailure(a);
    await until(() => b.inspect("k1").failures === 1);
    const sleeper = createClient({ url: redis.url });
    await sleeper.connect();
    const sleeping = sleeper.sendCommand(["DEBUG", "SLEEP", "0.2"]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const tries: CoordinatedTry[] = Array.from({ length: 8 }, () => aTry());
    const started = Date.now();
    const decisions = await Promise.all(tries.map((t, i) => (i % 2 ? a : b).acquire(t)));
    expect(Date.now() - started).toBeLessThan(180);
    expect(decisions.every((decision) => decision === undefined)).toBe(true);
    for (const [i, t] of tries.entries()) (i % 2 ? a : b).release(t, OK);
    await sleeping;
    await sleeper.close();
    await trafficUntil(a, () => a.mode === "redis");
    await trafficUntil(b, () => b.mode === "redis");
    // Reservations that arrived after their timeout are freed, not held for leaseMs.
    await eventually(async () => (await slots(redis.url, keyPrefix)) === 0, 3000);
    // 10 allowed, 1 failure: 9 tries may be in flight at once, none refused wrongly.
    const next = Array.from({ length: 9 }, () => aTry());
    const after = await Promise.all(next.map((t, i) => (i % 2 ? a : b).acquire(t)));
    expect(after.filter(isRefusal)).toEqual([]);
    expect(warnings(lines)).toBeLessThanOrEqual(2);
  });
});

describe("closing", () => {
  it("close() while requests are in flight: they are answered, late reports are ignored", async () => {
    const keyPrefix = `closing-${++prefixes}:`;
    const a = make({ url: redis.url, keyPrefix });
    expect(await a.ready()).toBe(true);
    await withFailure(a);
    const held = aTry();
    expect(await a.acquire(held)).toBeUndefined();
    const inflight = Array.from({ length: 5 }, () => a.acquire(aTry()));
    await a.close();
    expect((await Promise.all(inflight)).filter(isRefusal)).toEqual([]);
    a.release(held, BAD_REQUEST); // after close: no throw
    expect(await a.acquire(aTry())).toBeUndefined();
  });

  it("your own client quit under it while requests are in flight: they go on in-process", async () => {
    const { lines, logger } = recordingLogger();
    const client = createClient({ url: redis.url });
    client.on("error", () => undefined);
    await client.connect();
    const a = make({ client, logger });
    expect(await a.ready()).toBe(true);
    await withFailure(a);
    const inflight = Array.from({ length: 5 }, () => a.acquire(aTry()));
    await client.quit();
    expect((await Promise.all(inflight)).filter(isRefusal)).toEqual([]);
    for (let i = 0; i < 5; i++) expect(isRefusal(await request(a))).toBe(false);
    expect(a.mode).toBe("local");
    // Replies to the tries in flight may come before the quit: a warning only if one failed.
    expect(warnings(lines)).toBeLessThanOrEqual(1);
    await a.close(); // the client is yours and already closed: no throw
  });

  it("close() right after creating it leaves no connection behind", async () => {
    const server = await ownServer();
    for (let i = 0; i < 10; i++) {
      const a = createRedisCoordinator({ url: server.url });
      await new Promise((resolve) => setTimeout(resolve, i * 3));
      await a.close();
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    const list = String(await admin(server.url, "CLIENT", "LIST"));
    expect(list.trim().split("\n")).toHaveLength(1); // the admin connection itself
  });
});

describe("clock skew between processes", () => {
  it("a worker whose clock is 5 minutes ahead neither stalls nor frees the others", async () => {
    const keyPrefix = `skew-${++prefixes}:`;
    const skewMs = 5 * 60_000;
    const options = { url: redis.url, keyPrefix, maxFailures: 3, windowMs: 2000 };
    const a = make(options);
    const ahead = make({ ...options, now: () => Date.now() + skewMs });
    expect(await a.ready()).toBe(true);
    expect(await ahead.ready()).toBe(true);
    await request(a);
    await request(ahead);
    // A 429 seen by the skewed worker: the others wait 2 s, not 5 minutes.
    await request(ahead, anAnswer(429, { "retry-after": "2" }, { error: "Rate limit exceeded" }));
    await until(() => Object.keys(a.inspect("k1").cooldowns).length === 1);
    const wait = a.acquire(aTry());
    expect(typeof wait).toBe("number");
    expect(wait as number).toBeLessThanOrEqual(2000);
    expect(wait as number).toBeGreaterThan(1000);
    // Failures of both clocks count for both, and leave the window 2 s later (by Redis's clock).
    const other = aTry("k2");
    await a.acquire(other);
    a.release(other, BAD_REQUEST);
    const skewed = aTry("k2");
    await ahead.acquire(skewed);
    ahead.release(skewed, BAD_REQUEST);
    await until(() => a.inspect("k2").failures === 2 && ahead.inspect("k2").failures === 2);
    expect(await admin(redis.url, "ZCARD", `${keyPrefix}{k2}:failures`)).toBe(2);
    await until(() => a.inspect("k2").failures === 0 && ahead.inspect("k2").failures === 0, 4000);
  });
});
