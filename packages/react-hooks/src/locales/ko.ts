import { ko as coreKo } from "@venice-errors/core/locales/ko";
import type { VeniceReactLocaleTexts } from "../ui-texts.js";

/**
 * Korean for `<VeniceErrorProvider locale={ko}>`: core's Korean texts and the toaster's labels.
 * Also accepted by `formatVeniceError` and `registerVeniceLocale`.
 */
export const ko: VeniceReactLocaleTexts = { ...coreKo, ui: { dismiss: "닫기" } };
