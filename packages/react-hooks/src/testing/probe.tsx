import { type UseVeniceErrorResult, useVeniceError } from "../use-venice-error.js";

/** Where `Probe` puts the hook's latest result. */
export type HookRef = { current?: UseVeniceErrorResult };

/** Renders nothing; hands the test the `useVeniceError()` of a component inside the provider. */
export function Probe({ into }: { into: HookRef }): null {
  into.current = useVeniceError();
  return null;
}
