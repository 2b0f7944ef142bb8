import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const APP = fileURLToPath(new URL("..", import.meta.url));

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the demo as `pnpm demo` does (no key, a random port) and waits until it is serving. */
async function startProcess(command: string, args: string[], detached = false): Promise<Run> {
  const child = spawn(command, args, {
    cwd: APP,
    env: { ...process.env, PORT: "0", VENICE_API_KEY: "" },
    // Its own process group, so a test can send a signal to all of it as a terminal's Ctrl-C does.
    detached,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const deadline = Date.now() + 30_000;
  while (!/Press Ctrl-C to stop/.test(stdout)) {
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill("SIGKILL");
      throw new Error(`the demo did not start:\n${stdout}\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

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
    const run = await startProcess("pnpm", ["--silent", "start"], true);
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
