// Each published package, packed exactly as `pnpm publish` would pack it, must:
//   - pass publint (no errors, no warnings; suggestions are printed),
//   - pass are-the-types-wrong with the node16 profile (no problems),
//   - install alone from its tarball into an empty npm project, where every subpath of its
//     exports map loads with ESM `import` and with CJS `require` (to the .js / .cjs builds)
//     with the same, non-empty export names, and a consumer type-checks with NodeNext
//     resolution from both an .mts (ESM) and a .cts (CJS) file.
// Package-specific consumer snippets live in tests/consumers/<dir>.{ts,mts,cts,tsx}
// (<dir> = core, node-client, react-hooks, test-utils, redis); a .ts snippet is compiled twice, as
// .mts and as .cts, so it must be valid in both (no top-level await).
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  symlinkSync,
} from "node:fs";
import { writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BuildState,
  bin,
  cleanEnv,
  describeRun,
  ensureBuilt,
  javascriptSubpaths,
  type Manifest,
  makeTempDir,
  manifestOf,
  PUBLISHED,
  type PublishedPackage,
  packPackage,
  ROOT,
  readJson,
  removeTempDir,
  run,
} from "./helpers/repo.ts";

/**
 * Extra packages a consumer of each package installs next to it (versions are taken from the
 * package's devDependencies, else the root's). @types/node is installed for every consumer.
 * Non-optional peer dependencies (react for react-hooks) are added automatically.
 */
const CONSUMER_EXTRAS: Record<string, string[]> = {
  "react-hooks": ["react-dom", "@types/react", "@types/react-dom"],
};

/** Consumers' tsconfig: what `tsc --init` users get, with NodeNext resolution. */
const CONSUMER_TSCONFIG = {
  compilerOptions: {
    module: "nodenext",
    moduleResolution: "nodenext",
    target: "es2022",
    lib: ["es2022", "dom", "dom.iterable"],
    types: ["node"],
    jsx: "react-jsx",
    strict: true,
    noEmit: true,
    // Type-check our .d.ts/.d.cts files as well, not only their use: a broken declaration
    // file is then an error here instead of a silent `any` for the consumer.
    skipLibCheck: false,
  },
};

const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc");
const NPM_INSTALL = ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"];

let work = "";
let build: BuildState = { ok: true, log: "" };
const tarballs = new Map<string, Promise<string>>();
const installs = new Map<string, Promise<Installed>>();
const probes = new Map<string, Promise<Probes>>();

beforeAll(async () => {
  build = await ensureBuilt();
  work = await makeTempDir("packaging");
  for (const pkg of PUBLISHED) tarballs.set(pkg.name, pack(pkg));
  await Promise.allSettled(tarballs.values());
});

afterAll(async () => {
  // Let installs that no test awaited (after a failure) finish before deleting their folder.
  await Promise.allSettled([...installs.values(), ...probes.values()]);
  await removeTempDir(work);
});

function pack(pkg: PublishedPackage): Promise<string> {
  return packPackage(pkg, work, build);
}

function tarball(name: string): Promise<string> {
  const found = tarballs.get(name);
  if (!found) throw new Error(`${name}: no tarball was packed (is it a published package?)`);
  return found;
}

function versionFor(pkg: PublishedPackage, dependency: string): string {
  const own = manifestOf(pkg);
  const root = readJson(join(ROOT, "package.json"));
  const range =
    own.devDependencies?.[dependency] ??
    root.devDependencies?.[dependency] ??
    own.peerDependencies?.[dependency];
  return range && !range.startsWith("workspace:") ? `${dependency}@${range}` : dependency;
}

interface Installed {
  project: string;
  /** the package.json as published (from the installed tarball) */
  manifest: Manifest;
  linkedOptionalPeers: string[];
}

/** Runs `make` once per package; later calls share its promise. */
function once<T>(
  cache: Map<string, Promise<T>>,
  pkg: PublishedPackage,
  make: (pkg: PublishedPackage) => Promise<T>,
): Promise<T> {
  let pending = cache.get(pkg.name);
  if (!pending) {
    pending = make(pkg);
    cache.set(pkg.name, pending);
  }
  return pending;
}

function install(pkg: PublishedPackage): Promise<Installed> {
  return once(installs, pkg, installFromTarball);
}

