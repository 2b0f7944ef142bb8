import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { launchChromium } from "../../../tests/helpers/chromium.js";
import { ensurePageBuilt, screenshot } from "./browser.js";

type Viewport = { width: number; height: number };

export interface TabOptions {
  colorScheme?: "light" | "dark";
  /** Default: the started server's `url`. */
  url?: string;
  /** Default: the one given to `chromiumTabs`. */
  viewport?: Viewport;
}

/**
 * For the calling test file: starts `start()` and Chromium before its tests and stops both after.
 * `open()` gives a test a fresh tab (fresh storage, no earlier toasts) on the demo, ready to use.
 * After each test the tab closes, a failed test leaves a screenshot, and an error the page threw
 * fails the test.
 */
export function chromiumTabs<Server extends { url?: string; close(): Promise<void> }>(
  start: () => Promise<Server>,
  defaults: { viewport: Viewport },
): { readonly server: Server; open(options?: TabOptions): Promise<Page> } {
  let server: Server | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    ensurePageBuilt();
    server = await start();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === "fail" && page) {
      await screenshot(page, `failed-${task.name.replace(/\W+/g, "-")}`).catch(() => undefined);
    }
    await context?.close();
    context = undefined;
    page = undefined;
    expect(pageErrors).toEqual([]);
  });

  return {
    get server() {
      if (!server) throw new Error("the server starts in beforeAll");
      return server;
    },
    async open(options = {}) {
      const url = options.url ?? server?.url;
      if (!browser || !url)
        throw new Error("open() needs the started server and browser, or a url");
      context = await browser.newContext({
        viewport: options.viewport ?? defaults.viewport,
        locale: "en-US",
        colorScheme: options.colorScheme ?? "light",
      });
      page = await context.newPage();
      pageErrors = [];
      page.on("pageerror", (error) => pageErrors.push(error.message));
      await page.goto(url);
      await page.getByRole("heading", { name: "Gondola" }).waitFor();
      // The mode badge appears once the backend said which Venice it talks to.
      await page.getByTestId("mode").waitFor();
      return page;
    },
  };
}
