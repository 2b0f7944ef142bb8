import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Tests import workspace packages from source, so `vitest run` needs no build. */
const sourceAliases = [
  ["@venice-errors/core/schemas", "packages/core/src/schemas/index.ts"],
  ["@venice-errors/core/hono", "packages/core/src/hono.ts"],
  ["@venice-errors/core/express", "packages/core/src/express.ts"],
  ["@venice-errors/core/locales/en", "packages/core/src/locales/en.ts"],
  ["@venice-errors/core/locales/ko", "packages/core/src/locales/ko.ts"],
  ["@venice-errors/core", "packages/core/src/index.ts"],
  ["@venice-errors/node-client", "packages/node-client/src/index.ts"],
  ["@venice-errors/redis", "packages/redis/src/index.ts"],
  ["@venice-errors/opentelemetry", "packages/opentelemetry/src/index.ts"],
  ["@venice-errors/react-hooks/sonner", "packages/react-hooks/src/sonner.tsx"],
  ["@venice-errors/react-hooks/react-hot-toast", "packages/react-hooks/src/react-hot-toast.tsx"],
  ["@venice-errors/react-hooks/tanstack-query", "packages/react-hooks/src/tanstack-query.tsx"],
  ["@venice-errors/react-hooks/locales/en", "packages/react-hooks/src/locales/en.ts"],
  ["@venice-errors/react-hooks/locales/ko", "packages/react-hooks/src/locales/ko.ts"],
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
    // Property tests run thousands of inputs; on 2 loaded CI cores they need more than 5 s.
    testTimeout: 30_000,
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
          name: "redis",
          root: here("packages/redis"),
          include: ["src/**/*.test.ts"],
          // Each file starts its own redis-server; files run one at a time on a loaded machine.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        // Several real processes (built packages) sharing one Redis, against the fake Venice.
        extends: true,
        test: {
          name: "redis-fleet",
          root: here("packages/redis"),
          include: ["fleet/**/*.test.ts"],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
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
          include: ["{src,server}/**/*.test.{ts,tsx}"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        // The built demo in headless Chromium.
        extends: true,
        test: {
          name: "demo-e2e",
          root: here("apps/demo"),
          include: ["e2e/**/*.test.{ts,tsx}"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        // A real Next.js app (`next build` once, `next start` per file) against the fake Venice,
        // and its page in headless Chromium. Next resolves the packages' built `dist`.
        extends: true,
        test: {
          name: "next-e2e",
          root: here("apps/next-e2e"),
          include: ["e2e/**/*.test.ts"],
          globalSetup: ["e2e/global-setup.ts"],
          fileParallelism: false,
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
