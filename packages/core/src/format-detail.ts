import { catalog } from "./catalog.js";
import type { VeniceError } from "./venice-error.js";

/** Longest detail line, in characters (the server's text can be a whole page). */
export const MAX_DETAIL_LENGTH = 200;

/** Lower case, trailing dots and spaces removed: "Rate limit exceeded." says what "rate limit exceeded" says. */
function comparable(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === "." || text[end - 1] === " ")) end--;
  return text.slice(0, end).toLowerCase();
}

/**
 * The server's own words, when they say more than the catalog's text for the code (`Invalid
 * value for "model": …`, "Did you mean: llama-3.3-70b?"): one line of plain text, whitespace
 * collapsed, cut to `MAX_DETAIL_LENGTH`. `undefined` when no server answered or it said nothing new.
 */
export function serverDetail(error: VeniceError): string | undefined {
  const { message } = error;
  if (!(error.status > 0) || error.matchedBy === "client" || typeof message !== "string") {
    return undefined;
  }
  // Bounded before any regex runs: the message of a plain-text body can be long.
  const said = message
    .slice(0, MAX_DETAIL_LENGTH * 4)
    .replace(/\s+/g, " ")
    .trim();
  const known = catalog[error.code]?.message ?? "";
  const words = comparable(said);
  if (!words || comparable(known).includes(words)) return undefined;
  if (said.length <= MAX_DETAIL_LENGTH) return said;
  let cut = MAX_DETAIL_LENGTH - 1;
  // Never split a surrogate pair (an emoji) in two.
  const last = said.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  return `${said.slice(0, cut).trimEnd()}…`;
}
