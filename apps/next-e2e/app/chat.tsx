"use client";
import { parseVeniceError } from "@venice-errors/core";
import { useVeniceError } from "@venice-errors/react-hooks";
import { useActionState, useEffect, useRef, useState } from "react";
import { type AskResult, askAction, askThrowing } from "./actions";

/** Calls the route handler, the server action and the throwing action; errors go to the toaster. */
export function Chat() {
  const { handleError, error } = useVeniceError();
  const [state, action, pending] = useActionState(askAction, null as AskResult | null);
  const [reply, setReply] = useState("");
  const [thrown, setThrown] = useState("");
  const form = useRef<HTMLFormElement>(null);

  // Marks the page as interactive for the browser test.
  useEffect(() => {
    form.current?.closest("main")?.setAttribute("data-hydrated", "");
  }, []);

  useEffect(() => {
    if (!state) return;
    if (state.ok) setReply(state.text);
    // The toast's retry button sends the form again once the wait is over.
    else handleError(state.error, { retry: () => form.current?.requestSubmit() });
  }, [state, handleError]);

  async function viaRoute() {
    const response = await fetch("/api/chat", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ prompt: "Hello from the route" }),
    });
    if (!response.ok) throw await parseVeniceError(response);
    setReply(((await response.json()) as { text: string }).text);
  }

  async function viaThrowingAction() {
    try {
      setReply(await askThrowing("Hello from a throwing action"));
    } catch (caught) {
      const { message, digest } = caught as Error & { digest?: string };
      setThrown(JSON.stringify({ message, digest }));
    }
  }

  return (
    <>
      <form ref={form} action={action}>
        <input name="prompt" aria-label="Prompt" defaultValue="Hello from the action" />
        <button type="submit" disabled={pending}>
          Ask (action)
        </button>
      </form>
      <button
        type="button"
        onClick={function send() {
          viaRoute().catch((caught) => handleError(caught, { retry: send }));
        }}
      >
        Ask (route)
      </button>
      <button type="button" onClick={viaThrowingAction}>
        Ask (throwing action)
      </button>
      <p data-testid="reply">{reply}</p>
      <p data-testid="code">{error?.code ?? ""}</p>
      <pre data-testid="thrown">{thrown}</pre>
    </>
  );
}
