import type { RefObject } from "react";
import { useState } from "react";
import { fill, useTexts } from "../i18n";
import type { useMedia } from "../use-media";
import { Icon } from "./Icon";

type Media = ReturnType<typeof useMedia>;

const VOICES = ["af_sky", "af_bella", "am_adam", "bf_emma"] as const;

interface StudioProps {
  image: Media;
  speech: Media;
  video: Media;
  /** The panel, for moving the focus here after a Failure lab run. */
  panelRef: RefObject<HTMLElement | null>;
}

/** The media examples: an image from a prompt, speech from a text; their failures show inline. */
export function Studio({ image, speech, video, panelRef }: StudioProps) {
  const { t } = useTexts();
  const [prompt, setPrompt] = useState<string>();
  const [text, setText] = useState<string>();
  // Until edited, the fields follow the page's language.
  const promptValue = prompt ?? t.imageDefault;
  const textValue = text ?? t.speechDefault;
  const [voice, setVoice] = useState<string>(VOICES[0]);
  const [shownPrompt, setShownPrompt] = useState("");
  const videoFailure = video.veniceError.message;
  return (
    <section className="panel studio" aria-labelledby="studio-title" ref={panelRef} tabIndex={-1}>
      <header className="panel-header">
        <h2 id="studio-title">{t.studioTitle}</h2>
      </header>
      <p className="studio-intro">{t.studioIntro}</p>
      <div className="studio-grid">
        <form
          className="media-card"
          data-testid="image-example"
          onSubmit={(event) => {
            event.preventDefault();
            setShownPrompt(promptValue);
            void image.run({ prompt: promptValue });
          }}
        >
          <h3 className="media-title">
            <Icon name="image" /> {t.imageTitle}
          </h3>
          <label htmlFor="image-prompt">{t.imagePrompt}</label>
          <div className="media-row">
            <input
              id="image-prompt"
              value={promptValue}
              onChange={(event) => setPrompt(event.target.value)}
              maxLength={500}
            />
            <button
              type="submit"
              className="button primary"
              disabled={image.busy || promptValue.trim() === ""}
            >
              {image.busy ? t.generating : t.generate}
            </button>
          </div>
          <div className="media-frame" aria-busy={image.busy}>
            {image.url ? (
              <img src={image.url} alt={fill(t.imageAlt, { prompt: shownPrompt })} />
            ) : (
              <MediaPlaceholder failure={image.veniceError.message} empty={t.imageEmpty} />
            )}
          </div>
        </form>
        <form
          className="media-card"
          data-testid="speech-example"
          onSubmit={(event) => {
            event.preventDefault();
            void speech.run({ text: textValue, voice });
          }}
        >
          <h3 className="media-title">
            <Icon name="speaker" /> {t.speechTitle}
          </h3>
          <label htmlFor="speech-text">{t.speechText}</label>
          <textarea
            id="speech-text"
            rows={2}
            value={textValue}
            onChange={(event) => setText(event.target.value)}
            maxLength={500}
          />
          <div className="media-row">
            <label className="visually-hidden" htmlFor="speech-voice">
              {t.voice}
            </label>
            <select
              id="speech-voice"
              value={voice}
              onChange={(event) => setVoice(event.target.value)}
            >
              {VOICES.map((option) => (
                <option key={option} value={option}>
                  {t.voice}: {option}
                </option>
              ))}
            </select>
            <button
              type="submit"
              className="button primary"
              disabled={speech.busy || textValue.trim() === ""}
            >
              {speech.busy ? t.speaking : t.speak}
            </button>
          </div>
          <div className="media-player">
            {speech.url ? (
              // biome-ignore lint/a11y/useMediaCaption: synthesized speech of the text shown above it
              <audio controls src={speech.url} data-testid="speech-audio" />
            ) : (
              <MediaPlaceholder failure={speech.veniceError.message} empty={t.speechEmpty} />
            )}
          </div>
        </form>
      </div>
      {videoFailure && (
        <p className="media-error video-failure" data-testid="video-failure">
          <strong>
            {t.videoJob}: {videoFailure.title}
          </strong>{" "}
          {videoFailure.description}
        </p>
      )}
    </section>
  );
}

function MediaPlaceholder({
  failure,
  empty,
}: {
  failure: { title: string; description: string } | null;
  empty: string;
}) {
  if (!failure) return <p className="media-empty">{empty}</p>;
  return (
    <p className="media-error">
      <strong>{failure.title}</strong> {failure.description}
    </p>
  );
}
