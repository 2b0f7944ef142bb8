import { describe, expect, it } from "vitest";
import { startFleet } from "../server/fleet.js";
import { postJson } from "../server/test-helpers.js";
import { screenshot } from "./browser.js";
import { chromiumTabs } from "./tabs.js";

const tabs = chromiumTabs(() => startFleet({ size: 3, quiet: true, log: () => undefined }), {
  viewport: { width: 1280, height: 900 },
});

describe("the Fleet panel in Chromium", () => {
  it("shows on every instance the failure another instance caused", async () => {
    expect(tabs.server.redis?.url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
    const [first, , third] = tabs.server.instances;
    const page = await tabs.open({ url: third?.url });
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
  });
});
