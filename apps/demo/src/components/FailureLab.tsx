import { ALL_VENICE_ERROR_CODES, catalog, type VeniceErrorCategory } from "@venice-errors/core";
import { useState } from "react";
import { useTexts } from "../i18n";
import { Icon, type IconName } from "./Icon";

/** The scenarios that fail a media example instead of the chat. */
export const MEDIA_SCENARIOS = { "image-blocked": "image", "video-refund": "video" } as const;

export const QUICK_SCENARIOS = [
  { id: "balance", icon: "card" },
  { id: "rate-limit", icon: "timer" },
  { id: "abuse", icon: "ban" },
  { id: "mid-stream", icon: "zap" },
  { id: "network", icon: "unplug" },
  { id: "validation", icon: "form" },
  { id: "image-blocked", icon: "image" },
  { id: "video-refund", icon: "film" },
] as const satisfies readonly { id: string; icon: IconName }[];

/** Every catalog code, grouped by category in catalog order. */
const CODES_BY_CATEGORY = ALL_VENICE_ERROR_CODES.reduce((groups, code) => {
  const { category } = catalog[code];
  groups.set(category, [...(groups.get(category) ?? []), code]);
  return groups;
}, new Map<VeniceErrorCategory, string[]>());

interface FailureLabProps {
  enabled: boolean;
  busy: boolean;
  onTrigger: (scenario: string, code?: string) => void;
}

export function FailureLab({ enabled, busy, onTrigger }: FailureLabProps) {
  const { t } = useTexts();
  const [code, setCode] = useState("MODEL_NOT_FOUND");
  const disabled = !enabled || busy;
  return (
    <section className="panel lab" aria-labelledby="lab-title">
      <header className="panel-header">
        <h2 id="lab-title">{t.labTitle}</h2>
      </header>
      <p className="panel-intro">{enabled ? t.labIntro : t.labLive}</p>
      <div className="scenario-grid">
        {QUICK_SCENARIOS.map(({ id, icon }) => {
          const [label, hint] = t.scenarios[id];
          return (
            <button
              key={id}
              type="button"
              className="scenario"
              data-scenario={id}
              disabled={disabled}
              onClick={() => onTrigger(id)}
            >
              <span className="scenario-icon">
                <Icon name={icon} />
              </span>
              <span className="scenario-label">{label}</span>
              <span className="scenario-hint">{hint}</span>
            </button>
          );
        })}
      </div>
      <form
        className="any-code"
        onSubmit={(event) => {
          event.preventDefault();
          onTrigger("code", code);
        }}
      >
        <label htmlFor="any-code">{t.anyCode}</label>
        <div className="any-code-row">
          <select
            id="any-code"
            value={code}
            onChange={(event) => setCode(event.target.value)}
            disabled={!enabled}
          >
            {[...CODES_BY_CATEGORY].map(([category, codes]) => (
              <optgroup key={category} label={t.categories[category]}>
                {codes.map((option) => (
                  <option key={option} value={option}>
                    {option} · {catalog[option as "UNKNOWN_ERROR"].status || "—"}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <button type="submit" className="button secondary" disabled={disabled}>
            {t.trigger}
          </button>
        </div>
      </form>
    </section>
  );
}
