#!/usr/bin/env node
// Runs every check of the repository and ends with one line: `N passed, N failed`.
// Lint, build and typecheck count as one check each; every vitest test counts as one.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";

const root = new URL("..", import.meta.url);
const env = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: "1",
  FORCE_COLOR: process.env.FORCE_COLOR ?? "0",
};
let passed = 0;
let failed = 0;

function step(name, command, args) {
  console.log(`\n── ${name}: ${command} ${args.join(" ")}`);
  const started = Date.now();
  const { status } = spawnSync(command, args, { cwd: root, env, stdio: "inherit" });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`── ${name}: ${status === 0 ? "ok" : `FAILED (exit ${status})`} in ${seconds} s`);
  return status === 0;
}

function check(name, command, args) {
  if (step(name, command, args)) passed++;
  else failed++;
}

check("lint", "pnpm", ["exec", "biome", "ci", "."]);
const built = step("build", "pnpm", ["exec", "turbo", "run", "build", "--output-logs=errors-only"]);
if (built) passed++;
else failed++;
check("typecheck", "pnpm", ["exec", "turbo", "run", "typecheck", "--output-logs=errors-only"]);

if (built) {
  const report = new URL("test-output/vitest.json", root);
  rmSync(report, { force: true });
  mkdirSync(new URL("test-output", root), { recursive: true });
  step("tests", "pnpm", [
    "exec",
    "vitest",
    "run",
    "--reporter=default",
    "--reporter=json",
    "--outputFile.json=test-output/vitest.json",
  ]);
  try {
    const result = JSON.parse(readFileSync(report, "utf8"));
    passed += result.numPassedTests;
    failed += result.numFailedTests + result.numPendingTests + result.numTodoTests;
    // A suite that fails to load has no tests to count: count it as a failure.
    failed += result.testResults.filter(
      (file) => file.status === "failed" && file.assertionResults.length === 0,
    ).length;
  } catch {
    console.error("tests: vitest wrote no report");
    failed++;
  }
} else {
  console.error("tests: not run, the build failed");
  failed++;
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
