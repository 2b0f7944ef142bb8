import { useEffect, useState } from "react";
import { TICK_MS, type VeniceClock } from "./clock.js";
import { secondsUntil } from "./countdown.js";

/** Whole seconds left until `at`, re-rendering while it counts; `undefined` without `at`. */
export function useCountdown(at: number | undefined, clock: VeniceClock): number | undefined {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (at === undefined || at <= clock.now()) return;
    const stop = clock.every(TICK_MS, () => {
      setTick((tick) => tick + 1);
      if (clock.now() >= at) stop();
    });
    return stop;
  }, [at, clock]);
  // Read at render time: the tick only schedules renders, the clock decides what they show.
  return secondsUntil(at, clock.now());
}
