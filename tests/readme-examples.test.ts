// Every TypeScript code block of every README type-checks as written, against the built packages
// (what a user copies is what a user gets): docs cannot rot. Each README's blocks are checked from
// inside its own package, so its dependencies and devDependencies (react, msw, openai, …)
// resolve as they would for a user who installed them; the root README is checked from the demo,
// which depends on every package.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type BuildState, bin, describeRun, ensureBuilt, ROOT, run } from "./helpers/repo.ts";

interface Block {
  readme: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: "ts" | "tsx";
  code: string;
}

/** Blocks fenced as ts/tsx/typescript; other languages (sh, json) are not TypeScript. */
function extractBlocks(readme: string, text: string): Block[] {
  const blocks: Block[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(ts|tsx|typescript)\s*$/.exec(lines[i] ?? "");
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== "```"; i++) body.push(lines[i] ?? "");
    blocks.push({
      readme,
      line: start + 1,
      lang: open[1] === "tsx" ? "tsx" : "ts",
      code: body.join("\n"),
    });
  }
  return blocks;
}

/** README -> the folder whose node_modules its examples resolve from. */
const READMES: ReadonlyArray<readonly [readme: string, home: string]> = [
  ["README.md", "apps/demo"],
  ...readdirSync(join(ROOT, "packages")).map(
    (dir) => [`packages/${dir}/README.md`, `packages/${dir}`] as const,
  ),
];

/**
 * Every published entry point by name, to its built types: an example may use a sibling package
 * (core's README shows node-client on the server) that its README's package does not depend on.
 */
function workspacePaths(): Record<string, string[]> {
  const paths: Record<string, string[]> = {};
  for (const dir of readdirSync(join(ROOT, "packages"))) {
    const manifest = JSON.parse(readFileSync(join(ROOT, "packages", dir, "package.json"), "utf8"));
    for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
      const types = (target as { import?: { types?: string } }).import?.types;
      if (!types) continue;
      paths[manifest.name + subpath.slice(1)] = [join(ROOT, "packages", dir, types)];
    }
  }
  return paths;
}

const COMPILER_OPTIONS = {
  target: "es2022",
  lib: ["es2023", "dom", "dom.iterable"],
  module: "preserve",
  moduleResolution: "bundler",
  moduleDetection: "force",
  jsx: "react-jsx",
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: ["node"],
  allowImportingTsExtensions: true,
};

let build: BuildState = { ok: true, log: "" };
beforeAll(async () => {
  build = await ensureBuilt();
});

describe("README code blocks", () => {
  it("finds ts/tsx blocks and only those", () => {
    const blocks = extractBlocks(
      "x.md",
      "```ts\nconst a = 1;\n```\n```sh\nls\n```\n```tsx\n<b />\n```",
    );
    expect(blocks.map((block) => [block.lang, block.code, block.line])).toEqual([
      ["ts", "const a = 1;", 1],
      ["tsx", "<b />", 7],
    ]);
  });

  it.each(READMES)("every block of %s type-checks as written", async (readme, home) => {
    expect(build.ok, build.log).toBe(true);
    const blocks = extractBlocks(readme, readFileSync(join(ROOT, readme), "utf8"));
    const dir = join(ROOT, home, ".readme-check");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    try {
      const files = blocks.map((block) => {
        const file = join(dir, `line-${block.line}.${block.lang}`);
        writeFileSync(file, `${block.code}\n`);
        return relative(dir, file);
      });
      writeFileSync(
        join(dir, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: { ...COMPILER_OPTIONS, paths: workspacePaths() },
          files,
        }),
      );
      if (files.length === 0) return;
      const result = await run(bin("tsc"), ["-p", join(dir, "tsconfig.json")], {
        cwd: dir,
        timeoutMs: 120_000,
      });
      // Point each error at the README line it comes from.
      const report = result.stdout.replace(
        /line-(\d+)\.tsx?\((\d+),(\d+)\)/g,
        (_whole, fence: string, row: string, column: string) =>
          `${readme}:${Number(fence) + Number(row)}:${column}`,
      );
      expect(
        result.code,
        `${readme}: a code block does not type-check\n${report}\n${describeRun(result, 500)}`,
      ).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
