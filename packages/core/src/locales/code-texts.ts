import type { VeniceErrorCode } from "../catalog.js";
import type { VeniceLocaleTexts } from "./types.js";

/** A locale's texts for each code, written as `CODE: [title, description]` rows. */
export function codeTexts(
  rows: Record<VeniceErrorCode, readonly [title: string, description: string]>,
): VeniceLocaleTexts["codes"] {
  const codes = {} as VeniceLocaleTexts["codes"];
  for (const [code, [title, description]] of Object.entries(rows)) {
    codes[code as VeniceErrorCode] = { title, description };
  }
  return codes;
}
