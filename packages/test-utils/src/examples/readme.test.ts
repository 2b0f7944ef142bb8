/// <reference types="node" />
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const here = new URL(".", import.meta.url);
const readme = readFileSync(new URL("../../README.md", here), "utf8");
const examples = readdirSync(here).filter((name) => name.endsWith(".example.test.ts"));

describe("README examples", () => {
  it("has one example per entry point", () => {
    expect(examples.sort()).toEqual([
      "factories.example.test.ts",
      "media.example.test.ts",
      "msw.example.test.ts",
      "server.example.test.ts",
      "vitest.example.test.ts",
    ]);
  });

  it.each(examples)("shows %s verbatim (so the README runs as tested)", (name) => {
    const code = readFileSync(new URL(name, here), "utf8").trimEnd();
    expect(readme).toContain(`\`\`\`ts\n${code}\n\`\`\``);
  });
});
