import { isVeniceError, type VeniceError } from "@venice-errors/core";
import { useVeniceError } from "@venice-errors/react-hooks";
import { useCallback, useRef, useState } from "react";
import { type ChatMessage, streamChat } from "./api";

export interface UiMessage extends ChatMessage {
  id: number;
  state: "streaming" | "done" | "failed" | "stopped";
  error?: VeniceError;
}

export interface SendOptions {
  model?: string;
  temperature?: number;
  scenario?: string;
  code?: string;
}

/** The conversation, one request at a time; failures go to `useVeniceError` (and the toaster). */
export function useChat() {
  // One hook for the whole chat: its error, countdown and field errors feed the composer.
  const veniceError = useVeniceError();
  const { handleError, clear } = veniceError;
  const [messages, setMessagesState] = useState<UiMessage[]>([]);
  // The latest messages for callbacks that run later (the toast's retry button).
  const latest = useRef<UiMessage[]>([]);
  const setMessages = useCallback((change: (all: UiMessage[]) => UiMessage[]) => {
    setMessagesState((all) => {
      latest.current = change(all);
      return latest.current;
    });
  }, []);
  const [busy, setBusy] = useState(false);
  const controller = useRef<AbortController | null>(null);
  const nextId = useRef(1);

  const update = useCallback(
    (id: number, change: (message: UiMessage) => UiMessage) => {
      setMessages((all) => all.map((message) => (message.id === id ? change(message) : message)));
    },
    [setMessages],
  );

  const send = useCallback(
    async (text: string, options: SendOptions = {}): Promise<void> => {
      if (controller.current) return;
      clear();
      const user: UiMessage = { id: nextId.current++, role: "user", content: text, state: "done" };
      const reply: UiMessage = {
        id: nextId.current++,
        role: "assistant",
        content: "",
        state: "streaming",
      };
      const history = [...latest.current.filter((m) => m.state === "done"), user];
      setMessages((all) => [...all, user, reply]);
      setBusy(true);
      const abort = new AbortController();
      controller.current = abort;
      try {
        await streamChat(
          { ...options, messages: history.map(({ role, content }) => ({ role, content })) },
          (delta) => update(reply.id, (m) => ({ ...m, content: m.content + delta })),
          abort.signal,
        );
        update(reply.id, (m) => ({ ...m, state: "done" }));
      } catch (thrown) {
        if (abort.signal.aborted) {
          update(reply.id, (m) => ({ ...m, state: "stopped" }));
        } else {
          update(reply.id, (m) => ({
            ...m,
            state: "failed",
            ...(isVeniceError(thrown) ? { error: thrown } : {}),
          }));
          // The toast's retry button (enabled when any wait is over) asks again, without the scenario.
          const { model, temperature } = options;
          handleError(thrown, { retry: () => void send(text, { model, temperature }) });
        }
      } finally {
        controller.current = null;
        setBusy(false);
      }
    },
    [clear, handleError, update, setMessages],
  );

  const stop = useCallback(() => controller.current?.abort(), []);
  const reset = useCallback(() => {
    controller.current?.abort();
    setMessages(() => []);
    clear();
  }, [clear, setMessages]);

  return { messages, busy, send, stop, reset, veniceError };
}
