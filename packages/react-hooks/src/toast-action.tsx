import { formatVeniceError, type VeniceLocale, type VeniceLocaleTexts } from "@venice-errors/core";
import type { ReactElement } from "react";
import type { VeniceClock } from "./clock.js";
import type { VeniceToast } from "./toast.js";
import { useCountdown } from "./use-countdown.js";

/** Props of `VeniceToastAction`. */
export interface VeniceToastActionProps {
  toast: VeniceToast;
  /** Texts (e.g. `ko` from `@venice-errors/react-hooks/locales/ko`) or a registered name. */
  locale: VeniceLocale | VeniceLocaleTexts;
  clock: VeniceClock;
  /** Called after the button ran its callback (the toaster dismisses the toast). */
  onDone?: () => void;
  className?: string;
  /** Extra `data-*` attributes, e.g. `{ "data-button": "" }` for sonner's button styles. */
  dataAttributes?: Record<`data-${string}`, string>;
}

/**
 * The one thing to do about a toast's error: a link (billing, support, docs), a retry button
 * that counts down and enables itself at zero, a button for `onAction`, or the advice as text.
 */
export function VeniceToastAction(props: VeniceToastActionProps): ReactElement | null {
  const { toast, onDone, className = "venice-toast-action", dataAttributes } = props;
  const seconds = useCountdown(toast.retryAt, props.clock);
  const action = formatVeniceError(toast.error, {
    locale: props.locale,
    retryInSeconds: seconds ?? 0,
  }).action;
  if (!action) return null;
  if (action.href) {
    return (
      <a
        {...dataAttributes}
        className={className}
        href={action.href}
        target="_blank"
        rel="noopener noreferrer"
      >
        {action.label}
      </a>
    );
  }
  const { retry, onAction } = toast;
  const run =
    toast.error.retryable && retry ? retry : onAction ? () => onAction(action.kind) : undefined;
  if (!run) return <span className="venice-toast-hint">{action.label}</span>;
  return (
    <button
      {...dataAttributes}
      type="button"
      className={className}
      disabled={(seconds ?? 0) > 0}
      onClick={() => {
        run();
        onDone?.();
      }}
    >
      {action.label}
    </button>
  );
}
