// The core catalog suite must give the same answers in every runtime core supports:
// Node, Bun, Deno, the Vercel Edge Runtime and headless Chromium (venice-errors DESIGN).
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { EdgeVM } from "@edge-runtime/vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./helpers/chromium.ts";

const run = promisify(execFile);
const root = fileURLToPath(new URL("..", import.meta.url));
const bin = (name: string) => join(root, "node_modules", ".bin", name);
interface Result {
  name: string;
  expected: string;
  code: string;
  brand: boolean;
  en: Array<string | null>;
  ko: Array<string | null>;
}
interface Suite {
  codes: string[];
  results: Result[];
}

let dir: string;
let bundle: string;
let runner: string;
const PRINT = "console.log(JSON.stringify(globalThis.veniceCatalogSuite.run()));";

/** Runs the IIFE bundle in a child process of the given runtime and parses its output. */
async function inProcess(command: string, args: string[]): Promise<Suite> {
  const { stdout } = await run(command, [...args, runner], {
    cwd: dir,
    timeout: 30_000,
    env: { ...process.env, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1", DENO_DIR: join(dir, "deno") },
  });
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "");
}

const suites = new Map<string, Suite>();

beforeAll(async () => {
  await run("pnpm", ["--filter", "@venice-errors/core", "build"], { cwd: root, timeout: 120_000 });
  dir = await mkdtemp(join(tmpdir(), "venice-runtimes-"));
  const file = join(dir, "suite.js");
  await run(
    bin("rolldown"),
    [
      join(root, "tests/runtime/catalog-suite.js"),
      "--file",
      file,
      "--format",
      "iife",
      "--name",
      "veniceCatalogSuite",
    ],
    { cwd: root },
  );
  // The IIFE's `var` is module-scoped when imported as ESM: publish it explicitly.
  bundle = `${await readFile(file, "utf8")}\nglobalThis.veniceCatalogSuite = veniceCatalogSuite;\n`;
  await writeFile(file, bundle);
  runner = join(dir, "runner.mjs");
  await writeFile(runner, `import "./suite.js";\n${PRINT}\n`);
  const [node, bunResult, denoResult] = await Promise.all([
    inProcess(process.execPath, []),
    inProcess(bin("bun"), ["run"]),
    inProcess(bin("deno"), ["run", "--no-prompt", "--allow-read"]),
  ]);
  suites.set("node", node);
  suites.set("bun", bunResult);
  suites.set("deno", denoResult);

  const vm = new EdgeVM();
  vm.evaluate(bundle);
  suites.set(
    "edge",
    JSON.parse(vm.evaluate("JSON.stringify(globalThis.veniceCatalogSuite.run())")),
  );

  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.addScriptTag({ content: bundle });
    suites.set(
      "chromium",
      JSON.parse(await page.evaluate("JSON.stringify(globalThis.veniceCatalogSuite.run())")),
    );
  } finally {
    await browser.close();
  }
}, 120_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("core catalog suite in every runtime", () => {
  it("Node classifies every case as expected and covers every code", () => {
    const node = suites.get("node")!;
    const wrong = node.results.filter((result) => result.code !== result.expected || !result.brand);
    expect(wrong.map(({ name, code, expected }) => ({ name, code, expected }))).toEqual([]);
    expect(new Set(node.results.map((result) => result.code))).toEqual(new Set(node.codes));
    for (const result of node.results) {
      expect(
        result.en.slice(0, 2).every(Boolean) && result.ko.slice(0, 2).every(Boolean),
        result.name,
      ).toBe(true);
    }
  });

  it.each(["bun", "deno", "edge", "chromium"])(
    "%s gives the same fingerprint as Node",
    (runtime) => {
      const node = suites.get("node")!;
      const other = suites.get(runtime)!;
      expect(other.results.length).toBe(node.results.length);
      for (const [i, result] of other.results.entries()) {
        expect(result, `${runtime}: ${result.name}`).toEqual(node.results[i]);
      }
      expect(other).toEqual(node);
    },
  );
});

describe("two copies of the package", () => {
  it("isVeniceError recognises errors of the ESM build in the CJS build and back", async () => {
    const esm = await import(join(root, "packages/core/dist/index.js"));
    const cjs = createRequire(import.meta.url)(join(root, "packages/core/dist/index.cjs"));
    expect(esm.VeniceError).not.toBe(cjs.VeniceError);
    const fromEsm = esm.toVeniceError({ status: 402 });
    const fromCjs = cjs.toVeniceError({ status: 429 });
    expect(fromEsm).not.toBeInstanceOf(cjs.VeniceError);
    expect(cjs.isVeniceError(fromEsm)).toBe(true);
    expect(esm.isVeniceError(fromCjs)).toBe(true);
    expect(cjs.VeniceError.isInstance(fromEsm)).toBe(true);
    expect(cjs.toVeniceError(fromEsm)).toBe(fromEsm);
    expect(esm.isVeniceError(new Error("x"))).toBe(false);
  });
});
