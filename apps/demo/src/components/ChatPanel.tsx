import { useTexts } from "../i18n";
import type { useChat } from "../use-chat";
import { Composer } from "./Composer";
import { MessageList } from "./MessageList";

interface ChatPanelProps {
  chat: ReturnType<typeof useChat>;
  models: string[];
  model: string;
  onModel: (model: string) => void;
  temperature: number;
  onTemperature: (temperature: number) => void;
}

export function ChatPanel({ chat, ...settings }: ChatPanelProps) {
  const { t } = useTexts();
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
      <div className="chat-scroll">
        <MessageList messages={chat.messages} />
      </div>
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
