import {
  type UseVeniceErrorResult,
  VeniceFieldError,
  veniceFieldProps,
} from "@venice-errors/react-hooks";
import { type FormEvent, type KeyboardEvent, type RefObject, useState } from "react";
import { fill, useTexts } from "../i18n";
import { errorsFor, FieldError } from "./FieldError";

interface ComposerProps {
  models: string[];
  model: string;
  onModel: (model: string) => void;
  temperature: number;
  onTemperature: (temperature: number) => void;
  busy: boolean;
  onSend: (text: string) => void;
  onStop: () => void;
  /** The chat's `useVeniceError()`: field errors and any wait before the next request. */
  veniceError: UseVeniceErrorResult;
  messageRef?: RefObject<HTMLTextAreaElement | null>;
}

/** The message box with its settings; shows the request's field errors next to each input. */
export function Composer(props: ComposerProps) {
  const { t } = useTexts();
  const { fieldErrors, retryInSeconds, error } = props.veniceError;
  const [draft, setDraft] = useState("");
  // The typed message is the last of `messages`: collect every `messages.*` error under it.
  const messageErrors = errorsFor(fieldErrors, "messages");
  const waiting = error?.category === "rate_limit" && (retryInSeconds ?? 0) > 0;

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const text = draft.trim();
    if (text === "" || props.busy) return;
    props.onSend(text);
    setDraft("");
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey) submit(event);
  };

  return (
    <form className="composer" onSubmit={submit} aria-label={t.chatTitle}>
      <div className="composer-settings">
        <div className="field">
          <label htmlFor="model">{t.model}</label>
          <select
            id="model"
            value={props.model}
            onChange={(event) => props.onModel(event.target.value)}
            {...veniceFieldProps(fieldErrors, "model")}
          >
            {props.models.map((model) => (
              <option key={model} value={model}>
                {model}
              </option>
            ))}
          </select>
          <VeniceFieldError errors={fieldErrors} name="model" className="field-error" />
        </div>
        <div className="field">
          <label htmlFor="temperature">
            {t.temperature} <output htmlFor="temperature">{props.temperature.toFixed(1)}</output>
          </label>
          <input
            id="temperature"
            type="range"
            min={0}
            max={2}
            step={0.1}
            value={props.temperature}
            onChange={(event) => props.onTemperature(Number(event.target.value))}
            {...veniceFieldProps(fieldErrors, "temperature")}
          />
          <VeniceFieldError errors={fieldErrors} name="temperature" className="field-error" />
        </div>
      </div>
      <div className="field composer-input">
        <label htmlFor="message" className="visually-hidden">
          {t.messageLabel}
        </label>
        <textarea
          ref={props.messageRef}
          id="message"
          rows={2}
          placeholder={t.placeholder}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
          aria-invalid={messageErrors ? true : undefined}
          aria-describedby={messageErrors ? "message-error" : undefined}
        />
        {props.busy ? (
          <button type="button" className="button secondary" onClick={props.onStop}>
            {t.stop}
          </button>
        ) : (
          <button
            type="submit"
            className="button primary"
            disabled={draft.trim() === "" || waiting}
          >
            {waiting ? fill(t.waitToSend, { seconds: retryInSeconds ?? 0 }) : t.send}
          </button>
        )}
      </div>
      <FieldError id="message-error" messages={messageErrors} />
    </form>
  );
}
