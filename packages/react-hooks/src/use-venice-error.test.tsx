import { act, cleanup, render, renderHook, screen } from "@testing-library/react";
import { toVeniceError, VeniceError } from "@venice-errors/core";
import { type ReactNode, useEffect } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ko } from "./locales/ko.js";
import { VeniceErrorProvider, type VeniceErrorProviderProps } from "./provider.js";
import { fakeClock } from "./testing/fake-clock.js";
import { VeniceToaster } from "./toaster.js";
import { useVeniceError } from "./use-venice-error.js";

afterEach(cleanup);

function setup(props: Omit<VeniceErrorProviderProps, "children"> = {}) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <VeniceErrorProvider {...props}>{children}</VeniceErrorProvider>
  );
  return renderHook(() => useVeniceError(), { wrapper });
}

const rateLimited = (seconds: number) =>
  toVeniceError({
    status: 429,
    headers: { "retry-after": String(seconds) },
    body: { error: "Rate limit exceeded" },
  });

describe("useVeniceError", () => {
  it("starts empty", () => {
    const { result } = setup();
    expect(result.current.error).toBeNull();
    expect(result.current.message).toBeNull();
    expect(result.current.retryInSeconds).toBeUndefined();
    expect(result.current.fieldErrors).toEqual({});
  });

  it.each<[string, unknown, string]>([
    ["a thrown fetch TypeError", new TypeError("Failed to fetch"), "CONNECTION_ERROR"],
    [
      "a relayed JSON error from the app's server",
      JSON.parse(
        JSON.stringify(
          toVeniceError({
            status: 402,
            body: { error: "Insufficient USD or Diem balance to complete request." },
          }),
        ),
      ),
      "INSUFFICIENT_BALANCE",
    ],
    [
      "an openai APIError",
      Object.assign(new Error("401 Invalid API key"), {
        status: 401,
        headers: {},
        error: { message: "Invalid API key", type: "authentication_error" },
      }),
      "AUTHENTICATION_FAILED",
    ],
    [
      "an AI SDK APICallError",
      Object.assign(new Error("Bad Request"), {
        statusCode: 400,
        responseHeaders: {},
        responseBody: JSON.stringify({
          error: { message: "too long", code: "context_length_exceeded" },
        }),
      }),
      "TOO_MANY_TOKENS",
    ],
    [
      "a {status, body} object",
      { status: 404, body: { error: "Specified model not found" } },
      "MODEL_NOT_FOUND",
    ],
    ["anything else", "boom", "UNKNOWN_ERROR"],
  ])("handleError accepts %s", (_, input, code) => {
    const { result } = setup();
    let returned: VeniceError | undefined;
    act(() => {
      returned = result.current.handleError(input);
    });
    expect(returned?.code).toBe(code);
    expect(result.current.error).toBe(returned);
    expect(result.current.message?.title).toBeTruthy();
    expect(result.current.message?.title).not.toMatch(/\{|Error: \d/);
  });

  it("formats in the provider's locale", () => {
    const { result } = setup({ locale: ko });
    act(() => {
      result.current.handleError({ status: 402, body: { error: "Insufficient balance" } });
    });
    expect(result.current.message).toMatchObject({
      title: "잔액 부족",
      action: { kind: "add_credits", label: "크레딧 추가", href: "https://venice.ai/settings/api" },
    });
  });

  it("counts retryInSeconds down with the injected clock and relabels the action", () => {
    const clock = fakeClock();
    const { result } = setup({ clock });
    act(() => {
      result.current.handleError(rateLimited(12));
    });
    expect(result.current.retryInSeconds).toBe(12);
    expect(result.current.message?.action).toMatchObject({
      label: "Retry in 12 s",
      retryInSeconds: 12,
    });
    expect(result.current.message?.description).toContain("12 seconds");
    act(() => clock.advance(1000));
    expect(result.current.retryInSeconds).toBe(11);
    expect(result.current.message?.action?.label).toBe("Retry in 11 s");
    act(() => clock.advance(10_500));
    expect(result.current.retryInSeconds).toBe(1);
    act(() => clock.advance(500));
    expect(result.current.retryInSeconds).toBe(0);
    expect(result.current.message?.action).toEqual({ kind: "wait_and_retry", label: "Try again" });
    expect(clock.running).toBe(0); // the ticker stops at zero
  });

  it("clear() forgets the error and stops the countdown", () => {
    const clock = fakeClock();
    const { result } = setup({ clock });
    act(() => {
      result.current.handleError(rateLimited(5));
    });
    act(() => result.current.clear());
    expect(result.current.error).toBeNull();
    expect(result.current.retryInSeconds).toBeUndefined();
    expect(clock.running).toBe(0);
  });

  it("exposes field errors of validation failures", () => {
    const { result } = setup();
    act(() => {
      result.current.handleError({
        status: 400,
        body: {
          error: "Invalid request parameters",
          details: {
            _errors: [],
            messages: { _errors: [], "0": { _errors: [], content: { _errors: ["Required"] } } },
          },
        },
      });
    });
    expect(result.current.error?.code).toBe("INVALID_REQUEST");
    expect(result.current.fieldErrors).toEqual({ "messages.0.content": ["Required"] });
  });

  it("calls onError for every error, also deduplicated ones", () => {
    const onError = vi.fn();
    const { result } = setup({ onError });
    act(() => {
      result.current.handleError(rateLimited(3));
      result.current.handleError(rateLimited(3));
    });
    expect(onError).toHaveBeenCalledTimes(2);
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ code: "RATE_LIMIT_EXCEEDED" });
  });

  it("works without a provider (English, no toasts)", () => {
    const { result } = renderHook(() => useVeniceError());
    act(() => {
      result.current.handleError(new TypeError("fetch failed"));
    });
    expect(result.current.error?.code).toBe("CONNECTION_ERROR");
    expect(result.current.message?.action?.label).toBe("Try again");
  });

  it("keeps handleError stable across renders", () => {
    const { result, rerender } = setup();
    const first = result.current.handleError;
    rerender();
    expect(result.current.handleError).toBe(first);
  });
});

// Issue 11 #10: an error from a newer copy of the package, with a code this catalog lacks.
function fromNewerCopy(): VeniceError {
  // Branded (any copy's VeniceError is accepted as is); its getters answer from its own catalog.
  const newer = new VeniceError({ code: "UNKNOWN_ERROR", status: 402 });
  Object.defineProperties(newer, {
    code: { value: "X402_SOMETHING_NEW" },
    category: { value: "billing" },
    userAction: { value: "top_up_wallet" },
    docsUrl: { value: "https://docs.venice.ai/overview/guides/x402" },
  });
  return newer;
}

function ShowsNewerError() {
  const { handleError, message } = useVeniceError();
  useEffect(() => {
    handleError(fromNewerCopy());
  }, [handleError]);
  return <p data-testid="inline">{message?.title}</p>;
}

describe("an error whose code the catalog lacks", () => {
  it("renders the status's generic texts in the hook and the toast instead of crashing", () => {
    render(
      <VeniceErrorProvider locale={ko}>
        <ShowsNewerError />
        <VeniceToaster />
      </VeniceErrorProvider>,
    );
    expect(screen.getByTestId("inline").textContent).toBe("잔액 부족");
    const toast = screen.getByRole("alert");
    expect(toast.textContent).toContain("잔액 부족");
    expect(screen.getByRole("link", { name: "크레딧 추가" })).toBeTruthy();
  });
});
