import { relayText } from "./relay-json.js";
import { toVeniceError } from "./to-venice-error.js";

/**
 * The `onError` of the AI SDK's `toUIMessageStreamResponse` / `createUIMessageStream`: writes the
 * error as the stream's `errorText` (`{"error": <toJSON()>}`), so that `useChat`'s `error`
 * (`new Error(errorText)`) revives with `toVeniceError(error)` to the same code, status,
 * `retryAfterMs`, `requestId` and `fieldErrors`. Never throws, never includes a credential.
 */
export function veniceStreamErrorText(error: unknown): string {
  return relayText(toVeniceError(error));
}
