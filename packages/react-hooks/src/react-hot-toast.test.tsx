import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { toVeniceError } from "@venice-errors/core";
import { Toaster, toast } from "react-hot-toast";
import { afterEach, describe, expect, it, vi } from "vitest";
import { en } from "./locales/en.js";
import { ko } from "./locales/ko.js";
import { VeniceErrorProvider, type VeniceErrorProviderProps } from "./provider.js";
import { reactHotToastAdapter } from "./react-hot-toast.js";
import { fakeClock } from "./testing/fake-clock.js";
import { type HookRef, Probe } from "./testing/probe.js";

afterEach(() => {
  act(() => toast.remove());
  cleanup();
});

function setup(props: Omit<VeniceErrorProviderProps, "children"> = {}) {
  const hook: HookRef = {};
  render(
    <VeniceErrorProvider toast={reactHotToastAdapter()} {...props}>
      <Probe into={hook} />
      <Toaster />
    </VeniceErrorProvider>,
  );
  return hook;
}

describe("react-hot-toast adapter", () => {
  it.each([
    ["en", "API key not accepted", "Check API key"],
    ["ko", "API 키 인증 실패", "API 키 확인"],
  ] as const)(
    "%s: blocking errors are alerts with the catalog's link",
    async (locale, title, label) => {
      const hook = setup({ locale: { en, ko }[locale] });
      act(() => {
        hook.current?.handleError({ status: 401, body: { error: "Authentication failed" } });
      });
      const alert = await screen.findByRole("alert");
      expect(within(alert).getByText(title)).toBeTruthy();
      expect(alert.getAttribute("aria-live")).toBe("assertive");
      expect(within(alert).getByRole("link", { name: label }).getAttribute("target")).toBe(
        "_blank",
      );
    },
  );

  it("transient errors are polite status messages with a counting retry", async () => {
    const clock = fakeClock();
    const retry = vi.fn();
    const hook = setup({ clock });
    act(() => {
      hook.current?.handleError(
        toVeniceError({ status: 429, headers: { "retry-after": "3" }, body: "{}" }),
        { retry },
      );
    });
    const status = await screen.findByRole("status");
    expect(status.getAttribute("aria-live")).toBe("polite");
    expect(within(status).getByText("Too many requests")).toBeTruthy();
    const button = within(status).getByRole("button", {
      name: "Retry in 3 s",
    }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    act(() => clock.advance(3000));
    fireEvent.click(within(status).getByRole("button", { name: "Try again" }));
    expect(retry).toHaveBeenCalledTimes(1);
  });

  it("dismisses with the labelled button and dedupes", async () => {
    const hook = setup();
    act(() => {
      hook.current?.handleError(new TypeError("Failed to fetch"));
      hook.current?.handleError(new TypeError("Failed to fetch"));
    });
    expect(await screen.findAllByText("Could not reach Venice")).toHaveLength(1);
    fireEvent.click(screen.getByRole("button", { name: "Dismiss" }));
    // react-hot-toast keeps a dismissed toast for its exit animation (1 s), then removes it.
    await waitFor(() => expect(screen.queryByText("Could not reach Venice")).toBeNull(), {
      timeout: 3000,
    });
  });

  it("shows markup as text", async () => {
    const hook = setup();
    act(() => {
      hook.current?.handleError({
        status: 500,
        headers: { "x-request-id": "<b>id</b>" },
        body: { error: "Inference processing failed" },
      });
    });
    const text = await screen.findByText(/<b>id<\/b>/);
    expect(text.querySelector("b")).toBeNull();
  });
});
