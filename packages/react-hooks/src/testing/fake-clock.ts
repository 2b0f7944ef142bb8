import type { VeniceClock } from "../clock.js";

/** A clock for tests: time moves only when `advance` is called, firing due ticks in order. */
export interface FakeClock extends VeniceClock {
  advance(ms: number): void;
  /** Number of running tickers. */
  readonly running: number;
}

export function fakeClock(start = 1_700_000_000_000): FakeClock {
  let time = start;
  const timers = new Set<{ ms: number; next: number; tick: () => void }>();
  return {
    now: () => time,
    every(ms, tick) {
      const timer = { ms, next: time + ms, tick };
      timers.add(timer);
      return () => {
        timers.delete(timer);
      };
    },
    advance(ms) {
      const end = time + ms;
      for (;;) {
        let due: { ms: number; next: number; tick: () => void } | undefined;
        for (const timer of timers)
          if (timer.next <= end && (!due || timer.next < due.next)) due = timer;
        if (!due) break;
        time = due.next;
        due.next += due.ms;
        due.tick();
      }
      time = end;
    },
    get running() {
      return timers.size;
    },
  };
}
