import { startFakeVenice } from "@venice-errors/test-utils/server";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { secondsIn, waitForCountdownBelow } from "../../../tests/helpers/chromium.js";
import { startDemo } from "../server/demo.js";
import { screenshot } from "./browser.js";
import { chromiumTabs } from "./tabs.js";

const { open } = chromiumTabs(() => startDemo({ quiet: true }), {
  viewport: { width: 1360, height: 900 },
});

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  if (!box) throw new Error("element is not visible");
  return box;
}

/** True when two boxes share any area (touching edges do not count). */
function overlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * WCAG contrast of an element's text on the background colour of its closest `background`
 * ancestor (or itself), from computed styles. Text alpha and opacity blend the text into it.
 */
function contrast(locator: Locator, background: string): Promise<number> {
  return locator.evaluate((text, selector) => {
    const rgba = (value: string) => {
      const parts = value.match(/[\d.]+/g)?.map(Number) ?? [];
      return { rgb: parts.slice(0, 3), alpha: parts[3] ?? 1 };
    };
    const under = text.closest(selector) ?? text;
    const base = rgba(getComputedStyle(under).backgroundColor).rgb;
    const ink = rgba(getComputedStyle(text).color);
    const alpha = ink.alpha * Number(getComputedStyle(text).opacity);
    const blended = ink.rgb.map((channel, i) => channel * alpha + (base[i] ?? 0) * (1 - alpha));
    const luminance = (rgb: number[]) => {
      const [r = 0, g = 0, b = 0] = rgb.map((channel) => {
        const c = channel / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const [light = 0, dark = 0] = [luminance(blended), luminance(base)].sort((a, b) => b - a);
    return (light + 0.05) / (dark + 0.05);
  }, background);
}

const toasts = (page: Page, role: "alert" | "status") =>
  page.locator(`.venice-toaster [role="${role}"]`);

describe("demo page in Chromium", () => {
  it("streams a reply token by token", async () => {
    const page = await open();
    expect(await page.getByTestId("mode").textContent()).toBe("Fake Venice server");
    // Record every length the reply passes through, from inside the page.
    await page.evaluate(() => {
      const lengths: number[] = [];
      (window as unknown as { lengths: number[] }).lengths = lengths;
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid="reply"] .message-text')?.textContent;
        if (text && lengths.at(-1) !== text.length) lengths.push(text.length);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByLabel("Message", { exact: true }).fill("Hello, who are you?");
    await page.getByRole("button", { name: "Send" }).click();
    const reply = page.getByTestId("reply");
    await reply.getByText("break something in the Failure lab.").waitFor();
    const lengths = await page.evaluate(() => (window as unknown as { lengths: number[] }).lengths);
    expect(lengths.length).toBeGreaterThan(5);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
    expect(await page.getByTestId("prompt").textContent()).toContain("Hello, who are you?");
    await page.getByTestId("call-outcome").getByText("Succeeded").waitFor();
    await page.getByTestId("rate-limits").getByText("Requests").waitFor();
    await screenshot(page, "01-streamed-reply");
  });

  it("shows out of credits as an alert with an Add credits link", async () => {
    const page = await open();
    await page.getByRole("button", { name: /Out of credits/ }).click();
    const alert = toasts(page, "alert");
    await alert.getByText("Out of credits").waitFor();
    expect(await alert.textContent()).toMatch(/balance is too low/);
    const link = alert.getByRole("link", { name: "Add credits" });
    expect(await link.getAttribute("href")).toBe("https://venice.ai/settings/api");
    await page
      .getByTestId("reply")
      .getByText(/No reply · Out of credits/)
      .waitFor();
    await page.getByTestId("attempts").getByText("INSUFFICIENT_BALANCE").waitFor();
    await screenshot(page, "02-out-of-credits");
  });

  it("counts down a rate limit's Retry-After after one retry", async () => {
    const page = await open();
    await page.getByRole("button", { name: /Rate limited/ }).click();
    const status = toasts(page, "status");
    await status.getByText("Too many requests").waitFor();
    const retry = status.getByRole("button", { name: /Retry in \d+ s/ });
    const first = secondsIn(await retry.textContent());
    expect(first).toBeGreaterThan(15);
    expect(first).toBeLessThanOrEqual(20);
    expect(await retry.isDisabled()).toBe(true);
    await waitForCountdownBelow(page, first);
    // The send button waits too, and the status panel lists both tries.
    await page
      .getByRole("button", { name: /Retry in \d+ s/ })
      .first()
      .waitFor();
    const rows = page.getByTestId("attempts").locator("tbody tr");
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(1).textContent()).toMatch(/429RATE_LIMIT_EXCEEDED1\.0 s/);
    await screenshot(page, "03-rate-limit-countdown");
  });

  it("explains an abuse block", async () => {
    const page = await open();
    await page.getByRole("button", { name: /Abuse block/ }).click();
    const status = toasts(page, "status");
    await status.getByText("Temporarily blocked").waitFor();
    expect(await status.textContent()).toMatch(/Too many requests failed/);
    await status.getByRole("button", { name: /Retry in \d+ s/ }).waitFor();
    await page.getByTestId("attempts").getByText("TOO_MANY_FAILED_ATTEMPTS").waitFor();
    await screenshot(page, "04-abuse-block");
  });

  it("keeps the partial reply when the model overloads mid-stream", async () => {
    const page = await open();
    await page.getByRole("button", { name: /Overload mid-reply/ }).click();
    const reply = page.getByTestId("reply");
    await reply.getByText("Reply stopped · Model busy").waitFor();
    expect(await reply.locator(".message-text").textContent()).toMatch(
      /^Sure! Here is a short overview/,
    );
    await toasts(page, "status").getByText("Model busy").waitFor();
    await screenshot(page, "05-mid-stream-overload");
  });

  it("shows validation errors about the values sent, next to their inputs", async () => {
    const page = await open();
    await page.locator("#temperature").fill("1.3");
    await page.getByRole("button", { name: /Invalid request/ }).click();
    await toasts(page, "status").getByText("Request not valid").waitFor();
    const prompt = await page.getByTestId("prompt").locator(".message-text").textContent();
    const fields: [label: string, message: string][] = [
      ["Temperature", "temperature 1.3 is above"],
      ["Message", `last message has ${prompt?.length} characters`],
    ];
    for (const [label, message] of fields) {
      const input = page.getByLabel(label, { exact: false }).first();
      expect(await input.getAttribute("aria-invalid")).toBe("true");
      const describedBy = await input.getAttribute("aria-describedby");
      expect(await page.locator(`[id="${describedBy}"]`).textContent()).toContain(message);
    }
    // The model the page sent is a real one: nothing to say about it.
    expect(await page.getByLabel("Model").getAttribute("aria-invalid")).toBeNull();
    await screenshot(page, "06-validation-field-errors");
  });

  it("reports a network failure without resending the chat (it may have run)", async () => {
    const page = await open();
    await page.getByRole("button", { name: /Network failure/ }).click();
    await toasts(page, "status").getByText("Could not reach Venice").waitFor();
    expect(await page.getByTestId("attempts").locator("tbody tr").count()).toBe(1);
  });

  it("triggers any catalog code from the picker", async () => {
    const page = await open();
    await page.getByLabel("Any catalog code").selectOption("CONTENT_POLICY_VIOLATION");
    await page.getByRole("button", { name: "Trigger" }).click();
    await toasts(page, "status").getByText("Blocked by content policy").waitFor();
    await page.getByTestId("reply").getByText("No reply · Blocked by content policy").waitFor();
    const row = page.getByTestId("attempts").locator("tbody tr");
    expect(await row.textContent()).toMatch(/422CONTENT_POLICY_VIOLATION/);
  });

  it.each([
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ])("keeps toasts off the Rate limits panel and the composer at $width px", async (viewport) => {
    const page = await open({ viewport });
    // A blocking alert, then a transient status with its countdown.
    const runs: [button: RegExp, role: "alert" | "status", title: string][] = [
      [/Out of credits/, "alert", "Out of credits"],
      [/Rate limited/, "status", "Too many requests"],
    ];
    for (const [button, role, title] of runs) {
      await page.getByRole("button", { name: button }).click();
      const toast = toasts(page, role).locator(".venice-toast");
      await toast.getByText(title).waitFor();
      await page.getByTestId("rate-limits").waitFor();
      const box = await boxOf(toast);
      const composer = await boxOf(page.locator("form.composer"));
      const rateLimits = await boxOf(page.locator("section.status"));
      expect(overlap(box, composer), `${title} over the composer`).toBe(false);
      expect(overlap(box, rateLimits), `${title} over the Rate limits panel`).toBe(false);
      // After a lab run the page shows the toast, also on a phone where the lab is far below.
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
    }
    // Nothing is drawn over the message box either: a click there reaches it.
    expect(
      await page.evaluate(() => {
        const box = document.querySelector("#message")?.getBoundingClientRect();
        if (!box) return null;
        return document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2)?.id;
      }),
    ).toBe("message");
    await screenshot(page, `08-toasts-${viewport.width}`);
  });

  it("moves the focus to the message box after a Failure lab run", async () => {
    const page = await open();
    const balance = page.getByRole("button", { name: /Out of credits/ });
    await balance.focus();
    await page.keyboard.press("Enter");
    await toasts(page, "alert").getByText("Out of credits").waitFor();
    await page.getByTestId("call-outcome").getByText("Failed").waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("message");
    // One Tab leads back to the Failure lab (the empty message's Send button is disabled).
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-scenario"))).toBe(
      "balance",
    );

    // The catalog picker's Trigger button too.
    await page.getByLabel("Any catalog code").selectOption("MODEL_NOT_FOUND");
    await page.getByRole("button", { name: "Trigger" }).focus();
    await page.keyboard.press("Enter");
    await toasts(page, "status")
      .getByText(/not found/i)
      .waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("message");
  });

  it("gives the user bubble AA contrast in the dark theme", async () => {
    const page = await open({ colorScheme: "dark" });
    expect(await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches)).toBe(
      true,
    );
    await page.getByLabel("Message", { exact: true }).fill("Is this readable?");
    await page.getByRole("button", { name: "Send" }).click();
    const bubble = page.getByTestId("prompt");
    await bubble.waitFor();
    for (const part of [".message-text", ".message-author"]) {
      const ratio = await contrast(bubble.locator(part), ".message");
      expect(ratio, part).toBeGreaterThanOrEqual(4.5);
    }
    // The same fill under the Send button's white text.
    await page.getByLabel("Message", { exact: true }).fill("Again");
    const send = page.getByRole("button", { name: "Send" });
    expect(await contrast(send, ".button")).toBeGreaterThanOrEqual(4.5);
  });

  it("keeps 한국어 on one line and Korean words whole at 390 px", async () => {
    const page = await open({ viewport: { width: 390, height: 844 } });
    await page.getByRole("button", { name: "한국어" }).click();
    await page.getByRole("heading", { name: "실패 실험실" }).waitFor();
    const toggle = page.getByRole("button", { name: "한국어" });
    const lines = await toggle.evaluate((button) => {
      const style = getComputedStyle(button);
      const content =
        button.clientHeight -
        Number.parseFloat(style.paddingTop) -
        Number.parseFloat(style.paddingBottom);
      return (
        content /
        Number.parseFloat(style.lineHeight === "normal" ? style.fontSize : style.lineHeight)
      );
    });
    expect(Math.round(lines)).toBe(1);
    expect(await toggle.evaluate((button) => getComputedStyle(button).whiteSpace)).toBe("nowrap");

    // Korean paragraphs break between words: no word is split across two lines.
    for (const text of [page.locator(".panel-intro"), page.locator(".chat-empty p")]) {
      expect(await text.evaluate((element) => getComputedStyle(element).wordBreak)).toBe(
        "keep-all",
      );
      const split = await text.evaluate((element) => {
        const node = element.firstChild as Text;
        const words: string[] = [];
        // Words with Hangul: an English word such as "node-client" may still break at its hyphen.
        const pattern = /\S*[\uac00-\ud7a3]\S*/g;
        for (let match = pattern.exec(node.data); match; match = pattern.exec(node.data)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const tops = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
          if (tops.size > 1) words.push(match[0]);
        }
        return words;
      });
      expect(split).toEqual([]);
    }
    await screenshot(page, "09-korean-390");
  });

  it("switches to Korean, including the errors", async () => {
    const page = await open({ colorScheme: "dark" });
    await page.getByRole("button", { name: "한국어" }).click();
    await page.getByRole("heading", { name: "실패 실험실" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("ko");
    await page.getByRole("button", { name: /크레딧 부족/ }).click();
    const alert = toasts(page, "alert");
    await alert.getByText("잔액 부족").waitFor();
    expect(await alert.getByRole("link", { name: "크레딧 추가" }).getAttribute("href")).toBe(
      "https://venice.ai/settings/api",
    );
    await page.getByTestId("reply").getByText("답변 없음 · 잔액 부족").waitFor();
    await screenshot(page, "07-korean-dark");
  });

  it("turns the Failure lab off against the live API and says why", async () => {
    // A stand-in for api.venice.ai that checks the key: the demo in live mode.
    const apiKey = "sk-live-e2e-0123456789";
    const venice = await startFakeVenice({ apiKey });
    const live = await startDemo({ apiKey, baseURL: venice.url, quiet: true });
    try {
      const page = await open({ url: live.url });
      expect(await page.getByTestId("mode").textContent()).toBe("Live Venice API");
      await page
        .getByText(/Scenarios are off: the demo is talking to the live Venice API/)
        .waitFor();
      for (const button of await page.locator("[data-scenario]").all()) {
        expect(await button.isDisabled()).toBe(true);
      }
      expect(await page.getByRole("button", { name: "Trigger" }).isDisabled()).toBe(true);
      await page.getByLabel("Message", { exact: true }).fill("Hello");
      await page.getByRole("button", { name: "Send" }).click();
      await page.getByTestId("call-outcome").getByText("Succeeded").waitFor();
      expect(
        venice.requests.every((request) => request.headers.authorization === "Bearer [REDACTED]"),
      ).toBe(true);
    } finally {
      await live.close();
      await venice.close();
    }
  });
});
