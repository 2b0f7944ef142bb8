import { toVeniceError } from "@venice-errors/core";
import { type FakeVenice, startFakeVenice } from "@venice-errors/test-utils/server";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  launchChromium,
  secondsIn,
  waitForCountdownBelow,
} from "../../../tests/helpers/chromium.js";
import { type NextApp, startNextApp } from "./next-app.js";

const KEY = "sk-next-e2e-page-fedcba9876543210";

let venice: FakeVenice;
let app: NextApp;
let browser: Browser;
let context: BrowserContext | undefined;
/** Everything that crossed the network for the current tab: URLs, headers and bodies, as text. */
let traffic: string[] = [];
/** The same without the bodies of static scripts (bundled libraries may name "Bearer" in code). */
let answers: string[] = [];
let pageErrors: string[] = [];

beforeAll(async () => {
  venice = await startFakeVenice({ apiKey: KEY });
  app = await startNextApp({ VENICE_BASE_URL: venice.url, VENICE_API_KEY: KEY });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await venice?.close();
});

beforeEach(() => venice.reset());

afterEach(async () => {
  await context?.close();
  context = undefined;
  expect(pageErrors).toEqual([]);
});

/** A fresh tab on the app's page that records every request and answer it sees. */
async function open(path = "/"): Promise<Page> {
  context = await browser.newContext({ locale: "en-US" });
  const page = await context.newPage();
  traffic = [];
  answers = [];
  pageErrors = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  const record = (text: string, url: string) => {
    traffic.push(text);
    if (!new URL(url).pathname.startsWith("/_next/static/")) answers.push(text);
  };
  // Every request goes through here, so each answer is read whole before the page gets it
  // (CDP cannot always give the body of a streamed fetch afterwards).
  await page.route("**/*", async (route) => {
    const request = route.request();
    const url = request.url();
    record(`${request.method()} ${url}\n${JSON.stringify(await request.allHeaders())}`, url);
    record(request.postData() ?? "", url);
    const response = await route.fetch();
    const body = await response.body();
    record(`${response.status()} ${url}\n${JSON.stringify(response.headers())}`, url);
    record(body.toString("utf8"), url);
    await route.fulfill({ response, body });
  });
  await page.goto(`${app.url}${path}`);
  await page.getByRole("heading", { name: "Venice chat" }).waitFor();
  // Hydrated: before that, the form would post as a plain HTML form (a navigation).
  await page.locator("main[data-hydrated]").waitFor();
  return page;
}

const toasts = (page: Page, role: "alert" | "status") =>
  page.locator(`.venice-toaster [role="${role}"]`);

/** Waits until the tab has no request in flight, so `traffic` holds every answer. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle");
}

/** No key anywhere the tab looked (static scripts included), no `Bearer` in any answer. */
function expectNoKeyInTraffic(): void {
  expectNoKey(traffic.join("\n"));
  expect(answers.join("\n").toLowerCase()).not.toMatch(/bearer|authorization/);
}

function expectNoKey(text: string): void {
  expect(text).not.toContain(KEY);
  expect(text).not.toContain(KEY.slice(3, 20));
}

