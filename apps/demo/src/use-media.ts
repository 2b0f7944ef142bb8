import { useVeniceError } from "@venice-errors/react-hooks";
import { useCallback, useEffect, useRef, useState } from "react";
import { fetchMedia, type MediaKind, type MediaRequest } from "./api";

/**
 * One media example (an image, speech): its latest result as an object URL, and its failure
 * through `useVeniceError` (its own error for the card, a toast for the page).
 */
export function useMedia(kind: MediaKind) {
  const veniceError = useVeniceError();
  const { handleError, clear } = veniceError;
  const [url, setUrl] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const running = useRef(false);

  // An object URL holds its bytes until revoked: free the previous result when it is replaced.
  useEffect(() => (url ? () => URL.revokeObjectURL(url) : undefined), [url]);

  const run = useCallback(
    async (request: MediaRequest): Promise<void> => {
      if (running.current) return;
      running.current = true;
      clear();
      setBusy(true);
      try {
        const blob = await fetchMedia(kind, request);
        setUrl(URL.createObjectURL(blob));
      } catch (thrown) {
        setUrl(undefined);
        // The toast's retry asks again, without the Failure lab's scenario.
        const { scenario: _scenario, ...again } = request;
        handleError(thrown, { retry: () => void run(again) });
      } finally {
        running.current = false;
        setBusy(false);
      }
    },
    [kind, clear, handleError],
  );

  return { url, busy, run, veniceError };
}
