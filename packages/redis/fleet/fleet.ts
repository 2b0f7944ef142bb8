import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const ROOT = here("../../..");

/** What one worker process reports. */
export interface WorkerSummary {
  name: string;
  ready: boolean;
  sent: number;
  ok: number;
  failed: number;
  refused: number;
  /** Good requests that did not succeed, as "CODE status". */
  lostGood: string[];
  /** Coordination ran through Redis again when the run ended (waited for up to 10 s). */
  resumed: boolean;
  warnings: number;
  infos: number;
  mode: string;
  commands: number;
}

/** One worker's settings (see worker.mjs). */
export interface WorkerConfig {
  name: string;
  veniceUrl: string;
  redisUrl?: string;
  keyPrefix?: string;
  maxFailures: number;
  windowMs: number;
  durationMs: number;
  concurrency: number;
  intervalMs: number;
  /** Every Nth request is invalid (400); 1 = all. 0 = none. */
  badEvery: number;
  /** At most this many bad requests per process (default no limit). */
  badLimit?: number;
  model: string;
  maxRetries?: number;
  /** The coordinator's Redis timeout (default 50 ms). */
  timeoutMs?: number;
}

/** Builds the packages the workers import (dist), once; turbo's cache makes a rebuild instant. */
export function buildPackages(): void {
  const built = ["core", "node-client", "redis"].every((dir) =>
    existsSync(`${ROOT}/packages/${dir}/dist/index.js`),
  );
  if (built && process.env.FLEET_REBUILD !== "1") return;
  const result = spawnSync(
    "pnpm",
    [
      "exec",
      "turbo",
      "run",
      "build",
      "--filter=@venice-errors/redis...",
      "--output-logs=errors-only",
    ],
    { cwd: ROOT, encoding: "utf8", env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" } },
  );
  if (result.status !== 0) throw new Error(`build failed:\n${result.stdout}\n${result.stderr}`);
}

/** Starts one worker process; resolves with its summary (rejects on a crash or a timeout). */
export function runWorker(config: WorkerConfig, timeoutMs = 45_000): Promise<WorkerSummary> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [here("./worker.mjs"), JSON.stringify(config)], {
      cwd: here("."),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      if (child.pid !== undefined) process.kill(child.pid, "SIGKILL");
    }, timeoutMs);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      const line = stdout.trim().split("\n").at(-1);
      if (code !== 0 || !line) {
        reject(new Error(`worker ${config.name} exited (${code ?? signal}):\n${stderr}${stdout}`));
        return;
      }
      resolve(JSON.parse(line) as WorkerSummary);
    });
  });
}

/** Starts `count` workers named w0…wN with the same settings. */
export function runFleet(count: number, config: Omit<WorkerConfig, "name">) {
  return Promise.all(
    Array.from({ length: count }, (_, i) => runWorker({ ...config, name: `w${i}` })),
  );
}
