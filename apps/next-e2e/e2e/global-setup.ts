import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { buildNextApp } from "./next-app.js";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

/**
 * Next resolves the packages through their `exports` (built `dist`): build them (a turbo cache
 * hit after `pnpm build`), then run one `next build` for every test file of the project; each
 * file starts its own `next start`.
 */
export default function setup(): void {
  execFileSync(
    "pnpm",
    [
      "exec",
      "turbo",
      "run",
      "build",
      "--filter=@venice-errors/next-e2e^...",
      "--output-logs=errors-only",
    ],
    { cwd: ROOT, env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" }, stdio: "inherit" },
  );
  buildNextApp();
}