async function installFromTarball(pkg: PublishedPackage): Promise<Installed> {
  const source = manifestOf(pkg);
  // Sibling packages (dependencies and peers, e.g. redis -> node-client) come from their tarballs.
  const workspaceDependencies = [source.dependencies, source.peerDependencies]
    .flatMap((list) => Object.entries(list ?? {}))
    .filter(([, range]) => range.startsWith("workspace:"))
    .map(([name]) => name);
  const tgzs = await Promise.all([pkg.name, ...workspaceDependencies].map(tarball));
  const peers = Object.keys(source.peerDependencies ?? {});
  const optionalPeers = peers.filter((peer) => source.peerDependenciesMeta?.[peer]?.optional);
  const requiredPeers = peers.filter(
    (peer) => !optionalPeers.includes(peer) && !workspaceDependencies.includes(peer),
  );
  const extras = [...requiredPeers, ...(CONSUMER_EXTRAS[pkg.dir] ?? []), "@types/node"].map(
    (dependency) => versionFor(pkg, dependency),
  );

  const project = join(work, "consumers", pkg.dir);
  mkdirSync(project, { recursive: true });
  await writeFile(
    join(project, "package.json"),
    `${JSON.stringify({ name: `smoke-${pkg.dir}`, version: "0.0.0", private: true }, null, 2)}\n`,
  );
  const result = await run("npm", [...NPM_INSTALL, ...tgzs, ...extras], {
    cwd: project,
    env: cleanEnv(),
    timeoutMs: 240_000,
  });
  if (result.code !== 0) {
    throw new Error(
      `${pkg.name}: npm install of the packed tarball failed.\n${describeRun(result)}`,
    );
  }

  // Optional peers (sonner, react-hot-toast, msw, vitest) are what a user adds to use a subpath.
  // Link the workspace's copies instead of downloading them so that every subpath can load.
  const linkedOptionalPeers: string[] = [];
  for (const peer of optionalPeers) {
    const candidates = [join(pkg.path, "node_modules", peer), join(ROOT, "node_modules", peer)];
    const found = candidates.find((candidate) => existsSync(candidate));
    const target = join(project, "node_modules", peer);
    if (!found || existsSync(target)) continue;
    mkdirSync(dirname(target), { recursive: true });
    symlinkSync(realpathSync(found), target, "dir");
    linkedOptionalPeers.push(peer);
  }

  const manifest = readJson(join(project, "node_modules", pkg.name, "package.json"));
  return { project, manifest, linkedOptionalPeers };
}

type ProbeResult =
  | { ok: true; resolved: string; names: string[] }
  | { ok: false; resolved?: string; error: string };
type ProbeReport = Record<string, ProbeResult>;
interface Probes {
  /** subpaths with an `import` target */
  esmSubpaths: string[];
  /** subpaths with a `require` target (a subpath may be ESM-only) */
  cjsSubpaths: string[];
  esm: ProbeReport;
  cjs: ProbeReport;
  installed: Installed;
}

const ESM_PROBE = `import { writeFileSync } from "node:fs";
const [name, subpaths, out] = process.argv.slice(2);
const report = {};
for (const subpath of JSON.parse(subpaths)) {
  const spec = subpath === "." ? name : name + "/" + subpath.slice(2);
  let resolved;
  try {
    resolved = import.meta.resolve(spec);
    const namespace = await import(spec);
    report[subpath] = { ok: true, resolved, names: Object.keys(namespace).sort() };
  } catch (error) {
    report[subpath] = { ok: false, resolved, error: String(error?.stack ?? error) };
  }
}
writeFileSync(out, JSON.stringify(report));
`;

const CJS_PROBE = `const { writeFileSync } = require("node:fs");
const [name, subpaths, out] = process.argv.slice(2);
const report = {};
for (const subpath of JSON.parse(subpaths)) {
  const spec = subpath === "." ? name : name + "/" + subpath.slice(2);
  let resolved;
  try {
    resolved = require.resolve(spec);
    const exported = require(spec);
    report[subpath] = { ok: true, resolved, names: Object.keys(exported).sort() };
  } catch (error) {
    report[subpath] = { ok: false, resolved, error: String(error?.stack ?? error) };
  }
}
writeFileSync(out, JSON.stringify(report));
`;

function probe(pkg: PublishedPackage): Promise<Probes> {
  return once(probes, pkg, runProbes);
}

async function runProbes(pkg: PublishedPackage): Promise<Probes> {
  const installed = await install(pkg);
  const esmSubpaths = javascriptSubpaths(installed.manifest, "import");
  const cjsSubpaths = javascriptSubpaths(installed.manifest, "require");
  const probeOnce = async (kind: "esm" | "cjs"): Promise<ProbeReport> => {
    const subpaths = kind === "esm" ? esmSubpaths : cjsSubpaths;
    const script = join(installed.project, kind === "esm" ? "probe.mjs" : "probe.cjs");
    const out = join(installed.project, `probe-${kind}.json`);
    await writeFile(script, kind === "esm" ? ESM_PROBE : CJS_PROBE);
    const result = await run(process.execPath, [script, pkg.name, JSON.stringify(subpaths), out], {
      cwd: installed.project,
      env: cleanEnv(),
      timeoutMs: 60_000,
    });
    if (!existsSync(out)) {
      throw new Error(`${pkg.name}: the ${kind} probe crashed.\n${describeRun(result)}`);
    }
    return readJson<ProbeReport>(out);
  };
  const [esm, cjs] = await Promise.all([probeOnce("esm"), probeOnce("cjs")]);
  return { esmSubpaths, cjsSubpaths, esm, cjs, installed };
}

