// Independent versioning with changesets, proven on a copy of the workspace's manifests:
// root package.json, pnpm-workspace.yaml, .changeset/config.json, packages/*/package.json and
// apps/*/package.json (no pending .changeset/*.md). Each case writes changesets there, runs
// the workspace's own `changeset version` and compares the versions before and after.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  bin,
  cleanEnv,
  describeRun,
  type Manifest,
  makeTempDir,
  PUBLISHED,
  ROOT,
  readJson,
  removeTempDir,
  run,
} from "./helpers/repo.ts";

type Bump = "major" | "minor" | "patch";
type Versions = Record<string, string>;

const DEMO = "@venice-errors/demo";
const NEXT_APP = "@venice-errors/next-e2e";
const temps: string[] = [];

afterAll(async () => {
  await Promise.all(temps.map((dir) => removeTempDir(dir)));
});

/** semver increment for plain x.y.z versions (what these packages use). */
function bump(version: string, type: Bump): string {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!match) throw new Error(`cannot bump "${version}": only x.y.z versions are handled here`);
  const [major, minor, patch] = match.slice(1).map(Number) as [number, number, number];
  if (type === "major") return `${major + 1}.0.0`;
  if (type === "minor") return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

/** Folders (relative to the root) that hold a workspace manifest: packages/* and apps/*. */
function manifestFolders(): string[] {
  return ["packages", "apps"].flatMap((parent) =>
    readdirSync(join(ROOT, parent))
      .map((dir) => `${parent}/${dir}`)
      .filter((dir) => existsSync(join(ROOT, dir, "package.json"))),
  );
}

async function skeleton(): Promise<string> {
  const dir = await makeTempDir("release");
  temps.push(dir);
  for (const file of ["package.json", "pnpm-workspace.yaml", ".changeset/config.json"]) {
    mkdirSync(join(dir, file, ".."), { recursive: true });
    cpSync(join(ROOT, file), join(dir, file));
  }
  for (const folder of manifestFolders()) {
    mkdirSync(join(dir, folder), { recursive: true });
    cpSync(join(ROOT, folder, "package.json"), join(dir, folder, "package.json"));
  }
  // The changelog generator named in .changeset/config.json resolves from the workspace.
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  return dir;
}

function versions(dir: string): Versions {
  const result: Versions = {};
  for (const folder of manifestFolders()) {
    const manifest = readJson<Manifest>(join(dir, folder, "package.json"));
    result[manifest.name] = manifest.version;
  }
  return result;
}

function manifest(dir: string, name: string): Manifest {
  for (const folder of manifestFolders()) {
    const found = readJson<Manifest>(join(dir, folder, "package.json"));
    if (found.name === name) return found;
  }
  throw new Error(`${name} not found in the workspace copy`);
}

/** Writes one changeset per entry and runs `changeset version`; returns versions before/after. */
async function version(changesets: Array<Record<string, Bump>>) {
  const dir = await skeleton();
  const before = versions(dir);
  let index = 0;
  for (const releases of changesets) {
    const header = Object.entries(releases)
      .map(([name, type]) => `"${name}": ${type}`)
      .join("\n");
    await writeFile(
      join(dir, ".changeset", `test-change-${++index}.md`),
      `---\n${header}\n---\n\nA change made by tests/release.test.ts.\n`,
    );
  }
  const result = await run(bin("changeset"), ["version"], { cwd: dir, env: cleanEnv() });
  if (result.code !== 0) throw new Error(`changeset version failed.\n${describeRun(result)}`);
  const after = versions(dir);
  const pending = readdirSync(join(dir, ".changeset")).filter((file) => file.endsWith(".md"));
  expect(pending, "changeset version consumes every changeset").toEqual([]);
  return { dir, before, after };
}

const [core, nodeClient, reactHooks, testUtils] = PUBLISHED.map((pkg) => pkg.name) as [
  string,
  string,
  string,
  string,
];

