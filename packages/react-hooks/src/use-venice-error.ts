import {
  formatVeniceError,
  toVeniceError,
  type VeniceError,
  type VeniceErrorMessage,
  type VeniceFieldErrors,
} from "@venice-errors/core";
import { useCallback, useContext, useMemo, useRef, useState } from "react";
import { type HandleErrorOptions, VeniceErrorContext } from "./context.js";
import { retryAtOf } from "./countdown.js";
import { useCountdown } from "./use-countdown.js";

/** What `useVeniceError()` returns. */
export interface UseVeniceErrorResult {
  /** The last error handled by this hook, or `null`. */
  error: VeniceError | null;
  /** Classifies anything (a thrown fetch error, a relayed JSON error, an SDK error), toasts it, keeps it. */
  handleError: (input: unknown, options?: HandleErrorOptions) => VeniceError;
  /** Forgets the error and dismisses its toast. */
  clear: () => void;
  /** Title, description and action in the provider's locale; the label counts down live. */
  message: VeniceErrorMessage | null;
  /** Seconds until a retry makes sense, counting down to 0; `undefined` when the server gave no wait. */
  retryInSeconds: number | undefined;
  /** Validation messages by dotted field path (`"messages.0.content"`); `""` is the whole request. */
  fieldErrors: VeniceFieldErrors;
}

interface State {
  error: VeniceError;
  retryAt?: number;
}

const NO_FIELD_ERRORS: VeniceFieldErrors = Object.freeze({}) as VeniceFieldErrors;

/**
 * The last error of this component, in words a person can act on. Each call keeps its own
 * error; toasts, locale and dedupe come from the nearest `VeniceErrorProvider`.
 */
export function useVeniceError(): UseVeniceErrorResult {
  const context = useContext(VeniceErrorContext);
  const [state, setState] = useState<State | null>(null);
  const toastId = useRef<string | undefined>(undefined);

  const handleError = useCallback(
    (input: unknown, options: HandleErrorOptions = {}) => {
      const error = toVeniceError(input);
      const retryAt = retryAtOf(error, context.clock.now());
      toastId.current = context.report(error, options, retryAt);
      setState(retryAt === undefined ? { error } : { error, retryAt });
      return error;
    },
    [context],
  );

  const clear = useCallback(() => {
    if (toastId.current !== undefined) context.dismiss(toastId.current);
    toastId.current = undefined;
    setState(null);
  }, [context]);

  const retryInSeconds = useCountdown(state?.retryAt, context.clock);
  const message = useMemo(
    () =>
      state &&
      formatVeniceError(state.error, {
        locale: context.locale,
        retryInSeconds: retryInSeconds ?? 0,
      }),
    [state, context.locale, retryInSeconds],
  );

  return {
    error: state?.error ?? null,
    handleError,
    clear,
    message,
    retryInSeconds,
    fieldErrors: state?.error.fieldErrors ?? NO_FIELD_ERRORS,
  };
}
