import { VeniceErrorProvider } from "@venice-errors/react-hooks";
import { useEffect, useMemo, useRef, useState } from "react";
import { fetchModels } from "./api";
import { ChatPanel } from "./components/ChatPanel";
import { FailureLab, MEDIA_SCENARIOS } from "./components/FailureLab";
import { FleetPanel } from "./components/FleetPanel";
import { Header } from "./components/Header";
import { StatusPanel } from "./components/StatusPanel";
import { Studio } from "./components/Studio";
import { TracePanel } from "./components/TracePanel";
import { type Locale, LocaleContext, TEXTS, useTexts, VENICE_TEXTS } from "./i18n";
import { useChat } from "./use-chat";
import { useMedia } from "./use-media";
import { useDemoStatus, useFleet } from "./use-status";

const FALLBACK_MODELS = ["venice-uncensored", "llama-3.3-70b", "qwen3-235b"];

function initialLocale(): Locale {
  const saved = globalThis.localStorage?.getItem("demo-locale");
  if (saved === "en" || saved === "ko") return saved;
  return globalThis.navigator?.language?.startsWith("ko") ? "ko" : "en";
}

export function App() {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const texts = useMemo(() => ({ locale, t: TEXTS[locale] }), [locale]);
  useEffect(() => {
    document.documentElement.lang = locale;
    localStorage.setItem("demo-locale", locale);
  }, [locale]);
  return (
    <LocaleContext.Provider value={texts}>
      <VeniceErrorProvider locale={VENICE_TEXTS[locale]}>
        <Page onLocale={setLocale} />
      </VeniceErrorProvider>
    </LocaleContext.Provider>
  );
}

function Page({ onLocale }: { onLocale: (locale: Locale) => void }) {
  const chat = useChat();
  const image = useMedia("image");
  const speech = useMedia("speech");
  const video = useMedia("video");
  const busy = chat.busy || image.busy || speech.busy || video.busy;
  const status = useDemoStatus(busy);
  const fleet = useFleet(Boolean(status?.fleet));
  const [models, setModels] = useState<string[]>(FALLBACK_MODELS);
  const [model, setModel] = useState(FALLBACK_MODELS[0]!);
  const [temperature, setTemperature] = useState(0.7);
  const messageRef = useRef<HTMLTextAreaElement>(null);
  const studioRef = useRef<HTMLElement>(null);
  const { t } = useTexts();

  useEffect(() => {
    fetchModels().then((ids) => {
      if (ids.length === 0) return;
      setModels(ids);
      setModel((current) => (ids.includes(current) ? current : ids[0]!));
    });
  }, []);

  return (
    <div className="app">
      <Header mode={status?.mode} onLocale={onLocale} />
      <main className="layout">
        <ChatPanel
          chat={chat}
          models={models}
          model={model}
          onModel={setModel}
          temperature={temperature}
          onTemperature={setTemperature}
          messageRef={messageRef}
        />
        <aside className="sidebar">
          <FailureLab
            enabled={status?.scenarios ?? false}
            busy={busy}
            onTrigger={(scenario, code) => {
              if (scenario in MEDIA_SCENARIOS) {
                // A media failure plays out in the Studio: the focus goes there.
                studioRef.current?.focus();
                const kind = MEDIA_SCENARIOS[scenario as keyof typeof MEDIA_SCENARIOS];
                const run = kind === "image" ? image.run : video.run;
                const prompt = kind === "image" ? t.imageDefault : t.videoPrompt;
                void run({ prompt, scenario });
                return;
              }
              // The pressed button is disabled while the run lasts, which would drop the focus
              // to <body>. The run plays out in the chat, so keyboard users continue there: the
              // toast sits just above the message box, and Tab leads back to the Failure lab.
              messageRef.current?.focus();
              void chat.send(t.defaultPrompt, { scenario, code, model, temperature });
            }}
          />
          <StatusPanel status={status} />
          {fleet && <FleetPanel fleet={fleet} />}
          <TracePanel call={status?.lastCall} />
        </aside>
        {/* After the sidebar in the tab order (Tab from the message box reaches the Failure lab);
            shown under the chat on a wide screen (styles.css). */}
        <Studio image={image} speech={speech} video={video} panelRef={studioRef} />
      </main>
    </div>
  );
}
