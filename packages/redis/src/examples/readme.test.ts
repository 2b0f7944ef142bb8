import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const here = new URL(".", import.meta.url);
const readme = readFileSync(new URL("../../README.md", here), "utf8");
const examples = readdirSync(here).filter((name) => name.endsWith(".example.ts"));

describe("README examples", () => {
  it.each(examples)("shows %s verbatim (type-checked with the package)", (name) => {
    const code = readFileSync(new URL(name, here), "utf8").trimEnd();
    expect(readme).toContain(`\`\`\`ts\n${code}\n\`\`\``);
  });
});
