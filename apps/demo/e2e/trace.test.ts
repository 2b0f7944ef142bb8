import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemo } from "../server/demo.js";
import { ensurePageBuilt, launchChromium, screenshot } from "./browser.js";

let demo: Awaited<ReturnType<typeof startDemo>>;
let browser: Browser;

beforeAll(async () => {
  ensurePageBuilt();
  demo = await startDemo({ quiet: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

describe("trace panel (Chromium)", () => {
  it("shows each try of the last call with its status, code and wait, and the final error.type", async () => {
    const context = await browser.newContext({ viewport: { width: 1360, height: 1100 } });
    const page: Page = await context.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    try {
      await page.goto(demo.url);
      const panel = page.getByTestId("trace-panel");
      await panel.getByText("No call traced yet.").waitFor();
      await page.getByRole("button", { name: /Rate limited/ }).click();
      const tries = panel.getByTestId("trace-tries").locator("tbody tr");
      await expect.poll(() => tries.count(), { timeout: 20_000 }).toBe(2);
      const cells = (row: number) => tries.nth(row).locator("td").allTextContents();
      expect(await cells(0)).toEqual(["1", "429", "RATE_LIMIT_EXCEEDED", "1.0 s"]);
      expect(await cells(1)).toEqual(["2", "429", "RATE_LIMIT_EXCEEDED", "—"]);
      expect(await panel.getByTestId("trace-error-type").textContent()).toBe("RATE_LIMIT_EXCEEDED");
      await screenshot(page, "trace-panel");
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
