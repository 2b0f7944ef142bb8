// Shared helpers for the repository-level checks in tests/*.test.ts.
// These checks work on BUILT packages (dist/), never on sources.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isMainThread } from "node:worker_threads";

/** Absolute path of the monorepo root (no trailing slash). */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");

export interface PublishedPackage {
  /** npm name, e.g. "@venice-errors/core" */
  name: string;
  /** folder name under packages/, e.g. "core" */
  dir: string;
  /** absolute path of the package folder */
  path: string;
}

/** The published packages, in dependency order (core first; redis and opentelemetry after node-client). */
export const PUBLISHED: PublishedPackage[] = [
  "core",
  "node-client",
  "react-hooks",
  "test-utils",
  "redis",
  "opentelemetry",
].map((dir) => ({ name: `@venice-errors/${dir}`, dir, path: join(ROOT, "packages", dir) }));

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Manifest = {
  name: string;
  version: string;
  private?: boolean;
  exports?: Json;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  bundleDependencies?: string[] | boolean;
  bundledDependencies?: string[] | boolean;
  [key: string]: unknown;
};

export function readJson<T = Manifest>(file: string): T {
  return JSON.parse(readFileSync(file, "utf8")) as T;
}

export function manifestOf(pkg: PublishedPackage): Manifest {
  return readJson(join(pkg.path, "package.json"));
}

export interface RunResult {
  command: string;
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * Environment for child processes that must not inherit the settings of the pnpm/vitest
 * process running the tests (pnpm exports npm_config_* variables; vitest may set NODE_OPTIONS).
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_|vitest|node_options$|ts_node)/i.test(key)) continue;
    env[key] = value;
  }
  return {
    ...env,
    CI: "true",
    TURBO_TELEMETRY_DISABLED: "1",
    FORCE_COLOR: "0",
    NO_COLOR: "1",
    NO_UPDATE_NOTIFIER: "1",
    npm_config_update_notifier: "false",
    ...extra,
  };
}

/** Runs a command without a shell; never throws (a spawn error is reported as code null). */
export function run(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; input?: string } = {
    cwd: ROOT,
  },
): Promise<RunResult> {
  const started = Date.now();
  const printable = [command, ...args].map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(" ");
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? cleanEnv(),
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      stderr += `\n[killed after ${options.timeoutMs} ms]`;
      child.kill("SIGKILL");
    }, options.timeoutMs ?? 240_000);
    child.on("error", (error) => {
      stderr += `\n${error.message}`;
    });
    // A command that exits before reading its stdin closes the pipe: EPIPE here is no failure.
    child.stdin.on("error", () => undefined);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ command: printable, code, stdout, stderr, ms: Date.now() - started });
    });
    child.stdin.end(options.input ?? "");
  });
}

/** The last `max` characters of a command's output (stack frames dropped), for failure messages. */
export function describeRun(result: RunResult, max = 4000): string {
  const output = `${result.stdout}\n${result.stderr}`
    .split("\n")
    .filter((line) => !/^(\S+ build: )?\s+at /.test(line))
    .join("\n")
    .trim();
  const tail = output.length > max ? `…${output.slice(-max)}` : output;
  return `\`${result.command}\` exited with ${result.code} after ${result.ms} ms:\n${tail}`;
}

/** True when an opt-in switch of these checks is set to "1" (test-only, not a build input). */
function envFlag(name: "KEEP_TMP" | "VENICE_ERRORS_SKIP_BUILD"): boolean {
  return process.env[name] === "1";
}

export async function makeTempDir(label: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `venice-errors-${label}-`));
}

/** Removes a temp dir unless KEEP_TMP=1 (handy when debugging a failure). */
export async function removeTempDir(dir: string | undefined): Promise<void> {
  if (!dir) return;
  if (envFlag("KEEP_TMP")) {
    console.log(`KEEP_TMP=1: kept ${dir}`);
    return;
  }
  await rm(dir, { recursive: true, force: true });
}

/** All files below a folder (relative paths), or [] when it does not exist. */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((file) =>
    statSync(join(dir, file)).isFile(),
  );
}

