import { defineConfig, type UserConfig } from "tsdown";

/** The one build every published package uses: ESM + CJS + types for each entry. */
export function packageBuild(entry: Record<string, string>, overrides: UserConfig = {}) {
  return defineConfig({
    entry,
    format: ["esm", "cjs"],
    dts: true,
    platform: "neutral",
    target: "es2022",
    sourcemap: false,
    clean: true,
    treeshake: true,
    ...overrides,
  });
}
