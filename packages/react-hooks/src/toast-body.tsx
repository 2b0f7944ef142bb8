import {
  formatVeniceError,
  type VeniceLocale,
  type VeniceLocaleTexts,
  veniceLocaleTexts,
} from "@venice-errors/core";
import type { ReactElement } from "react";
import type { VeniceClock } from "./clock.js";
import type { VeniceToast } from "./toast.js";
import { VeniceToastAction } from "./toast-action.js";
import { englishUi, type VeniceReactLocaleTexts } from "./ui-texts.js";

/** Props of `VeniceToastBody`. */
export interface VeniceToastBodyProps {
  toast: VeniceToast;
  /** Texts (e.g. `ko` from `@venice-errors/react-hooks/locales/ko`) or a registered name. */
  locale: VeniceLocale | VeniceLocaleTexts;
  clock: VeniceClock;
  onDismiss: () => void;
}

/**
 * Title, the server's detail line, description, action and a labelled dismiss button; every text
 * is rendered as text, never markup.
 */
export function VeniceToastBody({
  toast,
  locale,
  clock,
  onDismiss,
}: VeniceToastBodyProps): ReactElement {
  const texts: VeniceReactLocaleTexts = veniceLocaleTexts(locale);
  // The wait is shown by the counting button only, so the announced text never changes.
  const { title, description, detail } = formatVeniceError(toast.error, {
    locale: texts,
    retryInSeconds: 0,
  });
  return (
    <>
      <strong className="venice-toast-title">{title}</strong>
      {detail && <span className="venice-toast-detail">{detail}</span>}
      <span className="venice-toast-description">{description}</span>
      {/* Off: a ticking countdown must not be re-announced every second. */}
      <span className="venice-toast-actions" aria-live="off">
        <VeniceToastAction toast={toast} locale={locale} clock={clock} onDone={onDismiss} />
        <button
          type="button"
          className="venice-toast-dismiss"
          aria-label={(texts.ui ?? englishUi).dismiss}
          onClick={onDismiss}
        >
          ×
        </button>
      </span>
    </>
  );
}