describe("changesets: independent versions", () => {
  it("the workspace has the expected release setup", () => {
    const config = readJson<Record<string, unknown>>(join(ROOT, ".changeset", "config.json"));
    expect(config.fixed, "no fixed groups: versions are independent").toEqual([]);
    expect(config.linked, "no linked groups: versions are independent").toEqual([]);
    expect(config.ignore, "the demo app is never released").toContain(DEMO);
    expect(readJson(join(ROOT, "apps/demo/package.json")).private, "the demo is private").toBe(
      true,
    );
    expect(config.ignore, "the Next.js test app is never released").toContain(NEXT_APP);
    expect(readJson(join(ROOT, "apps/next-e2e/package.json")).private, "it is private").toBe(true);
    for (const pkg of PUBLISHED) {
      expect(readJson(join(pkg.path, "package.json")).private, `${pkg.name} is published`).not.toBe(
        true,
      );
    }
  });

  it("a minor change to node-client bumps node-client only", async () => {
    const { dir, before, after } = await version([{ [nodeClient]: "minor" }]);
    expect(after[nodeClient], "node-client gets a minor bump").toBe(
      bump(before[nodeClient]!, "minor"),
    );
    expect(after[core], "core does not change").toBe(before[core]);
    expect(after[reactHooks], "react-hooks does not change").toBe(before[reactHooks]);
    expect(after[testUtils], "test-utils does not change").toBe(before[testUtils]);
    expect(after[DEMO], "the demo app is never bumped").toBe(before[DEMO]);
    expect(readFileSync(join(dir, "packages/node-client/CHANGELOG.md"), "utf8")).toContain(
      `## ${after[nodeClient]}`,
    );
    expect(existsSync(join(dir, "packages/core/CHANGELOG.md")), "no core changelog entry").toBe(
      false,
    );
    // The workspace protocol stays in the sources; `pnpm publish` turns it into a range.
    expect(manifest(dir, nodeClient).dependencies?.[core]).toMatch(/^workspace:/);
  });

  it.each([
    ["react-hooks", reactHooks],
    ["test-utils", testUtils],
  ])("a minor change to %s bumps it only", async (_label, name) => {
    const { before, after } = await version([{ [name]: "minor" }]);
    for (const other of Object.keys(before)) {
      const expected = other === name ? bump(before[other]!, "minor") : before[other];
      expect(after[other], `${other} after a minor change to ${name}`).toBe(expected);
    }
  });

  it("a patch to core bumps core, gives its dependents at most a patch, never the demo", async () => {
    const { dir, before, after } = await version([{ [core]: "patch" }]);
    expect(after[core], "core gets a patch").toBe(bump(before[core]!, "patch"));
    for (const dependent of [nodeClient, reactHooks, testUtils]) {
      const range = manifest(dir, dependent).dependencies?.[core];
      expect(range, `${dependent} depends on core through the workspace protocol`).toMatch(
        /^workspace:/,
      );
      // updateInternalDependencies "patch": dependents are re-released with a patch.
      expect(after[dependent], `${dependent} after a core patch`).toBe(
        bump(before[dependent]!, "patch"),
      );
    }
    expect(after[DEMO], "the demo app is never bumped").toBe(before[DEMO]);
    expect(after[NEXT_APP], "the Next.js test app is never bumped").toBe(before[NEXT_APP]);
    expect(
      readFileSync(join(dir, "packages/node-client/CHANGELOG.md"), "utf8"),
      "the dependent's changelog names the core release",
    ).toContain(`${core}@${after[core]}`);
  });

  it("a minor change to core still gives its dependents only a patch", async () => {
    const { before, after } = await version([{ [core]: "minor" }]);
    expect(after[core]).toBe(bump(before[core]!, "minor"));
    for (const dependent of [nodeClient, reactHooks, testUtils]) {
      expect(after[dependent], `${dependent} after a core minor`).toBe(
        bump(before[dependent]!, "patch"),
      );
    }
    expect(after[DEMO], "the demo app is never bumped").toBe(before[DEMO]);
    expect(after[NEXT_APP], "the Next.js test app is never bumped").toBe(before[NEXT_APP]);
  });
});
