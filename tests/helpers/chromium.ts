// Chromium for the browser tests of the apps (demo, next-e2e): Debian's build, never a download.
import { type Browser, chromium, type Page } from "playwright-core";

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

/** The number in a "Retry in 12 s" / "12초 후 다시 시도" label. */
export function secondsIn(label: string | null): number {
  const match = label?.match(/(\d+)/);
  if (!match) throw new Error(`no countdown in ${JSON.stringify(label)}`);
  return Number(match[1]);
}

/** Waits until the toaster's retry countdown shows fewer seconds than `start` (and still some). */
export async function waitForCountdownBelow(page: Page, start: number): Promise<void> {
  await page.waitForFunction(
    (from) => {
      const label =
        document.querySelector(".venice-toaster [role=status] button.venice-toast-action")
          ?.textContent ?? "";
      const seconds = Number(label.match(/\d+/)?.[0]);
      return seconds > 0 && seconds < from;
    },
    start,
    { timeout: 5_000 },
  );
}
