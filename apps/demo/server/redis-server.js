// A throwaway redis-server for the fleet: on a free 127.0.0.1 port, nothing written to disk, in
// its own process group (a terminal's Ctrl-C reaches only the fleet, which stops it by PID).
import { spawn } from "node:child_process";
import { createServer } from "node:net";

/** A free TCP port on 127.0.0.1, as the OS hands it out. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = /** @type {import("node:net").AddressInfo} */ (probe.address());
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts `redis-server`, or resolves `undefined` when it is not installed.
 * @param {{ command?: string, readyTimeoutMs?: number }} [options]
 * @returns {Promise<{ url: string, pid: number, stop: () => Promise<void> } | undefined>}
 */
export async function startRedisServer({ command = "redis-server", readyTimeoutMs = 5_000 } = {}) {
  const port = /** @type {number} */ (await freePort());
  const child = spawn(
    command,
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  const exited = new Promise((resolve) => child.once("exit", resolve));
  let output = "";
  const ready = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`redis-server did not start in ${readyTimeoutMs} ms:\n${output}`)),
      readyTimeoutMs,
    );
    const done = (/** @type {boolean} */ value) => {
      clearTimeout(timer);
      resolve(value);
    };
    child.once("error", (error) => {
      if (/** @type {NodeJS.ErrnoException} */ (error).code === "ENOENT") done(false);
      else reject(error);
    });
    child.stdout.on("data", (chunk) => {
      output += chunk;
      if (output.includes("Ready to accept connections")) done(true);
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.once("exit", () => done(false));
  }).catch((error) => {
    child.kill("SIGKILL");
    throw error;
  });
  if (!ready || child.pid === undefined) {
    if (output !== "") throw new Error(`redis-server stopped at start:\n${output}`);
    return undefined;
  }
  const pid = child.pid;
  // Its output is not needed any more; keep the pipes drained.
  child.stdout.resume();
  child.stderr.resume();
  // Whatever ends this process, the server it started goes with it.
  const killOnExit = () => {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  };
  process.once("exit", killOnExit);
  let stopping;
  return {
    url: `redis://127.0.0.1:${port}`,
    pid,
    stop() {
      stopping ??= (async () => {
        process.off("exit", killOnExit);
        if (child.exitCode !== null || child.signalCode !== null) return;
        process.kill(pid, "SIGTERM");
        const timer = setTimeout(killOnExit, 2_000);
        await exited;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}
