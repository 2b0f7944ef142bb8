import type { ChildProcess } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { postJson, startProcess } from "./test-helpers.js";

interface FleetView {
  instance: string;
  coordinator: { kind: string; mode: string; failures: number; maxFailures: number };
  venice: { failures: number };
  log: { code: string; status: number }[];
}

let child: ChildProcess | undefined;
afterEach(() => {
  // A failed test must not leave the fleet (or its Redis) running: stop it by PID.
  if (child?.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  child = undefined;
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 5_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("pnpm --filter @venice-errors/demo fleet", () => {
  it("shares one failure budget through redis-server across instances, then stops everything with 0", async () => {
    const run = await startProcess(process.execPath, ["server/fleet.mjs"], {
      env: { FLEET_SIZE: "2" },
      timeoutMs: 20_000,
    });
    child = run.child;
    const stdout = run.stdout();
    const urls = [...stdout.matchAll(/instance \d: (http:\/\/127\.0\.0\.1:\d+)/g)].map((m) => m[1]);
    const redisPid = Number(stdout.match(/redis-server pid (\d+)/)?.[1]);
    expect(urls).toHaveLength(2);
    expect(alive(redisPid)).toBe(true);
    const [first, second] = urls as [string, string];

    // One failed request (a 400) on the first instance…
    const failed = await postJson(`${first}/api/trigger`, {
      scenario: "validation",
      messages: [{ role: "user", content: "Hi" }],
      temperature: 0.9,
    });
    expect(failed.status).toBe(400);

    // …is in the budget both instances see, through Redis (pub/sub reaches the second at once).
    const view = (url: string) =>
      fetch(`${url}/api/fleet`).then(
        async (response) => (await response.json()) as { self: string; instances: FleetView[] },
      );
    const fromSecond = await until(
      () => view(second),
      (fleet) => fleet.instances.every((instance) => instance.coordinator.failures === 1),
    );
    const fromFirst = await view(first);
    expect(fromSecond.self).toBe("instance 2");
    expect(fromFirst.self).toBe("instance 1");
    for (const fleet of [fromFirst, fromSecond]) {
      expect(
        fleet.instances.map((i) => [
          i.instance,
          i.coordinator.kind,
          i.coordinator.mode,
          i.coordinator.failures,
        ]),
      ).toEqual([
        ["instance 1", "redis", "redis", 1],
        ["instance 2", "redis", "redis", 1],
      ]);
      expect(fleet.instances[0]?.venice.failures).toBe(1);
      // Which instance saw what: only the first one made the call.
      expect(fleet.instances[0]?.log.map((entry) => entry.code)).toEqual(["INVALID_REQUEST"]);
      expect(fleet.instances[1]?.log).toEqual([]);
    }

    run.child.kill("SIGINT");
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(run.stderr()).toBe("");
    expect(alive(redisPid)).toBe(false);
  }, 30_000);
});

describe("startFleet without redis-server", () => {
  it("says so through its result and shares an in-process coordinator", async () => {
    const { startFleet } = await import("./fleet.js");
    const { fakeDist } = await import("./test-helpers.js");
    const fleet = await startFleet({
      size: 2,
      redisCommand: "/nonexistent/redis-server",
      distDir: fakeDist(),
      quiet: true,
      log: () => undefined,
    });
    try {
      expect(fleet.redis).toBeUndefined();
      const [first, second] = fleet.instances.map((instance) => instance.url) as [string, string];
      await postJson(`${first}/api/trigger`, { scenario: "code", code: "MODEL_NOT_FOUND" });
      const view = (await (await fetch(`${second}/api/fleet`)).json()) as {
        instances: FleetView[];
      };
      expect(view.instances.map((i) => i.coordinator.kind)).toEqual(["in-process", "in-process"]);
      expect(view.instances.map((i) => i.venice.failures)).toEqual([1, 1]);
      expect(view.instances[0]?.log[0]?.code).toBe("MODEL_NOT_FOUND");
    } finally {
      await fleet.close();
    }
  });
});
