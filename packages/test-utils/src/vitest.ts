import type { VeniceErrorCode } from "@venice-errors/core";
import { expect } from "vitest";
import { type VeniceMatchers, veniceMatchers } from "./matchers.js";

export {
  type VeniceMatcherContext,
  type VeniceMatcherResult,
  type VeniceMatchers,
  veniceMatchers,
} from "./matchers.js";

expect.extend(veniceMatchers);

declare module "vitest" {
  // Declaration merging needs the same type parameter as vitest's own `Matchers<T>`.
  interface Matchers<T> extends VeniceMatchers<T> {}
  interface AsymmetricMatchersContaining {
    toBeVeniceError(code?: VeniceErrorCode): unknown;
    toBeRetryable(): unknown;
    toHaveRetryAfter(ms?: number): unknown;
  }
}
