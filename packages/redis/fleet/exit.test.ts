// A process that opened the coordinator's connections and ends without close() must exit: no
// socket and no reconnect timer keeps it alive, whether Redis is there, away or frozen.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, type RedisServer, startRedisServer } from "../test-support/redis-server.mjs";
import { buildPackages } from "./fleet.js";

const script = fileURLToPath(new URL("./exit.mjs", import.meta.url));
let redis: RedisServer;

beforeAll(async () => {
  buildPackages();
  redis = await startRedisServer();
});
afterAll(async () => {
  redis?.resume();
  await redis?.stop();
});

/** Runs exit.mjs; resolves with its report and how long it lived, or `exited: false` after 8 s. */
function run(url: string, readyMs = 2000) {
  return new Promise<{ exited: boolean; ms: number; report: Record<string, unknown> }>(
    (resolve) => {
      const started = Date.now();
      const child = spawn(process.execPath, [script, url, String(readyMs)], {
        cwd: fileURLToPath(new URL(".", import.meta.url)),
        stdio: ["ignore", "pipe", "inherit"],
      });
      let stdout = "";
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
        stdout += chunk;
      });
      const timer = setTimeout(() => child.kill("SIGKILL"), 8000);
      child.once("exit", (code) => {
        clearTimeout(timer);
        const line = stdout.trim().split("\n").at(-1) ?? "{}";
        resolve({ exited: code === 0, ms: Date.now() - started, report: JSON.parse(line || "{}") });
      });
    },
  );
}

describe("a process that never calls close()", () => {
  it("exits with Redis up, after coordinating through it", async () => {
    const result = await run(redis.url);
    expect(result.report).toEqual({ ready: true, mode: "redis", answered: 4 });
    expect(result.exited).toBe(true);
    expect(result.ms).toBeLessThan(5000);
  });

  it("exits with Redis unreachable (reconnecting) or a host that does not resolve", async () => {
    for (const url of [
      `redis://127.0.0.1:${await freePort()}`,
      "redis://no-such-host.invalid:6379",
    ]) {
      const result = await run(url, 300);
      expect(result.report, url).toEqual({ ready: false, mode: "local", answered: 4 });
      expect(result.exited, url).toBe(true);
      expect(result.ms, url).toBeLessThan(5000);
    }
  });

  it("exits with Redis frozen (SIGSTOP) and commands unanswered", async () => {
    redis.pause();
    try {
      const result = await run(redis.url, 300);
      expect(result.report).toEqual({ ready: false, mode: "local", answered: 4 });
      expect(result.exited).toBe(true);
      expect(result.ms).toBeLessThan(5000);
    } finally {
      redis.resume();
    }
  });
});
