import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { startDemo } from "../server/demo.js";
import { screenshot } from "./browser.js";
import { chromiumTabs } from "./tabs.js";

const { open } = chromiumTabs(() => startDemo({ quiet: true }), {
  viewport: { width: 1280, height: 900 },
});

const toasts = (page: Page) => page.locator(".venice-toaster .venice-toast");

describe("the Studio in Chromium", () => {
  it("generates an image from a prompt and shows it", async () => {
    const page = await open();
    const card = page.getByTestId("image-example");
    await card.getByLabel("Prompt").fill("Rialto bridge at dawn");
    await card.getByRole("button", { name: "Generate" }).click();
    const image = card.getByRole("img", { name: "Generated image: Rialto bridge at dawn" });
    await image.waitFor();
    // Decoded by the browser: a real PNG, not a placeholder.
    await page.waitForFunction(
      () =>
        (document.querySelector("[data-testid=image-example] img") as HTMLImageElement)
          ?.naturalWidth === 256,
    );
    expect(await toasts(page).count()).toBe(0);
    // Not a fleet: no Fleet panel.
    expect(await page.getByTestId("fleet").count()).toBe(0);
    await page.getByTestId("attempts").getByText("200").first().waitFor();
    await image.scrollIntoViewIfNeeded();
    await screenshot(page, "10-studio-image-1280");
  });

  it("synthesizes speech and plays it with <audio>", async () => {
    const page = await open();
    const card = page.getByTestId("speech-example");
    await card.getByLabel("Text").fill("One two three four five");
    await card.getByRole("button", { name: "Speak" }).click();
    const audio = card.getByTestId("speech-audio");
    await audio.waitFor();
    // Chromium decodes the WAV: five words, a tone and a pause each (0.22 s).
    const duration = await audio.evaluate(
      (element: HTMLAudioElement) =>
        new Promise<number>((resolve, reject) => {
          if (element.readyState >= 1) return resolve(element.duration);
          element.addEventListener("loadedmetadata", () => resolve(element.duration));
          element.addEventListener("error", () => reject(new Error("audio did not load")));
        }),
    );
    expect(duration).toBeCloseTo(1.1, 1);
    const played = await audio.evaluate(async (element: HTMLAudioElement) => {
      element.muted = true;
      await element.play();
      return !element.paused;
    });
    expect(played).toBe(true);
  });

  it("shows an image blocked by the content policy (a flagged 200) from the Failure lab", async () => {
    const page = await open();
    await page.getByRole("button", { name: /Image blocked/ }).click();
    await toasts(page).getByText("Blocked by content policy").waitFor();
    const card = page.getByTestId("image-example");
    await card.locator(".media-error").getByText("Blocked by content policy").waitFor();
    expect(await card.getByRole("img").count()).toBe(0);
    await page.getByTestId("attempts").getByText("CONTENT_POLICY_VIOLATION").waitFor();
    // The run played out in the Studio, so the focus is there.
    expect(await page.evaluate(() => document.activeElement?.id ?? "")).toBe("");
    expect(await page.evaluate(() => document.activeElement?.classList.contains("studio"))).toBe(
      true,
    );
    await screenshot(page, "11-image-blocked");
  });

  it("says a refused video job's credits were refunded", async () => {
    const page = await open();
    await page.getByRole("button", { name: /Video refused/ }).click();
    const toast = toasts(page).filter({ hasText: "Blocked by content policy" });
    await toast.waitFor();
    expect(await toast.textContent()).toContain("Your credits were refunded.");
    expect(await page.getByTestId("video-failure").textContent()).toMatch(
      /Video job: Blocked by content policy.*Your credits were refunded\./,
    );
    await page.getByTestId("attempts").getByText("422").waitFor();
  });

  it("keeps the Studio tidy at 390 px", async () => {
    const page = await open({ viewport: { width: 390, height: 844 } });
    const card = page.getByTestId("image-example");
    await card.getByRole("button", { name: "Generate" }).click();
    await card.getByRole("img").waitFor();
    await page.getByTestId("speech-example").getByRole("button", { name: "Speak" }).click();
    await page.getByTestId("speech-audio").waitFor();
    // Nothing wider than the screen: no sideways scrolling on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    for (const testId of ["image-example", "speech-example"]) {
      const box = await page.getByTestId(testId).boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    }
    await page.locator(".studio").scrollIntoViewIfNeeded();
    await screenshot(page, "12-studio-390");
  });
});
