import { VeniceToaster } from "@venice-errors/react-hooks";
import type { RefObject } from "react";
import { useTexts } from "../i18n";
import type { useChat } from "../use-chat";
import { useStickToBottom } from "../use-stick-to-bottom";
import { Composer } from "./Composer";
import { MessageList } from "./MessageList";

interface ChatPanelProps {
  chat: ReturnType<typeof useChat>;
  models: string[];
  model: string;
  onModel: (model: string) => void;
  temperature: number;
  onTemperature: (temperature: number) => void;
  /** The message box, for moving the focus there. */
  messageRef: RefObject<HTMLTextAreaElement | null>;
}

export function ChatPanel({ chat, ...settings }: ChatPanelProps) {
  const { t } = useTexts();
  const scrollBox = useStickToBottom();
  return (
    <section className="panel chat" aria-labelledby="chat-title">
      <header className="panel-header">
        <h2 id="chat-title">{t.chatTitle}</h2>
        <button
          type="button"
          className="button ghost"
          onClick={chat.reset}
          disabled={chat.messages.length === 0}
        >
          {t.newChat}
        </button>
      </header>
      <div className="chat-scroll" ref={scrollBox}>
        <MessageList messages={chat.messages} />
      </div>
      {/* Docked above the composer (see styles.css): toasts never cover the page. */}
      <VeniceToaster className="venice-toaster chat-toasts" />
      <Composer
        {...settings}
        busy={chat.busy}
        veniceError={chat.veniceError}
        onSend={(text) =>
          chat.send(text, { model: settings.model, temperature: settings.temperature })
        }
        onStop={chat.stop}
      />
    </section>
  );
}
