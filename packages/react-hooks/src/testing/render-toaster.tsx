import { act, type RenderResult, render } from "@testing-library/react";
import type { VeniceError } from "@venice-errors/core";
import type { ReactNode } from "react";
import type { HandleErrorOptions } from "../context.js";
import { VeniceErrorProvider, type VeniceErrorProviderProps } from "../provider.js";
import { VeniceToaster, type VeniceToasterProps } from "../toaster.js";
import { type HookRef, Probe } from "./probe.js";

export interface ToasterHarness extends RenderResult {
  hook: HookRef;
  /** `handleError` inside `act`. */
  handle: (input: unknown, options?: HandleErrorOptions) => VeniceError | undefined;
}

/** Renders a provider with a toaster and gives the test the hook of a component inside. */
export function renderToaster(
  props: Omit<VeniceErrorProviderProps, "children"> = {},
  toaster: VeniceToasterProps = {},
  extra?: ReactNode,
): ToasterHarness {
  const hook: HookRef = {};
  const view = render(
    <VeniceErrorProvider {...props}>
      <Probe into={hook} />
      {extra}
      <VeniceToaster {...toaster} />
    </VeniceErrorProvider>,
  );
  const handle = (input: unknown, options?: HandleErrorOptions) => {
    let error: VeniceError | undefined;
    act(() => {
      error = hook.current?.handleError(input, options);
    });
    return error;
  };
  return { ...view, hook, handle };
}
