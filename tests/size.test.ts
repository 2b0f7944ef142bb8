// Size budgets (min+gzip, @size-limit/preset-small-lib on the ESM dist files) from
// .size-limit.json, and a guard that @venice-errors/test-utils never reaches the production
// code of core, node-client or react-hooks.
import { existsSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BuildState,
  bin,
  cleanEnv,
  describeRun,
  ensureBuilt,
  listFiles,
  makeTempDir,
  manifestOf,
  notBuiltMessage,
  PUBLISHED,
  type PublishedPackage,
  ROOT,
  type RunResult,
  readJson,
  removeTempDir,
  run,
} from "./helpers/repo.ts";

interface SizeEntry {
  name: string;
  path: string;
  import?: string | Record<string, string>;
  ignore?: string[];
  limit?: string;
}
interface SizeResult {
  name: string;
  passed?: boolean;
  size?: number;
  sizeLimit?: number;
}

const CONFIG_FILE = join(ROOT, ".size-limit.json");
const config = readJson<SizeEntry[]>(CONFIG_FILE);

let build: BuildState = { ok: true, log: "" };
let rootRun: RunResult | undefined;
let rootResults: SizeResult[] | undefined;
const temps: string[] = [];

beforeAll(async () => {
  build = await ensureBuilt();
  // Exactly what `pnpm size` runs. One failing entry (e.g. a missing export) makes size-limit
  // stop with a single error for all entries; the per-budget tests then re-run that entry alone.
  rootRun = await run("pnpm", ["exec", "size-limit", "--json"], { cwd: ROOT, env: cleanEnv() });
  rootResults = parseResults(rootRun);
});

afterAll(async () => {
  await Promise.all(temps.map((dir) => removeTempDir(dir)));
});

function parseResults(result: RunResult): SizeResult[] | undefined {
  try {
    const parsed = JSON.parse(result.stdout) as unknown;
    return Array.isArray(parsed) ? (parsed as SizeResult[]) : undefined;
  } catch {
    return undefined;
  }
}

function sizeError(result: RunResult): string {
  try {
    const parsed = JSON.parse(result.stdout) as { error?: string };
    if (parsed.error) return parsed.error.split("\n    at ")[0] ?? parsed.error;
  } catch {}
  return describeRun(result);
}

