import { startFakeVenice } from "@venice-errors/test-utils/server";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startDemo } from "../server/demo.js";
import { ensurePageBuilt, launchChromium, screenshot, secondsIn } from "./browser.js";

let demo: Awaited<ReturnType<typeof startDemo>>;
let browser: Browser;
let context: BrowserContext | undefined;
let page: Page | undefined;
let pageErrors: string[] = [];

beforeAll(async () => {
  ensurePageBuilt();
  demo = await startDemo({ quiet: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

afterEach(async ({ task }) => {
  if (task.result?.state === "fail" && page) {
    await screenshot(page, `failed-${task.name.replace(/\W+/g, "-")}`).catch(() => undefined);
  }
  await context?.close();
  context = undefined;
  expect(pageErrors).toEqual([]);
});

/** A fresh tab (fresh storage, no earlier toasts) on the demo, ready to use. */
async function open(options: { colorScheme?: "light" | "dark"; url?: string } = {}): Promise<Page> {
  context = await browser.newContext({
    viewport: { width: 1360, height: 900 },
    locale: "en-US",
    colorScheme: options.colorScheme ?? "light",
  });
  page = await context.newPage();
  pageErrors = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.goto(options.url ?? demo.url);
  await page.getByRole("heading", { name: "Gondola" }).waitFor();
  // The mode badge appears once the backend said which Venice it talks to.
  await page.getByTestId("mode").waitFor();
  return page;
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
    await page.waitForFunction(
      (start) => {
        const label =
          document.querySelector(".venice-toaster [role=status] button.venice-toast-action")
            ?.textContent ?? "";
        const seconds = Number(label.match(/\d+/)?.[0]);
        return seconds > 0 && seconds < start;
      },
      first,
      { timeout: 5_000 },
    );
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

  it("shows validation errors next to the inputs they belong to", async () => {
    const page = await open();
    await page.getByRole("button", { name: /Invalid request/ }).click();
    await toasts(page, "status").getByText("Request not valid").waitFor();
    const fields: [label: string, message: RegExp][] = [
      ["Model", /Model does not support this request/],
      ["Temperature", /less than or equal to 2/],
      ["Message", /Message is empty/],
    ];
    for (const [label, message] of fields) {
      const input = page.getByLabel(label, { exact: false }).first();
      expect(await input.getAttribute("aria-invalid")).toBe("true");
      const describedBy = await input.getAttribute("aria-describedby");
      expect(await page.locator(`[id="${describedBy}"]`).textContent()).toMatch(message);
    }
    await screenshot(page, "06-validation-field-errors");
  });

  it("reports a network failure after the client's retries", async () => {
    const page = await open();
    await page.getByRole("button", { name: /Network failure/ }).click();
    await toasts(page, "status").getByText("Could not reach Venice").waitFor();
    expect(await page.getByTestId("attempts").locator("tbody tr").count()).toBe(3);
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
