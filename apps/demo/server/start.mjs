#!/usr/bin/env node
// `pnpm demo` ends here: starts the demo on 127.0.0.1 and stops cleanly on Ctrl-C.
import { startDemo } from "./demo.js";

const port = Number(process.env.PORT ?? 4173);
const apiKey = process.env.VENICE_API_KEY?.trim() || undefined;

const demo = await startDemo({ port, apiKey, baseURL: process.env.VENICE_BASE_URL }).catch(
  (error) => {
    console.error(
      error?.code === "EADDRINUSE"
        ? `Port ${port} is busy. Run with another one: PORT=4174 pnpm demo`
        : `The demo could not start: ${error?.message ?? error}`,
    );
    process.exit(1);
  },
);

console.log(
  demo.mode === "live"
    ? "Talking to the live Venice API (VENICE_API_KEY is set); the Failure lab is off."
    : "Talking to the built-in fake Venice server; unset VENICE_API_KEY keeps it that way.",
);
console.log(`Venice errors demo: ${demo.url}`);
console.log("Press Ctrl-C to stop.");

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log("\nStopping the demo…");
    demo.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
