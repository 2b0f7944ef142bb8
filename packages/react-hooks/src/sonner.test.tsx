import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { toVeniceError } from "@venice-errors/core";
import { Toaster, toast } from "sonner";
import { afterEach, describe, expect, it, vi } from "vitest";
import { en } from "./locales/en.js";
import { ko } from "./locales/ko.js";
import { VeniceErrorProvider, type VeniceErrorProviderProps } from "./provider.js";
import { sonnerAdapter } from "./sonner.js";
import { fakeClock } from "./testing/fake-clock.js";
import { type HookRef, Probe } from "./testing/probe.js";

afterEach(() => {
  act(() => {
    toast.dismiss();
  });
  cleanup();
});

function setup(props: Omit<VeniceErrorProviderProps, "children"> = {}) {
  const hook: HookRef = {};
  render(
    <VeniceErrorProvider toast={sonnerAdapter()} {...props}>
      <Probe into={hook} />
      <Toaster />
    </VeniceErrorProvider>,
  );
  return hook;
}

describe("sonner adapter", () => {
  it.each([
    ["en", "Out of credits", "Add credits"],
    ["ko", "잔액 부족", "크레딧 추가"],
  ] as const)("%s: maps title, description and the billing link", async (locale, title, label) => {
    const hook = setup({ locale: { en, ko }[locale] });
    act(() => {
      hook.current?.handleError({ status: 402, body: { error: "Insufficient balance" } });
    });
    expect(await screen.findByText(title)).toBeTruthy();
    const link = screen.getByRole("link", { name: label });
    expect(link.getAttribute("href")).toBe("https://venice.ai/settings/api");
    expect(link.getAttribute("rel")).toBe("noopener noreferrer");
    expect(link.hasAttribute("data-button")).toBe(true);
  });

  it("counts the retry down and calls retry at zero", async () => {
    const clock = fakeClock();
    const retry = vi.fn();
    const hook = setup({ clock });
    act(() => {
      hook.current?.handleError(
        toVeniceError({ status: 429, headers: { "retry-after": "2" }, body: "{}" }),
        { retry },
      );
    });
    const button = (await screen.findByRole("button", {
      name: "Retry in 2 s",
    })) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    act(() => clock.advance(2000));
    const ready = screen.getByRole("button", { name: "Try again" });
    fireEvent.click(ready);
    expect(retry).toHaveBeenCalledTimes(1);
  });

  it("dedupes and dismisses through sonner", async () => {
    const hook = setup();
    act(() => {
      hook.current?.handleError(new TypeError("Failed to fetch"));
      hook.current?.handleError(new TypeError("Failed to fetch"));
    });
    expect(await screen.findAllByText("Could not reach Venice")).toHaveLength(1);
    act(() => hook.current?.clear());
    await waitFor(() => expect(screen.queryByText("Could not reach Venice")).toBeNull());
  });

  it("a toast closed in sonner does not hold back the next identical error", async () => {
    const hook = setup({ dedupeMs: 60_000 });
    act(() => {
      hook.current?.handleError(new TypeError("Failed to fetch"));
    });
    await screen.findByText("Could not reach Venice");
    fireEvent.click(screen.getByRole("button", { name: "Close toast" }));
    await waitFor(() => expect(screen.queryByText("Could not reach Venice")).toBeNull());
    act(() => {
      hook.current?.handleError(new TypeError("Failed to fetch"));
    });
    expect(await screen.findByText("Could not reach Venice")).toBeTruthy();
  });

  it("shows the server's detail under the title, as text", async () => {
    const hook = setup();
    act(() => {
      hook.current?.handleError({ status: 400, body: { error: "<b>Invalid value</b> for model" } });
    });
    const detail = await screen.findByText("<b>Invalid value</b> for model");
    expect(detail.querySelector("b")).toBeNull();
    expect(detail.className).toBe("venice-toast-detail");
  });

  it("shows markup as text", async () => {
    const hook = setup();
    act(() => {
      hook.current?.handleError({
        status: 422,
        body: {
          error: { message: "x", type: "provider_content_policy", recommended_model: "<i>m</i>" },
        },
      });
    });
    const description = await screen.findByText(/<i>m<\/i>/);
    expect(description.querySelector("i")).toBeNull();
  });
});
