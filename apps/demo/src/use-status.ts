import { useEffect, useState } from "react";
import { type DemoStatus, type FleetOverview, fetchFleet, fetchStatus } from "./api";

/** The backend's view of Venice: polled live while a call is in flight, once after it. */
export function useDemoStatus(busy: boolean) {
  const [status, setStatus] = useState<DemoStatus | null>(null);
  useEffect(() => {
    let active = true;
    const load = () =>
      fetchStatus().then(
        (next) => active && setStatus(next),
        () => undefined,
      );
    load();
    const timer = busy ? setInterval(load, 400) : undefined;
    return () => {
      active = false;
      clearInterval(timer);
    };
  }, [busy]);
  return status;
}

/** Re-renders every second, for countdowns. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** The fleet's shared state, polled every second while the page is served by a fleet instance. */
export function useFleet(enabled: boolean) {
  const [fleet, setFleet] = useState<FleetOverview | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let active = true;
    const load = () =>
      fetchFleet().then(
        (next) => active && setFleet(next),
        () => undefined,
      );
    load();
    const timer = setInterval(load, 1000);
    return () => {
      active = false;
      clearInterval(timer);
    };
  }, [enabled]);
  return enabled ? fleet : null;
}
