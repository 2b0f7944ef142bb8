import type { FleetInstance, FleetOverview } from "../api";
import { fill, useTexts } from "../i18n";

function Budget(props: { label: string; used: number; max: number; testId: string }) {
  const ratio = Math.max(0, Math.min(1, props.used / props.max));
  return (
    <div className="meter" data-testid={props.testId}>
      <div className="meter-head">
        <span>{props.label}</span>
        <span className="mono">
          {props.used} / {props.max}
        </span>
      </div>
      <div className="meter-bar" aria-hidden="true">
        <span style={{ width: `${ratio * 100}%` }} data-low={ratio > 0.8 || undefined} />
      </div>
    </div>
  );
}

const secondsLeft = (until: number, now: number) => Math.max(0, Math.ceil((until - now) / 1000));

/** What one instance saw: its last calls, newest first. */
function InstanceRow({ view, self }: { view: FleetInstance; self: boolean }) {
  const { t } = useTexts();
  const seen = view.log?.slice(0, 3) ?? [];
  return (
    <li className="fleet-instance" data-testid="fleet-instance">
      <span className="fleet-name">
        {view.instance}
        {self && <span className="fleet-self"> · {t.fleetThisPage}</span>}
      </span>
      <span className="fleet-seen mono">
        {view.unreachable
          ? t.fleetUnreachable
          : seen.length === 0
            ? t.fleetNothing
            : seen.map((entry) => `${entry.status} ${entry.code}`).join(", ")}
      </span>
    </li>
  );
}

/** Fleet mode only: the key's shared state and which instance saw what. */
export function FleetPanel({ fleet }: { fleet: FleetOverview }) {
  const { t } = useTexts();
  const self = fleet.instances.find((view) => view.instance === fleet.self);
  const coordinator = self?.coordinator;
  const now = self?.now ?? Date.now();
  const mode = !coordinator
    ? ""
    : coordinator.kind === "in-process"
      ? t.fleetInProcess
      : coordinator.mode === "redis"
        ? t.fleetRedis
        : t.fleetLocal;
  const lockedUntil = Math.max(coordinator?.lockedUntil ?? 0, self?.venice?.blockedUntil ?? 0);
  return (
    <section className="panel fleet" aria-labelledby="fleet-title" data-testid="fleet">
      <header className="panel-header">
        <h2 id="fleet-title">{t.fleetTitle}</h2>
        <span className={`mode-badge ${coordinator?.mode === "redis" ? "live" : ""}`}>
          <span className="dot" aria-hidden="true" />
          {mode}
        </span>
      </header>
      <p className="panel-intro">
        {fill(t.fleetIntro, { count: fleet.instances.length, self: fleet.self })}
      </p>
      <div className="meters">
        {coordinator?.failures !== undefined && (
          <Budget
            label={t.fleetBudget}
            used={coordinator.failures}
            max={coordinator.maxFailures}
            testId="fleet-budget"
          />
        )}
        {self?.venice && (
          <Budget
            label={t.fleetVenice}
            used={self.venice.failures}
            max={self.venice.maxFailures}
            testId="fleet-venice"
          />
        )}
      </div>
      {lockedUntil > now && (
        <p className="fleet-alert">
          {fill(t.fleetLocked, { seconds: secondsLeft(lockedUntil, now) })}
        </p>
      )}
      {Object.entries(coordinator?.cooldowns ?? {}).map(([model, until]) => (
        <p className="fleet-alert" key={model}>
          {fill(t.fleetCooldown, { model: model || "*", seconds: secondsLeft(until, now) })}
        </p>
      ))}
      <h3 className="subheading">{t.fleetSaw}</h3>
      <ul className="fleet-instances">
        {fleet.instances.map((view) => (
          <InstanceRow key={view.instance} view={view} self={view.instance === fleet.self} />
        ))}
      </ul>
    </section>
  );
}
