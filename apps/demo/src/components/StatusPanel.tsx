import type { VeniceRateLimit } from "@venice-errors/core";
import type { DemoStatus } from "../api";
import { fill, useTexts } from "../i18n";
import { useNow } from "../use-status";

function Meter(props: {
  label: string;
  remaining?: number;
  limit?: number;
  resetAt?: number;
  now: number;
}) {
  const { t } = useTexts();
  if (props.remaining === undefined && props.limit === undefined) return null;
  // Without a limit (the abuse budget) the bar only says "some left" or "none left".
  const ratio = props.limit
    ? Math.max(0, Math.min(1, (props.remaining ?? 0) / props.limit))
    : props.remaining === 0
      ? 0
      : 1;
  const seconds = props.resetAt
    ? Math.max(0, Math.ceil((props.resetAt - props.now) / 1000))
    : undefined;
  return (
    <div className="meter">
      <div className="meter-head">
        <span>{props.label}</span>
        <span className="mono">
          {props.remaining ?? "?"}
          {props.limit !== undefined && ` / ${props.limit}`}
        </span>
      </div>
      <div className="meter-bar" aria-hidden="true">
        <span style={{ width: `${ratio * 100}%` }} data-low={ratio < 0.2 || undefined} />
      </div>
      {seconds !== undefined && (
        <span className="meter-reset">{fill(t.resetsIn, { seconds })}</span>
      )}
    </div>
  );
}

function RateLimits({ limits, now }: { limits: VeniceRateLimit | null; now: number }) {
  const { t } = useTexts();
  if (!limits) return <p className="muted">{t.noRateLimits}</p>;
  return (
    <div className="meters" data-testid="rate-limits">
      <Meter
        label={t.requests}
        remaining={limits.remainingRequests}
        limit={limits.limitRequests}
        resetAt={limits.resetRequestsAt}
        now={now}
      />
      <Meter
        label={t.tokens}
        remaining={limits.remainingTokens}
        limit={limits.limitTokens}
        resetAt={limits.resetTokensAt}
        now={now}
      />
      <Meter
        label={t.failuresLeft}
        remaining={limits.remainingFailures}
        resetAt={limits.failuresResetAt}
        now={now}
      />
    </div>
  );
}

/** Live view of what the backend's node-client saw: rate-limit headers and every try of the last call. */
export function StatusPanel({ status }: { status: DemoStatus | null }) {
  const { t } = useTexts();
  const now = useNow();
  const call = status?.lastCall;
  const outcome = call
    ? call.inFlight
      ? t.inFlight
      : call.outcome === "ok"
        ? t.succeeded
        : t.failed
    : undefined;
  return (
    <section className="panel status" aria-labelledby="status-title">
      <header className="panel-header">
        <h2 id="status-title">{t.rateLimits}</h2>
      </header>
      <RateLimits limits={status?.rateLimits ?? null} now={now} />
      <h3 className="subheading">
        {t.lastCall}
        {outcome && (
          <span
            className={`chip ${call?.inFlight ? "busy" : call?.outcome}`}
            data-testid="call-outcome"
          >
            {outcome}
          </span>
        )}
      </h3>
      {call ? (
        <table className="attempts" data-testid="attempts">
          <thead>
            <tr>
              <th scope="col">{t.attempt}</th>
              <th scope="col">{t.status}</th>
              <th scope="col">{t.code}</th>
              <th scope="col">{t.waited}</th>
            </tr>
          </thead>
          <tbody>
            {call.attempts.map((attempt) => (
              <tr key={attempt.attempt}>
                <td>{attempt.attempt}</td>
                <td className="mono">{attempt.status || t.noAnswer}</td>
                <td className="mono code-cell">{attempt.code}</td>
                <td className="mono">{(attempt.waitedMs / 1000).toFixed(1)} s</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">{t.noCall}</p>
      )}
    </section>
  );
}
