import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Tests import workspace packages from source, so `vitest run` needs no build. */
const sourceAliases = [
  ["@venice-errors/core/schemas", "packages/core/src/schemas/index.ts"],
  ["@venice-errors/core", "packages/core/src/index.ts"],
  ["@venice-errors/node-client", "packages/node-client/src/index.ts"],
  ["@venice-errors/opentelemetry", "packages/opentelemetry/src/index.ts"],
  ["@venice-errors/react-hooks/sonner", "packages/react-hooks/src/sonner.tsx"],
  ["@venice-errors/react-hooks/react-hot-toast", "packages/react-hooks/src/react-hot-toast.tsx"],
  ["@venice-errors/react-hooks", "packages/react-hooks/src/index.ts"],
  ["@venice-errors/test-utils/msw", "packages/test-utils/src/msw.ts"],
  ["@venice-errors/test-utils/vitest", "packages/test-utils/src/vitest.ts"],
  ["@venice-errors/test-utils/server", "packages/test-utils/src/server.ts"],
  ["@venice-errors/test-utils", "packages/test-utils/src/index.ts"],
].map(([name, file]) => ({
  find: new RegExp(`^${name.replace("/", "\\/")}$`),
  replacement: here(file as string),
}));

export default defineConfig({
  resolve: { alias: sourceAliases },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "core", root: here("packages/core"), include: ["src/**/*.test.ts"] },
      },
      {
        extends: true,
        test: {
          name: "node-client",
          root: here("packages/node-client"),
          include: ["src/**/*.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "opentelemetry",
          root: here("packages/opentelemetry"),
          include: ["src/**/*.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "test-utils",
          root: here("packages/test-utils"),
          include: ["src/**/*.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "react-hooks",
          root: here("packages/react-hooks"),
          include: ["src/**/*.test.{ts,tsx}"],
          environment: "happy-dom",
        },
      },
      {
        extends: true,
        test: {
          name: "demo",
          root: here("apps/demo"),
          include: ["{src,server,e2e}/**/*.test.{ts,tsx}"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        // Checks on built artifacts: packaging, runtimes, sizes, releases.
        test: {
          name: "repo",
          root: here("."),
          include: ["tests/**/*.test.ts"],
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
