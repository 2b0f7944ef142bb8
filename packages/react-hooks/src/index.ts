"use client";

export {
  registerVeniceLocale,
  type VeniceError,
  type VeniceErrorMessage,
  type VeniceFieldErrors,
  type VeniceLocale,
  type VeniceLocaleTexts,
} from "@venice-errors/core";
export { systemClock, type VeniceClock } from "./clock.js";
export type { HandleErrorOptions } from "./context.js";
export {
  VeniceFieldError,
  type VeniceFieldErrorProps,
  type VeniceFieldOptions,
  veniceFieldErrorId,
  veniceFieldProps,
} from "./field-error.js";
export { VeniceErrorProvider, type VeniceErrorProviderProps } from "./provider.js";
export { veniceToasterCss } from "./styles.js";
export {
  isBlockingError,
  type VeniceActionKind,
  type VeniceToast,
  type VeniceToastAdapter,
  type VeniceToastContext,
} from "./toast.js";
export { VeniceToastAction, type VeniceToastActionProps } from "./toast-action.js";
export { VeniceToastBody, type VeniceToastBodyProps } from "./toast-body.js";
export { VeniceToaster, type VeniceToasterProps } from "./toaster.js";
export type { VeniceReactLocaleTexts, VeniceUiTexts } from "./ui-texts.js";
export { type UseVeniceErrorResult, useVeniceError } from "./use-venice-error.js";
export { useVeniceToasts } from "./use-venice-toasts.js";
