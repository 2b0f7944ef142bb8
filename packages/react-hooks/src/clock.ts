/** Time source and ticker. Injected through the provider so countdown tests need no real waiting. */
export interface VeniceClock {
  /** The current time in epoch milliseconds. */
  now(): number;
  /** Calls `tick` every `ms` milliseconds until the returned function is called. */
  every(ms: number, tick: () => void): () => void;
}

/** `Date.now` and `setInterval`, looked up only when called, so importing this is SSR-safe. */
export const systemClock: VeniceClock = {
  now: () => Date.now(),
  every(ms, tick) {
    const id = setInterval(tick, ms);
    return () => clearInterval(id);
  },
};

/** How often countdowns re-render: often enough that a whole second never shows late. */
export const TICK_MS = 250;