const shortError = (error: string) => error.split("\n").slice(0, 6).join("\n");

describe.concurrent.each(PUBLISHED)("$name (packed tarball)", (pkg) => {
  it("publint reports no error and no warning", async () => {
    const tgz = await tarball(pkg.name);
    const data = readFileSync(tgz);
    const arrayBuffer = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
    const { messages, pkg: manifest } = await publint({
      pack: { tarball: arrayBuffer as ArrayBuffer },
      level: "suggestion",
    });
    const lines = messages.map(
      (message) =>
        `${message.type}: ${formatMessage(message, manifest, { color: false }) ?? message.code} [${message.code}]`,
    );
    const suggestions = lines.filter((line) => line.startsWith("suggestion:"));
    if (suggestions.length > 0) {
      console.log(`${pkg.name}: publint suggestions:\n  ${suggestions.join("\n  ")}`);
    }
    const problems = lines.filter((line) => !line.startsWith("suggestion:"));
    expect(problems, `${pkg.name}: publint found errors/warnings in ${tgz}`).toEqual([]);
  });

  it("are-the-types-wrong (profile node16) reports no problem", async () => {
    const tgz = await tarball(pkg.name);
    const result = await run(
      bin("attw"),
      [tgz, "--profile", "node16", "--format", "json", "--no-color"],
      { cwd: ROOT, env: cleanEnv(), timeoutMs: 120_000 },
    );
    let parsed: {
      analysis?: { types?: unknown; problems?: Array<Record<string, unknown>> };
    };
    try {
      parsed = JSON.parse(result.stdout);
    } catch {
      throw new Error(`${pkg.name}: attw printed no JSON.\n${describeRun(result)}`);
    }
    const analysis = parsed.analysis;
    expect(analysis?.types, `${pkg.name}: attw found no type declarations in ${tgz}`).toBeTruthy();
    // The node16 profile ignores node10 resolution (which cannot see subpath exports). A subpath
    // that is ESM-only by design (no `require` condition) cannot resolve from CJS: not a problem.
    const manifest = manifestOf(pkg);
    const cjsSubpaths = javascriptSubpaths(manifest, "require");
    const esmOnly = javascriptSubpaths(manifest, "import").filter((s) => !cjsSubpaths.includes(s));
    const problems = (analysis?.problems ?? [])
      .filter((problem) => problem.resolutionKind !== "node10")
      .filter(
        (problem) =>
          !(
            problem.kind === "NoResolution" &&
            problem.resolutionKind === "node16-cjs" &&
            esmOnly.includes(String(problem.entrypoint))
          ),
      )
      .map((problem) => {
        const { kind, entrypoint, resolutionKind, ...rest } = problem;
        const where = entrypoint ? ` at "${entrypoint}"` : "";
        const how = resolutionKind ? ` (${resolutionKind})` : "";
        const more = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : "";
        return `${kind}${where}${how}${more}`;
      });
    expect(problems, `${pkg.name}: are-the-types-wrong found problems in ${tgz}`).toEqual([]);
    // attw exits with 1 when it found problems (judged above, with ESM-only subpaths allowed).
    expect([0, 1], `${pkg.name}: attw failed.\n${describeRun(result)}`).toContain(result.code);
  });

  it("installs alone from its tarball; ESM import of every subpath works, non-empty", async () => {
    const { esmSubpaths: subpaths, esm, installed } = await probe(pkg);
    if (installed.linkedOptionalPeers.length > 0) {
      console.log(`${pkg.name}: linked optional peers ${installed.linkedOptionalPeers.join(", ")}`);
    }
    expect(subpaths, `${pkg.name}: its exports map has no JavaScript subpath`).toContain(".");
    const problems: string[] = [];
    for (const subpath of subpaths) {
      const result = esm[subpath];
      if (!result?.ok) {
        problems.push(`import of "${subpath}" failed: ${shortError(result?.error ?? "no result")}`);
      } else if (result.names.length === 0) {
        problems.push(`import of "${subpath}" has no exports`);
      } else if (result.resolved.endsWith(".cjs")) {
        problems.push(`import of "${subpath}" resolved to the CJS build ${result.resolved}`);
      }
    }
    console.log(
      `${pkg.name}: ESM exports\n${subpaths.map((s) => `  ${s}: ${esm[s]?.ok ? (esm[s] as { names: string[] }).names.join(", ") : "(failed)"}`).join("\n")}`,
    );
    expect(problems, `${pkg.name}: ESM import problems`).toEqual([]);
  });

  it("CJS require of every subpath loads the .cjs build with the same exports as ESM", async () => {
    const { esmSubpaths, cjsSubpaths, esm, cjs } = await probe(pkg);
    expect(cjsSubpaths, `${pkg.name}: the main entry has no require condition`).toContain(".");
    const esmOnly = esmSubpaths.filter((subpath) => !cjsSubpaths.includes(subpath));
    if (esmOnly.length > 0) console.log(`${pkg.name}: ESM-only subpaths: ${esmOnly.join(", ")}`);
    const problems: string[] = [];
    for (const subpath of cjsSubpaths) {
      const fromRequire = cjs[subpath];
      const fromImport = esm[subpath];
      if (!fromRequire?.ok) {
        problems.push(
          `require of "${subpath}" failed: ${shortError(fromRequire?.error ?? "no result")}`,
        );
        continue;
      }
      if (!fromRequire.resolved.endsWith(".cjs")) {
        problems.push(
          `require of "${subpath}" resolved to ${fromRequire.resolved}, not a .cjs file`,
        );
      }
      if (fromRequire.names.length === 0) problems.push(`require of "${subpath}" has no exports`);
      if (fromImport?.ok) {
        const onlyEsm = fromImport.names.filter((n) => !fromRequire.names.includes(n));
        const onlyCjs = fromRequire.names.filter((n) => !fromImport.names.includes(n));
        if (onlyEsm.length > 0 || onlyCjs.length > 0) {
          problems.push(
            `"${subpath}" exports differ: only in ESM [${onlyEsm.join(", ")}], only in CJS [${onlyCjs.join(", ")}]`,
          );
        }
      }
    }
    expect(problems, `${pkg.name}: CJS require problems`).toEqual([]);
  });

  it("a consumer type-checks with NodeNext resolution (.mts and .cts)", async () => {
    const { esm, installed } = await probe(pkg);
    const main = esm["."];
    if (!main?.ok) {
      throw new Error(
        `${pkg.name}: cannot type-check a consumer, the ESM import of the main entry failed: ` +
          shortError(main?.error ?? "no result"),
      );
    }
    const names = main?.ok
      ? main.names.filter((name) => name !== "default" && /^[A-Za-z_$][\w$]*$/.test(name))
      : [];
    expect(names, `${pkg.name}: the main entry has no runtime exports to type-check`).not.toEqual(
      [],
    );
    const consumer = [
      `// Generated by tests/packaging.test.ts from the runtime exports of ${pkg.name}.`,
      `import * as pkg from "${pkg.name}";`,
      `import { ${names.join(", ")} } from "${pkg.name}";`,
      "",
      "const names: string[] = Object.keys(pkg);",
      `export const used: readonly unknown[] = [${names.join(", ")}];`,
      "export default names;",
      "",
    ].join("\n");
    const files = ["consumer.mts", "consumer.cts"];
    await writeFile(join(installed.project, "consumer.mts"), consumer);
    await writeFile(join(installed.project, "consumer.cts"), consumer);

    // Package-specific snippets written by hand: tests/consumers/<dir>.{ts,mts,cts,tsx}.
    const snippets = join(ROOT, "tests", "consumers");
    for (const extension of ["ts", "mts", "cts", "tsx"]) {
      const snippet = join(snippets, `${pkg.dir}.${extension}`);
      if (!existsSync(snippet)) continue;
      const copies = extension === "ts" ? ["mts", "cts"] : [extension];
      for (const copy of copies) {
        const file = `snippet-${extension}.${copy}`;
        copyFileSync(snippet, join(installed.project, file));
        files.push(file);
      }
    }
    await writeFile(
      join(installed.project, "tsconfig.json"),
      JSON.stringify({ ...CONSUMER_TSCONFIG, files }, null, 2),
    );
    const result = await run(process.execPath, [TSC, "-p", "tsconfig.json", "--pretty", "false"], {
      cwd: installed.project,
      env: cleanEnv(),
      timeoutMs: 180_000,
    });
    expect(
      result.code,
      `${pkg.name}: consumer type-check failed (files: ${files.join(", ")}).\n${describeRun(result)}`,
    ).toBe(0);
  });
});
