import { act, cleanup, fireEvent, screen, within } from "@testing-library/react";
import { ALL_VENICE_ERROR_CODES, catalog, toVeniceError, VeniceError } from "@venice-errors/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { en } from "./locales/en.js";
import { ko } from "./locales/ko.js";
import { fakeClock } from "./testing/fake-clock.js";
import { renderToaster } from "./testing/render-toaster.js";

afterEach(cleanup);

const alertRegion = () => screen.getByRole("alert");
const statusRegion = () => screen.getByRole("status");
const toastCount = () => document.querySelectorAll(".venice-toast").length;

const rateLimited = (seconds: number) =>
  toVeniceError({ status: 429, headers: { "retry-after": String(seconds) }, body: "{}" });

describe("every code in English and Korean", () => {
  const cases = [en, ko].flatMap((locale) =>
    ALL_VENICE_ERROR_CODES.filter((code) => code !== "ABORTED").map(
      (code) => [locale.locale, code, locale] as const,
    ),
  );

  it.each(cases)("%s %s: title, action and region", (_name, code, texts) => {
    const locale = texts;
    const entry = catalog[code];
    const { handle } = renderToaster({ locale });
    handle(new VeniceError({ code }));
    const blocking = entry.category === "auth" || entry.category === "billing";
    const region = blocking ? alertRegion() : statusRegion();
    expect(within(region).getByText(texts.codes[code].title)).toBeTruthy();
    expect(region.textContent).toContain(texts.codes[code].description);
    expect((blocking ? statusRegion() : alertRegion()).textContent).toBe("");
    if (entry.userAction === "none") {
      expect(region.querySelector(".venice-toast-action, .venice-toast-hint")).toBeNull();
      return;
    }
    const label = texts.actions[entry.userAction];
    const link = region.querySelector("a");
    if (link) {
      expect(link.textContent).toBe(label);
      expect(link.getAttribute("target")).toBe("_blank");
      expect(link.getAttribute("rel")).toBe("noopener noreferrer");
    } else {
      expect(within(region).getByText(label).className).toBe("venice-toast-hint");
    }
  });

  it.each([
    ["en", "Out of credits", "Add credits"],
    ["ko", "잔액 부족", "크레딧 추가"],
  ] as const)("%s: balance errors link to billing", (name, title, label) => {
    const { handle } = renderToaster({ locale: { en, ko }[name] });
    handle({
      status: 402,
      body: { error: "Insufficient USD or Diem balance to complete request." },
    });
    const region = alertRegion();
    expect(within(region).getByText(title)).toBeTruthy();
    const link = within(region).getByRole("link", { name: label });
    expect(link.getAttribute("href")).toBe("https://venice.ai/settings/api");
  });

  it("shows no toast for a cancel (the person's own doing)", () => {
    const { handle, hook } = renderToaster();
    handle(new DOMException("The operation was aborted.", "AbortError"));
    expect(hook.current?.error?.code).toBe("ABORTED");
    expect(toastCount()).toBe(0);
  });
});

describe("accessibility", () => {
  it("has both live regions before any toast arrives", () => {
    renderToaster();
    expect(statusRegion().getAttribute("aria-live")).toBe("polite");
    expect(statusRegion().getAttribute("aria-atomic")).toBe("false");
    expect(alertRegion().getAttribute("aria-atomic")).toBe("false");
  });

  it("labels the dismiss button in the locale and dismisses", () => {
    const { handle } = renderToaster({ locale: ko });
    handle(new TypeError("Failed to fetch"));
    fireEvent.click(screen.getByRole("button", { name: "닫기" }));
    expect(toastCount()).toBe(0);
  });

  it("does not steal focus", () => {
    const { handle } = renderToaster({}, {}, <input aria-label="prompt" />);
    const input = screen.getByLabelText("prompt");
    input.focus();
    handle({ status: 402, body: "{}" });
    handle(rateLimited(5));
    expect(document.activeElement).toBe(input);
  });

  it("dismisses with Escape from inside a toast", () => {
    const { handle } = renderToaster();
    handle(new TypeError("Failed to fetch"));
    fireEvent.keyDown(screen.getByRole("button", { name: "Dismiss" }), { key: "Escape" });
    expect(toastCount()).toBe(0);
  });

  it("keeps the countdown out of the live announcement", () => {
    const { handle } = renderToaster({ clock: fakeClock() });
    handle(rateLimited(12));
    const actions = statusRegion().querySelector(".venice-toast-actions");
    expect(actions?.getAttribute("aria-live")).toBe("off");
    expect(actions?.textContent).toContain("Retry in 12 s");
    expect(statusRegion().querySelector(".venice-toast-description")?.textContent).not.toMatch(
      /\d+ s/,
    );
  });
});

