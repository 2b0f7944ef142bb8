import { describe, expect, it } from "vitest";
import { startProcess } from "./test-helpers.js";

const noStack = /\n\s+at |Error:|ERR_|ELIFECYCLE|failed/;

describe("stopping the demo", () => {
  it("exits 0 quietly on Ctrl-C, also when the signal arrives twice (npm and pnpm forward it)", async () => {
    const run = await startProcess(process.execPath, ["server/start.mjs"]);
    expect(run.stdout()).toMatch(/Venice errors demo: http:\/\/127\.0\.0\.1:\d+/);
    run.child.kill("SIGINT");
    run.child.kill("SIGINT");
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(run.stderr()).toBe("");
    expect(run.stdout()).not.toMatch(noStack);
    expect(run.stdout().match(/Stopping the demo/g)).toHaveLength(1);
  });

  it("exits 0 quietly on SIGTERM", async () => {
    const run = await startProcess(process.execPath, ["server/start.mjs"]);
    run.child.kill("SIGTERM");
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(run.stderr()).toBe("");
    expect(run.stdout()).not.toMatch(noStack);
  });

  it("exits 0 when Ctrl-C reaches the whole `pnpm start` process group", async () => {
    const run = await startProcess("pnpm", ["--silent", "start"], { detached: true });
    // A negative pid signals the group: pnpm, any shell it runs, and the demo, as a terminal does.
    process.kill(-(run.child.pid as number), "SIGINT");
    const exit = await run.exited;
    // One assertion over everything, so a failure shows what pnpm and the demo printed.
    expect(
      { ...exit, quiet: !noStack.test(run.stdout() + run.stderr()) },
      run.stdout() + run.stderr(),
    ).toEqual({
      code: 0,
      signal: null,
      quiet: true,
    });
  });
});
