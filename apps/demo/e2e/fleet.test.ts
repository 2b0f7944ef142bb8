import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFleet } from "../server/fleet.js";
import { postJson } from "../server/test-helpers.js";
import { ensurePageBuilt, launchChromium, screenshot } from "./browser.js";

let fleet: Awaited<ReturnType<typeof startFleet>>;
let browser: Browser;

beforeAll(async () => {
  ensurePageBuilt();
  fleet = await startFleet({ size: 3, quiet: true, log: () => undefined });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await fleet?.close();
});

describe("the Fleet panel in Chromium", () => {
  it("shows on every instance the failure another instance caused", async () => {
    expect(fleet.redis?.url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
    const [first, , third] = fleet.instances;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    try {
      const page = await context.newPage();
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto(third?.url ?? "");
      const panel = page.getByTestId("fleet");
      await panel.getByText("Shared through Redis").waitFor();
      expect(await panel.textContent()).toContain("This page is served by instance 3");
      await panel.getByTestId("fleet-budget").getByText("0 / 15").waitFor();

      const failed = await postJson(`${first?.url}/api/trigger`, {
        scenario: "validation",
        messages: [{ role: "user", content: "Hi" }],
        temperature: 0.9,
      });
      expect(failed.status).toBe(400);

      await panel.getByTestId("fleet-budget").getByText("1 / 15").waitFor();
      await panel.getByTestId("fleet-venice").getByText("1 / 20").waitFor();
      const rows = panel.getByTestId("fleet-instance");
      await rows.nth(0).getByText("400 INVALID_REQUEST").waitFor();
      expect(await rows.nth(2).textContent()).toMatch(/instance 3 · this page.*nothing yet/);
      await panel.scrollIntoViewIfNeeded();
      await screenshot(page, "20-fleet-panel");
    } finally {
      await context.close();
    }
    expect(errors).toEqual([]);
  });
});
