import {
  catalog,
  isVeniceError,
  isVeniceErrorCode,
  type VeniceError,
  type VeniceErrorCode,
} from "@venice-errors/core";

/** The matchers' signatures, for augmenting your test runner's `Matchers` interface. */
export interface VeniceMatchers<R = unknown> {
  /** The value is a `VeniceError` (from any copy of core), with `code` when given. */
  toBeVeniceError(code?: VeniceErrorCode): R;
  /** The value is a `VeniceError` whose `retryable` is true. */
  toBeRetryable(): R;
  /** The value is a `VeniceError` with a server wait hint: exactly `ms` when given. */
  toHaveRetryAfter(ms?: number): R;
}

/** What a matcher returns to `expect` (jest and vitest agree on this shape). */
export interface VeniceMatcherResult {
  pass: boolean;
  message: () => string;
  actual?: unknown;
  expected?: unknown;
}

/** The part of jest's/vitest's matcher context these matchers read. */
export interface VeniceMatcherContext {
  isNot?: boolean;
}

function describeValue(value: unknown): string {
  if (isVeniceError(value)) return describeError(value);
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (value === undefined) return "undefined";
  if (typeof value === "string") return JSON.stringify(value);
  try {
    const json = JSON.stringify(value);
    return json === undefined
      ? String(value)
      : json.length > 120
        ? `${json.slice(0, 117)}...`
        : json;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

function describeError(error: VeniceError): string {
  const message = error.message.length > 80 ? `${error.message.slice(0, 77)}...` : error.message;
  return `VeniceError ${error.code} (status ${error.status}): ${JSON.stringify(message)}`;
}

function seconds(ms: number): string {
  return `${ms} ms (${Math.round(ms / 100) / 10} s)`;
}

/** Fails with a clear message when the value is not a `VeniceError`. */
function notAVeniceError(received: unknown, wanted: string): VeniceMatcherResult {
  return {
    pass: false,
    message: () => `expected ${wanted}, but received ${describeValue(received)}`,
    actual: received,
  };
}

/**
 * Matchers for `expect.extend` in vitest or jest:
 * `expect.extend(veniceMatchers)`, then `expect(error).toBeVeniceError("RATE_LIMIT_EXCEEDED")`.
 */
export const veniceMatchers = {
  toBeVeniceError(
    this: VeniceMatcherContext,
    received: unknown,
    code?: VeniceErrorCode,
  ): VeniceMatcherResult {
    if (code !== undefined && !isVeniceErrorCode(code)) {
      return {
        pass: false,
        message: () =>
          `toBeVeniceError: ${JSON.stringify(code)} is not a Venice error code (see ALL_VENICE_ERROR_CODES)`,
      };
    }
    const wanted = code === undefined ? "a VeniceError" : `a VeniceError with code ${code}`;
    if (!isVeniceError(received)) {
      if (this.isNot) {
        return {
          pass: false,
          message: () => `expected ${describeValue(received)} not to be ${wanted}`,
        };
      }
      return notAVeniceError(received, wanted);
    }
    const pass = code === undefined || received.code === code;
    return {
      pass,
      message: () =>
        pass
          ? `expected ${describeError(received)} not to be ${wanted}`
          : `expected ${wanted} (status ${catalog[code as VeniceErrorCode].status}), but received ${describeError(received)}`,
      actual: received.code,
      expected: code,
    };
  },

  toBeRetryable(this: VeniceMatcherContext, received: unknown): VeniceMatcherResult {
    if (!isVeniceError(received)) return notAVeniceError(received, "a retryable VeniceError");
    const pass = received.retryable;
    return {
      pass,
      message: () =>
        pass
          ? `expected ${describeError(received)} not to be retryable, but it is (category ${received.category})`
          : `expected ${describeError(received)} to be retryable, but it is not (category ${received.category}, action ${received.userAction})`,
      actual: received.retryable,
      expected: !this.isNot,
    };
  },

  toHaveRetryAfter(
    this: VeniceMatcherContext,
    received: unknown,
    ms?: number,
  ): VeniceMatcherResult {
    const wanted =
      ms === undefined
        ? "a VeniceError with a retry hint"
        : `a VeniceError with retryAfterMs ${seconds(ms)}`;
    if (!isVeniceError(received)) return notAVeniceError(received, wanted);
    const actual = received.retryAfterMs;
    const pass = actual !== undefined && (ms === undefined || actual === ms);
    const got = actual === undefined ? "no retry hint" : `retryAfterMs ${seconds(actual)}`;
    return {
      pass,
      message: () =>
        pass
          ? `expected ${describeError(received)} not to have ${ms === undefined ? "a retry hint" : `retryAfterMs ${seconds(ms)}`}, but it has ${got}`
          : `expected ${wanted}, but ${received.code} has ${got}`,
      actual,
      expected: ms,
    };
  },
};
