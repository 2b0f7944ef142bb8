import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";

const APP = fileURLToPath(new URL("..", import.meta.url));
export const SCREENSHOTS = fileURLToPath(new URL("../test-output/", import.meta.url));

/** The repo's test script builds the page first (turbo); a lone `vitest run` builds it here. */
export function ensurePageBuilt(): void {
  if (existsSync(`${APP}dist/index.html`)) return;
  execFileSync("pnpm", ["--filter", "@venice-errors/demo", "build"], {
    cwd: APP,
    stdio: "inherit",
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
}
