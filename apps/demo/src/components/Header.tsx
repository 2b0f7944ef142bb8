import { type Locale, useTexts } from "../i18n";

const LOCALES: { id: Locale; label: string }[] = [
  { id: "en", label: "English" },
  { id: "ko", label: "한국어" },
];

interface HeaderProps {
  mode?: "fake" | "live";
  onLocale: (locale: Locale) => void;
}

export function Header({ mode, onLocale }: HeaderProps) {
  const { t, locale } = useTexts();
  return (
    <header className="topbar">
      <div className="brand">
        <img src="/favicon.svg" alt="" width={32} height={32} />
        <div>
          <h1>Gondola</h1>
          <p>{t.tagline}</p>
        </div>
      </div>
      <div className="topbar-actions">
        {mode && (
          <span className={`mode-badge ${mode}`} data-testid="mode">
            <span className="dot" aria-hidden="true" />
            {mode === "live" ? t.modeLive : t.modeFake}
          </span>
        )}
        <fieldset className="segmented">
          <legend className="visually-hidden">{t.language}</legend>
          {LOCALES.map(({ id, label }) => (
            <button
              key={id}
              type="button"
              lang={id}
              aria-pressed={locale === id}
              onClick={() => onLocale(id)}
            >
              {label}
            </button>
          ))}
        </fieldset>
      </div>
    </header>
  );
}
