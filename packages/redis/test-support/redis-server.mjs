// Starts Debian's redis-server on a free 127.0.0.1 port for tests and benchmarks, and stops it
// by its PID. Never touches a Redis on 6379. Shared by the tests (TS) and bench (plain Node).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";

const BINARY = process.env.REDIS_SERVER_PATH ?? "/usr/bin/redis-server";

/** True when a redis-server binary is installed. */
export function hasRedisServer() {
  return existsSync(BINARY);
}

/** A free TCP port on 127.0.0.1 (asked from the OS, then released). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function launch(port, extra = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      BINARY,
      [
        ...["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        // Lets tests make the server slow on purpose (DEBUG SLEEP), from 127.0.0.1 only.
        ...["--enable-debug-command", "local"],
        ...extra,
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`redis-server did not start on port ${port}:\n${output}`));
    }, 10_000);
    const onData = (chunk) => {
      output += chunk;
      if (output.includes("Ready to accept connections")) {
        clearTimeout(timer);
        child.stdout.off("data", onData);
        child.stdout.resume();
        child.stderr.resume();
        resolve(child);
      }
    };
    child.stdout.setEncoding("utf8").on("data", onData);
    child.stderr.setEncoding("utf8").on("data", (chunk) => {
      output += chunk;
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${code}) on port ${port}:\n${output}`));
    });
  });
}

function stopChild(child, signal) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    process.kill(child.pid, signal);
    // A paused server (SIGSTOP) handles SIGTERM only once it runs again.
    process.kill(child.pid, "SIGCONT");
  });
}

/**
 * Starts redis-server on a free port (or `options.port`), with `options.args` added to its command
 * line. `stop()` ends it by PID (SIGTERM), `kill()` with SIGKILL (a crash), `restart()` starts it
 * again on the same port, `pause()`/`resume()` send SIGSTOP/SIGCONT (a frozen server).
 */
export async function startRedisServer(options = {}) {
  const extra = options.args ?? [];
  let port = 0;
  let child;
  for (let tries = 0; child === undefined; tries++) {
    port = options.port ?? (await freePort());
    try {
      child = await launch(port, extra);
    } catch (error) {
      if (tries >= 3 || options.port !== undefined) throw error;
    }
  }
  const server = {
    port,
    url: `redis://127.0.0.1:${port}`,
    get pid() {
      return child.pid;
    },
    stop: () => stopChild(child, "SIGTERM"),
    kill: () => stopChild(child, "SIGKILL"),
    async restart() {
      await stopChild(child, "SIGTERM");
      child = await launch(port, extra);
    },
    pause: () => process.kill(child.pid, "SIGSTOP"),
    resume: () => process.kill(child.pid, "SIGCONT"),
  };
  return server;
}
