import { en as coreEn } from "@venice-errors/core/locales/en";
import { englishUi, type VeniceReactLocaleTexts } from "../ui-texts.js";

/** English (the default): core's English texts and the toaster's labels, to extend or override. */
export const en: VeniceReactLocaleTexts = { ...coreEn, ui: englishUi };
