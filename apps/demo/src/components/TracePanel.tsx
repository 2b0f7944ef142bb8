import { useEffect, useState } from "react";
import type { CallRecord } from "../api";
import { type Locale, useTexts } from "../i18n";

/** One try as the backend read it off the call's OpenTelemetry span (`server/traces.js`). */
interface TraceTry {
  attempt: number;
  status: number | null;
  code: string;
  /** The wait before the next try; `null` for the last one. */
  waitMs: number | null;
  /** How long the coordinator held this try before it was sent. */
  heldMs: number;
}

interface CallTrace {
  name: string;
  status: "ok" | "error";
  errorType: string | null;
  statusCode: number | null;
  resendCount: number;
  durationMs: number;
  tries: TraceTry[];
}

// The panel's own texts, so that it stays one file to add or remove.
const TEXTS: Record<Locale, Record<string, string>> = {
  en: {
    title: "Trace (OpenTelemetry)",
    intro: "The span @venice-errors/opentelemetry recorded for the last call.",
    none: "No call traced yet.",
    span: "Span",
    errorType: "error.type",
    resends: "http.request.resend_count",
    duration: "Duration",
    attempt: "Try",
    status: "Status",
    code: "Code",
    next: "Next in",
    held: "held {ms} ms by the coordinator",
    noAnswer: "none",
  },
  ko: {
    title: "트레이스 (OpenTelemetry)",
    intro: "마지막 호출에 대해 @venice-errors/opentelemetry가 기록한 스팬입니다.",
    none: "아직 기록된 호출이 없습니다.",
    span: "스팬",
    errorType: "error.type",
    resends: "http.request.resend_count",
    duration: "소요 시간",
    attempt: "시도",
    status: "상태",
    code: "코드",
    next: "다음 시도",
    held: "코디네이터가 {ms} ms 보류",
    noAnswer: "응답 없음",
  },
};

// Inline, so that the panel needs no change to the shared stylesheet.
const SUMMARY = {
  display: "grid",
  gridTemplateColumns: "max-content 1fr",
  gap: "0.25rem 0.75rem",
  margin: "0 0 0.75rem",
  fontSize: "0.85rem",
  overflowWrap: "anywhere",
} as const;

async function fetchTrace(): Promise<CallTrace | null> {
  const response = await fetch("/api/trace", { cache: "no-store" });
  if (!response.ok) return null;
  return ((await response.json()) as { trace: CallTrace | null }).trace;
}

/** The last call's span: each try with its status, code and wait, and the final `error.type`. */
export function TracePanel({ call }: { call: CallRecord | null | undefined }) {
  const { locale } = useTexts();
  const t = TEXTS[locale];
  const [trace, setTrace] = useState<CallTrace | null>(null);
  const settled = call ? `${call.id}:${call.inFlight}` : "";
  // The span ends when the call does: fetch it once each call has settled.
  useEffect(() => {
    if (settled.endsWith(":true")) return;
    let active = true;
    fetchTrace().then(
      (next) => active && setTrace(next),
      () => undefined,
    );
    return () => {
      active = false;
    };
  }, [settled]);

  return (
    <section className="panel trace" aria-labelledby="trace-title" data-testid="trace-panel">
      <header className="panel-header">
        <h2 id="trace-title">{t.title}</h2>
      </header>
      <p className="muted">{t.intro}</p>
      {trace ? (
        <>
          <dl style={SUMMARY}>
            <dt>{t.span}</dt>
            <dd className="mono" style={{ margin: 0 }}>
              {trace.name}
            </dd>
            <dt>{t.errorType}</dt>
            <dd className="mono" style={{ margin: 0 }} data-testid="trace-error-type">
              <span className={`chip ${trace.status}`}>{trace.errorType ?? "—"}</span>
            </dd>
            <dt>{t.resends}</dt>
            <dd className="mono" style={{ margin: 0 }}>
              {trace.resendCount}
            </dd>
            <dt>{t.duration}</dt>
            <dd className="mono" style={{ margin: 0 }}>
              {trace.durationMs} ms
            </dd>
          </dl>
          <table className="attempts" data-testid="trace-tries">
            <thead>
              <tr>
                <th scope="col">{t.attempt}</th>
                <th scope="col">{t.status}</th>
                <th scope="col">{t.code}</th>
                <th scope="col">{t.next}</th>
              </tr>
            </thead>
            <tbody>
              {trace.tries.map((entry) => (
                <tr key={entry.attempt}>
                  <td>
                    {entry.attempt}
                    {entry.heldMs > 0 && (
                      <span className="muted">
                        {" "}
                        ({t.held?.replace("{ms}", String(entry.heldMs))})
                      </span>
                    )}
                  </td>
                  <td className="mono">{entry.status || t.noAnswer}</td>
                  <td className="mono code-cell">{entry.code}</td>
                  <td className="mono">
                    {entry.waitMs === null ? "—" : `${(entry.waitMs / 1000).toFixed(1)} s`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p className="muted">{t.none}</p>
      )}
    </section>
  );
}
