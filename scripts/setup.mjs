#!/usr/bin/env node
// Makes a machine that has only Node.js 20 and npm ready to build, test and run the demo:
// the pinned pnpm, the workspace's dependencies, Debian's redis-server (the Redis tests) and (for
// the browser tests) Debian's chromium.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";

const root = new URL("..", import.meta.url);
const pinned = JSON.parse(readFileSync(new URL("package.json", root), "utf8")).packageManager.split(
  "@",
)[1];
const env = {
  ...process.env,
  CI: "true",
  TURBO_TELEMETRY_DISABLED: "1",
  DEBIAN_FRONTEND: "noninteractive",
};

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, env, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`setup: \`${command} ${args.join(" ")}\` failed (exit ${result.status}).`);
    process.exit(result.status ?? 1);
  }
}

function pnpmVersion() {
  try {
    return execFileSync("pnpm", ["--version"], { encoding: "utf8", env }).trim();
  } catch {
    return null;
  }
}

if (pnpmVersion() !== pinned) {
  console.log(`setup: installing pnpm ${pinned} with npm`);
  run("npm", ["install", "--global", `pnpm@${pinned}`]);
}
run("pnpm", ["install", "--frozen-lockfile", "--prefer-offline", "--reporter=silent"]);

// Debian's redis-server for the @venice-errors/redis tests (each test starts its own on a free
// 127.0.0.1 port; no service is started or touched).
const redisServer = process.env.REDIS_SERVER_PATH ?? "/usr/bin/redis-server";
if (!existsSync(redisServer)) {
  if (process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
    console.log("setup: installing redis-server with apt-get");
    run("apt-get", ["update", "-qq"]);
    run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "redis-server"]);
  } else {
    console.error(
      `setup: the Redis tests need redis-server at ${redisServer}. Install it (Debian: \`sudo apt-get install -y redis-server\`) or set REDIS_SERVER_PATH.`,
    );
  }
}

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// Debian's chromium for the browser tests, and a Korean font so Korean screenshots are legible.
const missing = [
  !existsSync(chromium) && "chromium",
  !existsSync("/usr/share/fonts/truetype/nanum") && "fonts-nanum",
].filter(Boolean);
if (process.argv.includes("--browser") && missing.length > 0) {
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync("/usr/bin/apt-get")) {
    console.log(`setup: installing ${missing.join(", ")} with apt-get`);
    run("apt-get", ["update", "-qq"]);
    run("apt-get", ["install", "-y", "-qq", ...missing]);
  } else if (missing.includes("chromium")) {
    console.error(
      `setup: browser tests need Chromium at ${chromium}. Install it (Debian: \`sudo apt-get install -y chromium\`) or set CHROMIUM_PATH.`,
    );
  }
}