describe("Next.js page in Chromium", () => {
  it("server-renders both live regions before any error", async () => {
    const html = await (await fetch(app.url)).text();
    expect(html).toContain('role="alert"');
    expect(html).toMatch(/role="status" aria-live="polite"/);
    expectNoKey(html);
  });

  it("shows a 402 returned by a server action as an alert with Add credits", async () => {
    const page = await open();
    venice.enqueue({ route: "POST /chat/completions", error: "INSUFFICIENT_BALANCE" });
    await page.getByRole("button", { name: "Ask (action)" }).click();
    const alert = toasts(page, "alert");
    await alert.getByText("Out of credits").waitFor();
    const link = alert.getByRole("link", { name: "Add credits" });
    expect(await link.getAttribute("href")).toBe("https://venice.ai/settings/api");
    expect(await page.getByTestId("code").textContent()).toBe("INSUFFICIENT_BALANCE");
    expect(await toasts(page, "status").textContent()).toBe("");
    expect(venice.requests).toHaveLength(1);
    await settle(page);
    // The action's answer went through this tab (the code is in it) without the key.
    expect(answers.join("\n")).toContain("INSUFFICIENT_BALANCE");
    expectNoKeyInTraffic();
    expectNoKey(await page.content());
  });

  it("counts down a 429 returned by a server action in the polite region", async () => {
    const page = await open();
    venice.enqueue({
      route: "POST /chat/completions",
      error: "RATE_LIMIT_EXCEEDED",
      retryAfter: 12,
    });
    await page.getByRole("button", { name: "Ask (action)" }).click();
    const status = toasts(page, "status");
    await status.getByText("Too many requests").waitFor();
    const retry = status.getByRole("button", { name: /Retry in \d+ s/ });
    const first = secondsIn(await retry.textContent());
    expect(first).toBeGreaterThan(8);
    expect(first).toBeLessThanOrEqual(12);
    await waitForCountdownBelow(page, first);
    expect(await toasts(page, "alert").textContent()).toBe("");
    await settle(page);
    expectNoKeyInTraffic();
    expectNoKey(await page.content());
  });

  it("shows a 429 from the route handler through parseVeniceError", async () => {
    const page = await open();
    venice.enqueue({
      route: "POST /chat/completions",
      error: "RATE_LIMIT_EXCEEDED",
      retryAfter: 30,
    });
    await page.getByRole("button", { name: "Ask (route)" }).click();
    const status = toasts(page, "status");
    await status.getByText("Too many requests").waitFor();
    const first = secondsIn(
      await status.getByRole("button", { name: /Retry in \d+ s/ }).textContent(),
    );
    expect(first).toBeGreaterThan(25);
    expect(first).toBeLessThanOrEqual(30);
    await settle(page);
    expect(answers.join("\n")).toContain("/api/chat");
    expectNoKeyInTraffic();
  });

  it("shows Korean texts handed from a server component to the client provider", async () => {
    const page = await open("/ko");
    venice.enqueue({ route: "POST /chat/completions", error: "INSUFFICIENT_BALANCE" });
    await page.getByRole("button", { name: "Ask (action)" }).click();
    const alert = toasts(page, "alert");
    await alert.getByText("잔액 부족").waitFor();
    expect(await alert.getByRole("button", { name: "닫기" }).count()).toBe(1);
    await settle(page);
    expectNoKeyInTraffic();
  });

  it("masks an error thrown (not returned) by a server action: digest only", async () => {
    const page = await open();
    venice.enqueue({ route: "POST /chat/completions", error: "INSUFFICIENT_BALANCE" });
    await page.getByRole("button", { name: "Ask (throwing action)" }).click();
    const thrown = page.getByTestId("thrown");
    await thrown.getByText(/digest/).waitFor();
    const { message, digest } = JSON.parse((await thrown.textContent()) ?? "{}") as {
      message: string;
      digest?: string;
    };
    // React's production text for "the specific message is omitted in production builds".
    expect(message).toMatch(/^Minified React error #441;/);
    expect(digest).toMatch(/^\w+$/);
    expect(venice.requests).toHaveLength(1);
    // Nothing of the Venice error reached the browser: not its code, status or texts.
    await settle(page);
    const seen = answers.join("\n");
    expect(seen).toContain(digest);
    expect(seen).not.toContain("INSUFFICIENT_BALANCE");
    expect(seen).not.toMatch(/balance|credits/i);
    expectNoKeyInTraffic();
    const revived = toVeniceError(Object.assign(new Error(message), { digest }));
    expect(revived.code).not.toBe("INSUFFICIENT_BALANCE");
    expect(revived.status).not.toBe(402);
    // The server logged the real error under the same digest.
    expect(app.output()).toContain(digest);
    expect(app.output()).toContain("INSUFFICIENT_BALANCE");
  });
});
