import { formatVeniceError, type VeniceLocale } from "@venice-errors/core";
import type { ReactElement } from "react";
import type { VeniceClock } from "./clock.js";
import type { VeniceToast } from "./toast.js";
import { VeniceToastAction } from "./toast-action.js";
import { uiTexts } from "./ui-texts.js";

/** Props of `VeniceToastBody`. */
export interface VeniceToastBodyProps {
  toast: VeniceToast;
  locale: VeniceLocale;
  clock: VeniceClock;
  onDismiss: () => void;
}

/** Title, description, action and a labelled dismiss button; every text rendered as text. */
export function VeniceToastBody({
  toast,
  locale,
  clock,
  onDismiss,
}: VeniceToastBodyProps): ReactElement {
  // The wait is shown by the counting button only, so the announced text never changes.
  const { title, description } = formatVeniceError(toast.error, { locale, retryInSeconds: 0 });
  return (
    <>
      <strong className="venice-toast-title">{title}</strong>
      <span className="venice-toast-description">{description}</span>
      {/* Off: a ticking countdown must not be re-announced every second. */}
      <span className="venice-toast-actions" aria-live="off">
        <VeniceToastAction toast={toast} locale={locale} clock={clock} onDone={onDismiss} />
        <button
          type="button"
          className="venice-toast-dismiss"
          aria-label={uiTexts[locale].dismiss}
          onClick={onDismiss}
        >
          ×
        </button>
      </span>
    </>
  );
}