describe("retry countdown", () => {
  it("counts down live and enables retry at zero", () => {
    const clock = fakeClock();
    const retry = vi.fn();
    const { handle } = renderToaster({ clock });
    handle(rateLimited(12), { retry });
    const button = () =>
      screen.getByRole("button", { name: /Retry in|Try again/ }) as HTMLButtonElement;
    expect(button().textContent).toBe("Retry in 12 s");
    expect(button().disabled).toBe(true);
    fireEvent.click(button());
    expect(retry).not.toHaveBeenCalled();
    act(() => clock.advance(1000));
    expect(button().textContent).toBe("Retry in 11 s");
    act(() => clock.advance(11_000));
    expect(button().textContent).toBe("Try again");
    expect(button().disabled).toBe(false);
    fireEvent.click(button());
    expect(retry).toHaveBeenCalledTimes(1);
    expect(toastCount()).toBe(0);
  });

  it("counts in Korean", () => {
    const clock = fakeClock();
    const { handle } = renderToaster({ clock, locale: ko });
    handle(rateLimited(3), { retry: () => {} });
    expect(screen.getByRole("button", { name: "3초 후 다시 시도" })).toBeTruthy();
    act(() => clock.advance(3000));
    expect(screen.getByRole("button", { name: "다시 시도" })).toBeTruthy();
  });

  it("shows the wait as text when the app gave no retry callback", () => {
    const clock = fakeClock();
    const { handle } = renderToaster({ clock });
    handle(rateLimited(2));
    expect(screen.getByText("Retry in 2 s").tagName).toBe("SPAN");
    expect(screen.queryByRole("button", { name: /Retry/ })).toBeNull();
  });

  it("offers onAction for actions that are neither links nor retries", () => {
    const onAction = vi.fn();
    const { handle } = renderToaster();
    handle({ status: 404, body: { error: "Specified model not found" } }, { onAction });
    fireEvent.click(screen.getByRole("button", { name: "Choose another model" }));
    expect(onAction).toHaveBeenCalledWith("change_model");
  });
});