/** Runs size-limit on one entry alone, in an empty folder that has only that entry. */
async function measureAlone(entry: SizeEntry): Promise<{ result?: SizeResult; run: RunResult }> {
  const dir = await makeTempDir("size");
  temps.push(dir);
  const single = { ...entry, path: isAbsolute(entry.path) ? entry.path : join(ROOT, entry.path) };
  await writeFile(
    join(dir, "package.json"),
    JSON.stringify({
      name: "size-check",
      private: true,
      // size-limit loads the plugins listed in the package.json of the folder it runs in.
      devDependencies: { "size-limit": "*", "@size-limit/preset-small-lib": "*" },
      "size-limit": [single],
    }),
  );
  const result = await run(bin("size-limit"), ["--json"], { cwd: dir, env: cleanEnv() });
  return { result: parseResults(result)?.[0], run: result };
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB (${bytes} B)`;

describe("size budgets (.size-limit.json, min+gzip)", () => {
  /** The budget of `importNames` from `path`, measured without core when `coreIgnored`. */
  const find = (path: string, importNames: string, coreIgnored = false) =>
    config.find(
      (e) =>
        e.path === path &&
        e.import === importNames &&
        (e.ignore ?? []).includes("@venice-errors/core") === coreIgnored,
    );
  const HOOKS = "{ useVeniceError, VeniceErrorProvider, VeniceToaster }";

  it("has the documented budgets", () => {
    const core = find("packages/core/dist/index.js", "{ toVeniceError }");
    expect(core, "a budget for packages/core/dist/index.js").toBeDefined();
    // The complete classifier measured 8.1 KB; issue 11's hardening put about 1 KB on its path
    // (a total, bounded toJSON copy, redaction of cause chains, type guards that accept a relayed
    // toJSON() only when well formed, the one retry rule) and measured 9.15 KB. Issue 16's
    // compaction brought it to 9.08 KB. The budget holds it there: any growth past 9.1 KB fails.
    expect(core?.limit).toBe("9.1 KB");
    // toVeniceError plus formatVeniceError with English (11.53 KB). Korean is not in it: it has
    // its own entry and its own budget.
    expect(find("packages/core/dist/index.js", "{ toVeniceError, formatVeniceError }")?.limit).toBe(
      "11.55 KB",
    );
    expect(find("packages/core/dist/locales/ko.js", "{ ko }")?.limit).toBe("3.5 KB");
    const hooks = find("packages/react-hooks/dist/index.js", HOOKS, true);
    expect(hooks, "a budget for packages/react-hooks/dist/index.js").toBeDefined();
    // Provider, toaster (with its stylesheet) and hook measure 3.06 KB without react and core;
    // the design allows 5 KB, this budget holds what they measure.
    expect(hooks?.limit).toBe("3.1 KB");
    expect(hooks?.ignore).toEqual(
      expect.arrayContaining(["react", "react-dom", "@venice-errors/core", "react/jsx-runtime"]),
    );
    // The whole English-only app, core included. Issue 16 asks for 12 KB; it was 15.7 KB with
    // both languages and measured 14.41 KB with English only after issue 11's hardening:
    // toVeniceError 9.15 + formatVeniceError and the English texts 2.57 + hooks, toaster and
    // stylesheet 2.69 on top of them (3.06 alone, less what they share with core). Core's
    // compaction (toVeniceError 9.09, formatVeniceError with English 2.45) brought it to
    // 14.27 KB. The rest of the way to 12 KB is core's: toVeniceError and formatVeniceError
    // together would have to measure about 9.3 KB. This budget keeps the app where it is.
    const app = find("packages/react-hooks/dist/index.js", HOOKS);
    expect(app, "a budget for the English-only React app with core").toBeDefined();
    expect(app?.limit).toBe("14.3 KB");
    expect(app?.ignore).toEqual(["react", "react-dom", "react/jsx-runtime"]);
  });

  // Issue 16 asks for 2.5 KB. It measured 2.57 KB (the generic texts for unknown codes and the
  // server-detail line of issues 11 and 15 are in it); the English code texts written as
  // [title, description] rows brought it to 2.45 KB. The budget is the issue's goal.
  it("formatVeniceError with English adds at most 2.5 KB to toVeniceError", () => {
    const sizeOf = (importNames: string) =>
      rootResults?.find((r) => r.name === find("packages/core/dist/index.js", importNames)?.name)
        ?.size;
    const alone = sizeOf("{ toVeniceError }");
    const withFormat = sizeOf("{ toVeniceError, formatVeniceError }");
    expect(
      alone,
      `size-limit did not measure toVeniceError: ${rootRun ? sizeError(rootRun) : ""}`,
    ).toBeTypeOf("number");
    expect(withFormat).toBeTypeOf("number");
    const added = (withFormat as number) - (alone as number);
    console.log(`formatVeniceError (English) adds ${kB(added)}`);
    expect(added, `formatVeniceError adds ${kB(added)}, over 2.5 kB`).toBeLessThanOrEqual(2500);
  });

  it.each(config)("$name <= $limit", async (entry) => {
    const file = isAbsolute(entry.path) ? entry.path : join(ROOT, entry.path);
    const owner = PUBLISHED.find((pkg) => file.startsWith(`${pkg.path}/`));
    if (!existsSync(file)) {
      throw new Error(
        owner ? notBuiltMessage(owner, build) : `${entry.name}: ${entry.path} does not exist`,
      );
    }
    let result = rootResults?.find((r) => r.name === entry.name);
    let detail = rootRun ? sizeError(rootRun) : "size-limit did not run";
    if (!result) {
      const alone = await measureAlone(entry);
      result = alone.result;
      detail = sizeError(alone.run);
    }
    if (!result || typeof result.size !== "number") {
      throw new Error(
        `${entry.name}: size-limit could not measure ${entry.path} with import ${JSON.stringify(entry.import)} ` +
          `(does the file export these names?).\n${detail}`,
      );
    }
    console.log(`${entry.name}: ${kB(result.size)}, limit ${entry.limit ?? "none"}`);
    expect(
      result.passed,
      `${entry.name}: ${kB(result.size)} exceeds the budget of ${entry.limit}` +
        `${result.sizeLimit ? ` = ${result.sizeLimit} B` : ""} (min+gzip)`,
    ).toBe(true);
  });

  it("`pnpm size` (size-limit at the root) passes", () => {
    if (rootResults) {
      console.log(
        `size-limit: ${rootResults.map((r) => `${r.name}: ${kB(r.size ?? Number.NaN)}`).join("; ")}`,
      );
    }
    expect(
      rootRun?.code,
      `size-limit failed:\n${rootRun ? sizeError(rootRun) : "did not run"}`,
    ).toBe(0);
  });
});

/** Import/require/re-export of test-utils, or test-utils sources bundled in (rolldown regions). */
const TEST_UTILS_IMPORT =
  /(?:from\s*|import\s*\(\s*|require\s*\(\s*|import\s+)["']@venice-errors\/test-utils(?:\/[^"']*)?["']/;
const TEST_UTILS_INLINED = /(?:^|\/)test-utils\/(?:src|dist)\//m;

describe("@venice-errors/test-utils is never part of production code", () => {
  const production = PUBLISHED.filter((pkg) => pkg.dir !== "test-utils");

  it.each(production)("$name does not depend on it", (pkg: PublishedPackage) => {
    const manifest = manifestOf(pkg);
    const fields = ["dependencies", "peerDependencies", "optionalDependencies"] as const;
    const listed = fields.filter((field) => manifest[field]?.["@venice-errors/test-utils"]);
    const bundled = [manifest.bundleDependencies, manifest.bundledDependencies].some(
      (list) => Array.isArray(list) && list.includes("@venice-errors/test-utils"),
    );
    expect(listed, `${pkg.name}: package.json lists @venice-errors/test-utils in`).toEqual([]);
    expect(bundled, `${pkg.name}: package.json bundles @venice-errors/test-utils`).toBe(false);
  });

  it.each(production)("$name dist/ neither imports nor inlines it", (pkg: PublishedPackage) => {
    const dist = join(pkg.path, "dist");
    const files = listFiles(dist).filter((file) => /\.(c|m)?(js|ts)$/.test(file));
    expect(files, notBuiltMessage(pkg, build)).not.toEqual([]);
    const offenders: string[] = [];
    for (const file of files) {
      const text = readFileSync(join(dist, file), "utf8");
      if (TEST_UTILS_IMPORT.test(text))
        offenders.push(`dist/${file} imports @venice-errors/test-utils`);
      if (TEST_UTILS_INLINED.test(text)) {
        offenders.push(`dist/${file} contains bundled test-utils code (a test-utils/src region)`);
      }
    }
    expect(offenders, `${pkg.name}: test-utils reached the production build`).toEqual([]);
  });
});
