import { describe, expect, it } from "vitest";
import { startDemo } from "../server/demo.js";
import { screenshot } from "./browser.js";
import { chromiumTabs } from "./tabs.js";

const { open } = chromiumTabs(() => startDemo({ quiet: true }), {
  viewport: { width: 1360, height: 1100 },
});

describe("trace panel (Chromium)", () => {
  it("shows each try of the last call with its status, code and wait, and the final error.type", async () => {
    const page = await open();
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
  });
});