/** Local binaries of the workspace root. */
export const bin = (name: string) => join(ROOT, "node_modules", ".bin", name);

export interface BuildState {
  ok: boolean;
  log: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Builds the published packages once per vitest run (`turbo run build --filter=./packages/*`)
 * unless every dist/ is newer than its sources (scripts/test.mjs builds just before). Test files run in parallel workers: a lock directory
 * makes sure exactly one of them builds while the others wait, so no file reads a dist/ that
 * another one is rewriting. Set VENICE_ERRORS_SKIP_BUILD=1 to skip it entirely.
 */
export async function ensureBuilt(): Promise<BuildState> {
  if (envFlag("VENICE_ERRORS_SKIP_BUILD")) return { ok: true, log: "build skipped" };
  // Every test file of one vitest run shares the vitest main process: its pid (and start time,
  // against pid reuse) names the run.
  const mainPid = isMainThread ? process.ppid : process.pid;
  const runId = `${mainPid}-${processStartTime(mainPid)}`;
  const key = createHash("sha1").update(ROOT).digest("hex").slice(0, 10);
  const stamp = join(tmpdir(), `venice-errors-build-${key}-${runId}.json`);
  const lock = `${stamp}.lock`;
  const deadline = Date.now() + 280_000;
  for (;;) {
    if (existsSync(stamp)) return readJson<BuildState>(stamp);
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another worker is building; a lock older than 5 minutes belongs to a dead run.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 300_000) rmSync(lock, { recursive: true });
      } catch {}
      if (Date.now() > deadline) return { ok: false, log: `timed out waiting for ${lock}` };
      await sleep(250);
    }
  }
  try {
    if (existsSync(stamp)) return readJson<BuildState>(stamp);
    const stale = PUBLISHED.filter(needsBuild);
    if (stale.length === 0) {
      // Do not even replay turbo's cache: that rewrites dist/ files that other vitest projects
      // running at the same time may be reading.
      const state: BuildState = { ok: true, log: "every dist/ is newer than its sources" };
      writeFileSync(stamp, JSON.stringify(state));
      return state;
    }
    const result = await run(
      "pnpm",
      [
        "exec",
        "turbo",
        "run",
        "build",
        "--filter=./packages/*",
        "--continue",
        "--output-logs=errors-only",
      ],
      { cwd: ROOT, env: cleanEnv(), timeoutMs: 270_000 },
    );
    let state: BuildState = { ok: result.code === 0, log: describeRun(result, 3000) };
    if (!state.ok) {
      // turbo refuses the whole graph for some errors (e.g. a dependency cycle through
      // devDependencies); build what can be built with pnpm so the checks below still say
      // something about each package. The build step of scripts/test.mjs reports turbo's error.
      const fallback = await run(
        "pnpm",
        ["--recursive", "--filter=./packages/*", "--no-bail", "run", "build"],
        { cwd: ROOT, env: cleanEnv(), timeoutMs: 270_000 },
      );
      state = {
        ok: false,
        log: `${state.log}\n\nFallback build with pnpm:\n${describeRun(fallback, 3000)}`,
      };
    }
    writeFileSync(stamp, JSON.stringify(state));
    cleanOldStamps(key, stamp);
    return state;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Newest modification time (ms) of the files below `dir` that pass `keep`, 0 if none. */
function newestMtime(dir: string, keep: (file: string) => boolean = () => true): number {
  return listFiles(dir)
    .filter(keep)
    .reduce((newest, file) => Math.max(newest, statSync(join(dir, file)).mtimeMs), 0);
}

/** A package needs a build when dist/ is missing or older than its sources or build config. */
function needsBuild(pkg: PublishedPackage): boolean {
  const dist = join(pkg.path, "dist");
  const built = listFiles(dist).map((file) => statSync(join(dist, file)).mtimeMs);
  if (built.length === 0) return true;
  const oldestOutput = Math.min(...built);
  const isSource = (file: string) => !/\.test\.tsx?$/.test(file);
  const configs = [
    join(pkg.path, "package.json"),
    join(pkg.path, "tsconfig.json"),
    join(pkg.path, "tsdown.config.ts"),
    join(ROOT, "tsdown.shared.ts"),
    join(ROOT, "tsconfig.base.json"),
  ]
    .filter((file) => existsSync(file))
    .map((file) => statSync(file).mtimeMs);
  const newestInput = Math.max(newestMtime(join(pkg.path, "src"), isSource), ...configs);
  return newestInput > oldestOutput;
}

/** Start time of a process in clock ticks since boot (Linux), or 0 where /proc is missing. */
function processStartTime(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? "0";
  } catch {
    return "0";
  }
}

