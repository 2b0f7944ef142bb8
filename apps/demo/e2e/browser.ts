import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";

const APP = fileURLToPath(new URL("..", import.meta.url));
export const SCREENSHOTS = fileURLToPath(new URL("../test-output/", import.meta.url));

/** Debian's chromium, never a downloaded one. Flags keep it quiet and offline. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

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

/** The number in a "Retry in 12 s" / "12초 후 다시 시도" label. */
export function secondsIn(label: string | null): number {
  const match = label?.match(/(\d+)/);
  if (!match) throw new Error(`no countdown in ${JSON.stringify(label)}`);
  return Number(match[1]);
}
