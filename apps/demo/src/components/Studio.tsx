import type { ReactNode, RefObject } from "react";
import { useState } from "react";
import { fill, useTexts } from "../i18n";
import type { useMedia } from "../use-media";
import { Icon, type IconName } from "./Icon";

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
        <MediaCard
          testId="image-example"
          icon="image"
          title={t.imageTitle}
          onRun={() => {
            setShownPrompt(promptValue);
            void image.run({ prompt: promptValue });
          }}
        >
          <label htmlFor="image-prompt">{t.imagePrompt}</label>
          <div className="media-row">
            <input
              id="image-prompt"
              value={promptValue}
              onChange={(event) => setPrompt(event.target.value)}
              maxLength={500}
            />
            <RunButton
              media={image}
              blank={promptValue.trim() === ""}
              label={t.generate}
              busyLabel={t.generating}
            />
          </div>
          <div className="media-frame" aria-busy={image.busy}>
            {image.url ? (
              <img src={image.url} alt={fill(t.imageAlt, { prompt: shownPrompt })} />
            ) : (
              <MediaPlaceholder failure={image.veniceError.message} empty={t.imageEmpty} />
            )}
          </div>
        </MediaCard>
        <MediaCard
          testId="speech-example"
          icon="speaker"
          title={t.speechTitle}
          onRun={() => void speech.run({ text: textValue, voice })}
        >
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
            <RunButton
              media={speech}
              blank={textValue.trim() === ""}
              label={t.speak}
              busyLabel={t.speaking}
            />
          </div>
          <div className="media-player">
            {speech.url ? (
              // biome-ignore lint/a11y/useMediaCaption: synthesized speech of the text shown above it
              <audio controls src={speech.url} data-testid="speech-audio" />
            ) : (
              <MediaPlaceholder failure={speech.veniceError.message} empty={t.speechEmpty} />
            )}
          </div>
        </MediaCard>
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

/** One example: a form whose submit runs it, under its icon and title. */
function MediaCard({
  testId,
  icon,
  title,
  onRun,
  children,
}: {
  testId: string;
  icon: IconName;
  title: string;
  onRun: () => void;
  children: ReactNode;
}) {
  return (
    <form
      className="media-card"
      data-testid={testId}
      onSubmit={(event) => {
        event.preventDefault();
        onRun();
      }}
    >
      <h3 className="media-title">
        <Icon name={icon} /> {title}
      </h3>
      {children}
    </form>
  );
}

/** The card's submit button: off while its call runs or its input is blank. */
function RunButton({
  media,
  blank,
  label,
  busyLabel,
}: {
  media: Media;
  blank: boolean;
  label: string;
  busyLabel: string;
}) {
  return (
    <button type="submit" className="button primary" disabled={media.busy || blank}>
      {media.busy ? busyLabel : label}
    </button>
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