function cleanOldStamps(key: string, keep: string) {
  for (const file of readdirSync(tmpdir())) {
    const path = join(tmpdir(), file);
    if (!file.startsWith(`venice-errors-build-${key}-`) || path === keep) continue;
    try {
      if (Date.now() - statSync(path).mtimeMs > 3_600_000) rmSync(path, { force: true });
    } catch {}
  }
}

/** A failure message for a package whose dist/ is missing, with the build's output. */
export function notBuiltMessage(pkg: PublishedPackage, build: BuildState): string {
  return (
    `${pkg.name}: packages/${pkg.dir}/dist is missing or empty. ` +
    `Run \`pnpm exec turbo run build --filter=./packages/*\` first.\n` +
    (build.ok ? "" : `The build failed:\n${build.log}`)
  );
}

/**
 * The file an exports-map value points to for the given conditions (in the map's own order,
 * as Node resolves it). Returns undefined when no condition matches or the value is null.
 */
export function exportTarget(value: Json | undefined, conditions: string[]): string | undefined {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = exportTarget(item, conditions);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === "object") {
    for (const [condition, nested] of Object.entries(value)) {
      if (condition === "default" || conditions.includes(condition)) {
        const found = exportTarget(nested, conditions);
        if (found) return found;
      }
    }
  }
  return undefined;
}

/**
 * The exports-map subpaths that lead to JavaScript for `import` (ESM) or `require` (CJS):
 * not package.json, CSS or wildcards. A subpath without a `require` (or `default`) condition is
 * ESM-only and is not listed for "require".
 */
export function javascriptSubpaths(manifest: Manifest, kind: "import" | "require"): string[] {
  const exportsMap = manifest.exports;
  const isJs = (target: string | undefined) => target !== undefined && /\.(c|m)?js$/.test(target);
  const conditions = ["node", kind];
  if (exportsMap === undefined || exportsMap === null) return ["."];
  if (typeof exportsMap !== "object" || Array.isArray(exportsMap)) {
    return isJs(exportTarget(exportsMap, conditions)) ? ["."] : [];
  }
  const keys = Object.keys(exportsMap);
  if (!keys.every((key) => key.startsWith("."))) {
    return isJs(exportTarget(exportsMap, conditions)) ? ["."] : []; // conditions-only map
  }
  return keys.filter(
    (subpath) => !subpath.includes("*") && isJs(exportTarget(exportsMap[subpath], conditions)),
  );
}

/** `pnpm pack` (rewrites workspace:^ to real ranges) into `<work>/tarballs/<dir>`; the tarball's path. */
export async function packPackage(
  pkg: PublishedPackage,
  work: string,
  build: BuildState,
): Promise<string> {
  if (listFiles(join(pkg.path, "dist")).length === 0) throw new Error(notBuiltMessage(pkg, build));
  const destination = join(work, "tarballs", pkg.dir);
  mkdirSync(destination, { recursive: true });
  const result = await run("pnpm", ["pack", "--pack-destination", destination], {
    cwd: pkg.path,
    env: cleanEnv(),
  });
  const tgz = listFiles(destination).find((file) => file.endsWith(".tgz"));
  if (result.code !== 0 || !tgz) {
    throw new Error(`${pkg.name}: pnpm pack failed.\n${describeRun(result)}`);
  }
  return join(destination, tgz);
}
