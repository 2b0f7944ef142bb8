// Ctrl-C and SIGTERM stop the demo quietly with status 0. A terminal sends Ctrl-C to the whole
// process group and `npm`/`pnpm` forward it to their child as well, so the process usually gets
// the same signal twice: every signal after the first joins the stop already under way.

/** The signals that stop the demo. */
export const STOP_SIGNALS = /** @type {const} */ (["SIGINT", "SIGTERM"]);

/**
 * Stops the demo on the first stop signal: logs one line, runs `close()`, exits 0 (1 when
 * `close()` failed). A close that hangs is cut short after `graceMs`, still with status 0.
 * @param {{
 *   close: () => Promise<void>,
 *   log?: (line: string) => void,
 *   exit?: (code: number) => void,
 *   graceMs?: number,
 *   target?: { on: (signal: NodeJS.Signals, listener: () => void) => unknown },
 * }} options
 * @returns {{ stopping: () => boolean }}
 */
export function stopOnSignals({
  close,
  log = (line) => console.log(line),
  exit = (code) => process.exit(code),
  graceMs = 3_000,
  target = process,
}) {
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    log("\nStopping the demo…");
    const cutShort = setTimeout(() => exit(0), graceMs);
    close().then(
      () => {
        clearTimeout(cutShort);
        exit(0);
      },
      () => {
        clearTimeout(cutShort);
        exit(1);
      },
    );
  };
  for (const signal of STOP_SIGNALS) target.on(signal, stop);
  return { stopping: () => stopping };
}
