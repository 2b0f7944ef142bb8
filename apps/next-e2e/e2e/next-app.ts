import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const APP = fileURLToPath(new URL("..", import.meta.url));
const NEXT = createRequire(`${APP}package.json`).resolve("next/dist/bin/next");

/** No telemetry, no update check, production mode: what `next start` on a server would run. */
function nextEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", ...extra };
}

/**
 * `next build` of the app (the test project's global setup runs it once for every file), with
 * Turbopack, Next 16's default; `NEXT_E2E_WEBPACK=1` builds with webpack instead.
 */
export function buildNextApp(): void {
  const bundler = process.env.NEXT_E2E_WEBPACK === "1" ? ["--webpack"] : [];
  execFileSync(process.execPath, [NEXT, "build", ...bundler], {
    cwd: APP,
    env: nextEnv(),
    stdio: ["ignore", "ignore", "inherit"],
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface NextApp {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** Everything the server printed (stdout and stderr), for checks and failure messages. */
  readonly output: () => string;
  close(): Promise<void>;
}

/** Waits until `url` answers at all, or the process exits, or `ms` passes. */
async function waitUntilUp(url: string, child: ChildProcess, output: () => string, ms: number) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited:\n${output()}`);
    try {
      await fetch(url, { method: "HEAD" });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`next start did not answer within ${ms} ms:\n${output()}`);
}

/** `next start` of the built app on 127.0.0.1 and a free port; `close()` stops it by its PID. */
export async function startNextApp(env: Record<string, string>): Promise<NextApp> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [NEXT, "start", "--hostname", "127.0.0.1", "--port", String(port)],
    { cwd: APP, env: nextEnv(env), stdio: ["ignore", "pipe", "pipe"] },
  );
  let printed = "";
  child.stdout?.on("data", (chunk: Buffer) => (printed += chunk));
  child.stderr?.on("data", (chunk: Buffer) => (printed += chunk));
  const output = () => printed;
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const close = async () => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    process.kill(child.pid, "SIGTERM");
    const timer = setTimeout(() => child.pid && process.kill(child.pid, "SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitUntilUp(url, child, output, 30_000);
  } catch (error) {
    await close();
    throw error;
  }
  return { url, output, close };
}
