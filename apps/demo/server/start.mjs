#!/usr/bin/env node
// `pnpm demo` ends here: starts the demo on 127.0.0.1 and stops quietly on Ctrl-C.
import { startDemo } from "./demo.js";
import { stopOnSignals } from "./shutdown.js";

const port = Number(process.env.PORT ?? 4173);
const apiKey = process.env.VENICE_API_KEY?.trim() || undefined;

const starting = startDemo({ port, apiKey, baseURL: process.env.VENICE_BASE_URL });
// Listen before the demo is up: a Ctrl-C during start-up also stops it quietly.
const { stopping } = stopOnSignals({ close: () => starting.then((demo) => demo.close()) });

const demo = await starting.catch((error) => {
  console.error(
    error?.code === "EADDRINUSE"
      ? `Port ${port} is busy. Run with another one: PORT=4174 pnpm demo`
      : `The demo could not start: ${error?.message ?? error}`,
  );
  process.exit(1);
});

if (!stopping()) {
  console.log(
    demo.mode === "live"
      ? "Talking to the live Venice API (VENICE_API_KEY is set); the Failure lab is off."
      : "Talking to the built-in fake Venice server; unset VENICE_API_KEY keeps it that way.",
  );
  console.log(`Venice errors demo: ${demo.url}`);
  console.log("Press Ctrl-C to stop.");
}
