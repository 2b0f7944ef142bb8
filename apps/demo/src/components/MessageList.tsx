import { formatVeniceError } from "@venice-errors/core";
import { useEffect, useRef } from "react";
import { useTexts, VENICE_TEXTS } from "../i18n";
import type { UiMessage } from "../use-chat";

/** The conversation. Replies stream in place; a failed reply says why, in the page's language. */
export function MessageList({ messages }: { messages: UiMessage[] }) {
  const { t, locale } = useTexts();
  const end = useRef<HTMLDivElement>(null);
  const last = messages.at(-1);
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll when the last reply grows
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: "end" });
  }, [messages.length, last?.content]);

  if (messages.length === 0) {
    return (
      <div className="chat-empty">
        <div className="chat-empty-mark" aria-hidden="true">
          ✦
        </div>
        <h2>{t.chatEmptyTitle}</h2>
        <p>{t.chatEmptyHint}</p>
      </div>
    );
  }
  return (
    <ol className="messages" aria-label={t.chatTitle}>
      {messages.map((message) => (
        <li
          key={message.id}
          className={`message ${message.role} ${message.state}`}
          data-testid={message.role === "assistant" ? "reply" : "prompt"}
          aria-busy={message.state === "streaming" || undefined}
        >
          <span className="message-author">{message.role === "user" ? t.you : t.assistant}</span>
          {message.content !== "" && <p className="message-text">{message.content}</p>}
          {message.state === "streaming" && message.content === "" && (
            <span className="typing" role="img" aria-label={t.writing}>
              <span />
              <span />
              <span />
            </span>
          )}
          {message.state === "failed" && (
            <p className="message-note">
              {message.content === "" ? t.replyFailed : t.replyStopped}
              {message.error &&
                ` · ${formatVeniceError(message.error, { locale: VENICE_TEXTS[locale] }).title}`}
            </p>
          )}
          {message.state === "stopped" && <p className="message-note">{t.replyStopped}</p>}
        </li>
      ))}
      <div ref={end} />
    </ol>
  );
}