describe("lifetime and dedupe", () => {
  it("shows the same code and status once within the dedupe window", () => {
    const clock = fakeClock();
    const { handle } = renderToaster({ clock, dedupeMs: 5000, duration: 60_000 });
    handle(rateLimited(1));
    handle(rateLimited(1));
    expect(toastCount()).toBe(1);
    handle({ status: 500, body: "oops" }); // another code: shown
    expect(toastCount()).toBe(2);
    handle({ status: 502, body: "<html>Bad gateway</html>" }); // same code, other status: shown
    expect(toastCount()).toBe(3);
    act(() => clock.advance(5000));
    handle(rateLimited(1)); // window over: shown again, replacing the older one
    expect(toastCount()).toBe(3);
    expect(screen.getAllByText("Too many requests")).toHaveLength(1);
  });

  it("dismisses transient toasts after the countdown plus duration; blocking ones stay", () => {
    const clock = fakeClock();
    const { handle } = renderToaster({ clock, duration: 4000 });
    handle(rateLimited(10));
    handle({ status: 401, body: "{}" });
    act(() => clock.advance(13_750));
    expect(toastCount()).toBe(2);
    act(() => clock.advance(500));
    expect(within(statusRegion()).queryByText("Too many requests")).toBeNull();
    act(() => clock.advance(600_000));
    expect(within(alertRegion()).getByText("API key not accepted")).toBeTruthy();
    expect(clock.running).toBe(0); // nothing left to count or expire: no ticker runs
  });

  it("pauses auto-dismiss while the pointer is over the toaster", () => {
    const clock = fakeClock();
    const { handle } = renderToaster({ clock, duration: 1000 });
    handle(new TypeError("Failed to fetch"));
    const toaster = document.querySelector(".venice-toaster") as HTMLElement;
    fireEvent.mouseEnter(toaster);
    act(() => clock.advance(5000));
    expect(toastCount()).toBe(1);
    fireEvent.mouseLeave(toaster);
    act(() => clock.advance(750));
    expect(toastCount()).toBe(1);
    act(() => clock.advance(500));
    expect(toastCount()).toBe(0);
  });

  it("clear() dismisses the hook's toast", () => {
    const { handle, hook } = renderToaster();
    handle(new TypeError("Failed to fetch"));
    act(() => hook.current?.clear());
    expect(toastCount()).toBe(0);
  });

  it("clear() after a deduplicated repeat still dismisses the toast on screen", () => {
    const { handle, hook } = renderToaster();
    handle(new TypeError("Failed to fetch"));
    handle(new TypeError("Failed to fetch"));
    act(() => hook.current?.clear());
    expect(toastCount()).toBe(0);
  });

  // Issue 11 #11: "Out of credits" clicked twice, 1.5 s apart, the first toast cleared when the
  // retry starts: the second failure must show.
  it("a toast cleared by clear() does not hold back the next identical error", () => {
    const clock = fakeClock();
    const { handle, hook } = renderToaster({ clock, dedupeMs: 5000 });
    const outOfCredits = { status: 402, body: { error: "Insufficient USD or Diem balance" } };
    handle(outOfCredits);
    act(() => clock.advance(1500));
    act(() => hook.current?.clear()); // the app retries
    expect(toastCount()).toBe(0);
    handle(outOfCredits);
    expect(within(alertRegion()).getByText("Out of credits")).toBeTruthy();
  });

  it("a toast the person dismissed, or that timed out, does not hold back a repeat", () => {
    const clock = fakeClock();
    const { handle } = renderToaster({ clock, dedupeMs: 60_000, duration: 1000 });
    handle(new TypeError("Failed to fetch"));
    fireEvent.click(screen.getByRole("button", { name: "Dismiss" }));
    expect(toastCount()).toBe(0);
    handle(new TypeError("Failed to fetch"));
    expect(toastCount()).toBe(1);
    act(() => clock.advance(1250)); // timed out
    expect(toastCount()).toBe(0);
    handle(new TypeError("Failed to fetch"));
    expect(toastCount()).toBe(1);
  });

  it("toast: false keeps the error inline only", () => {
    const { handle, hook } = renderToaster();
    handle(new TypeError("Failed to fetch"), { toast: false });
    expect(hook.current?.error?.code).toBe("CONNECTION_ERROR");
    expect(toastCount()).toBe(0);
  });
});

describe("text only", () => {
  it("shows markup from the server as text", () => {
    const { handle } = renderToaster();
    handle({
      status: 503,
      headers: { "x-request-id": "<img src=x onerror=alert(1)>" },
      body: { error: "<b>down</b>", recommended_model: "<script>alert(1)</script>" },
    });
    const region = statusRegion();
    expect(region.querySelector("img, script, b")).toBeNull();
    expect(region.textContent).toContain("<img src=x onerror=alert(1)>");
    expect(region.textContent).toContain("<script>alert(1)</script>");
  });
});

describe("the server's detail line (issue 15 item 4)", () => {
  it("shows a 400's server text under the title, escaped, in Korean too", () => {
    const attack = '<img src=x onerror=alert(1)> Invalid value for "model"';
    for (const locale of [en, ko]) {
      const { handle, unmount } = renderToaster({ locale });
      handle({ status: 400, body: { error: attack } });
      const toast = document.querySelector(".venice-toast") as HTMLElement;
      expect(toast.querySelector("img")).toBeNull();
      const title = toast.querySelector(".venice-toast-title");
      const detail = toast.querySelector(".venice-toast-detail");
      expect(title?.textContent).toBe(locale.codes.INVALID_REQUEST.title);
      expect(detail?.textContent).toBe(attack);
      expect(title?.nextElementSibling).toBe(detail);
      unmount();
    }
  });

  it("shows no detail line when the server only repeated the catalog", () => {
    const { handle } = renderToaster();
    handle({ status: 400, body: { error: "Invalid request parameters" } });
    expect(document.querySelector(".venice-toast-detail")).toBeNull();
  });
});

describe("styles", () => {
  it("renders the default stylesheet once, with dark mode, unless unstyled", () => {
    renderToaster();
    const styles = document.querySelectorAll("style");
    expect(styles).toHaveLength(1);
    expect(styles[0]?.textContent).toContain("prefers-color-scheme:dark");
    cleanup();
    renderToaster({}, { unstyled: true, className: "mine" });
    expect(document.querySelectorAll("style")).toHaveLength(0);
    expect(document.querySelector(".mine")).not.toBeNull();
  });
});
