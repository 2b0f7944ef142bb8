// @vitest-environment node
// Runs in plain Node: importing the entries must not touch `window` or `document`.
import { renderToStaticMarkup, renderToString } from "react-dom/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  useVeniceError,
  VeniceErrorProvider,
  VeniceFieldError,
  VeniceToaster,
  veniceToasterCss,
} from "./index.js";
import { ko } from "./locales/ko.js";
import { reactHotToastAdapter } from "./react-hot-toast.js";
import { sonnerAdapter } from "./sonner.js";

afterEach(() => {
  vi.restoreAllMocks();
});

function Form() {
  const { message, fieldErrors, retryInSeconds } = useVeniceError();
  return (
    <p>
      {message?.title ?? "ok"} {retryInSeconds ?? "-"}
      <VeniceFieldError errors={fieldErrors} name="prompt" />
    </p>
  );
}

describe("server rendering", () => {
  it("runs without window", () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe("undefined");
    expect(typeof sonnerAdapter().show).toBe("function");
    expect(typeof reactHotToastAdapter().show).toBe("function");
  });

  it("renders the provider, hook and toaster without warnings", () => {
    const errorSpy = vi.spyOn(console, "error");
    const warnSpy = vi.spyOn(console, "warn");
    const html = renderToString(
      <VeniceErrorProvider locale={ko}>
        <Form />
        <VeniceToaster />
      </VeniceErrorProvider>,
    );
    expect(html).toContain('role="status"');
    expect(html).toContain('role="alert"');
    expect(html).toContain("prefers-color-scheme:dark");
    expect(errorSpy).not.toHaveBeenCalled();
    expect(warnSpy).not.toHaveBeenCalled();
  });

  it("keeps the stylesheet intact through HTML escaping", () => {
    expect(renderToStaticMarkup(<VeniceToaster />)).toContain(veniceToasterCss);
  });
});
