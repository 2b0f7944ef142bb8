// Starts the whole demo: the fake Venice server (unless VENICE_API_KEY is set), a node-client
// against it, and the demo's HTTP server on 127.0.0.1.
import { fileURLToPath } from "node:url";
import { createVeniceClient } from "@venice-errors/node-client";
import { startFakeVenice } from "@venice-errors/test-utils/server";
import { createDemoServer } from "./app.js";
import { createCallLog } from "./call-log.js";
import { createLabScripts } from "./lab-scripts.js";
import { demoHandler } from "./replies.js";
import { createTraceRecorder } from "./traces.js";

const DIST = fileURLToPath(new URL("../dist", import.meta.url));
const MAX_RETRIES = 2;

/**
 * @typedef {{
 *   port?: number, apiKey?: string, baseURL?: string, distDir?: string, quiet?: boolean,
 *   shared?: { venice: Awaited<ReturnType<typeof startFakeVenice>>, lab: ReturnType<typeof createLabScripts> },
 *   coordinator?: import("@venice-errors/node-client").VeniceCoordinator,
 *   fleet?: import("./app.js").DemoServerOptions["fleet"],
 * }} StartDemoOptions
 * `shared`: a fake Venice (and its Failure lab scripts) owned by the caller, e.g. a fleet's;
 * `coordinator`: the clients' coordinator (a fleet's Redis one); `fleet`: serves /api/fleet.
 */

/**
 * @param {StartDemoOptions} [options]
 * @returns {Promise<{ url: string, mode: "fake" | "live", venice?: Awaited<ReturnType<typeof startFakeVenice>>, close: () => Promise<void> }>}
 */
export async function startDemo(options = {}) {
  const live = Boolean(options.apiKey);
  const owned = !live && !options.shared ? await startFakeVenice({ seed: 7 }) : undefined;
  const venice = options.shared?.venice ?? owned;
  const lab = options.shared?.lab ?? (owned ? createLabScripts() : undefined);
  if (owned && lab) owned.setHandler(lab.handler(demoHandler));
  const apiKey = options.apiKey || "demo-fake-key";
  const callLog = createCallLog();
  const traces = createTraceRecorder();
  const makeClient = () =>
    createVeniceClient({
      apiKey,
      baseURL: venice?.url ?? options.baseURL ?? "https://api.venice.ai/api/v1",
      maxRetries: MAX_RETRIES,
      timeoutMs: 30_000,
      // Short waits keep the demo lively; a longer server hint is surfaced to the page instead.
      retry: { baseDelayMs: 300, maxDelayMs: 2_000, maxRetryAfterMs: 5_000 },
      onRetry: ({ error, delayMs }) =>
        callLog.retrying({
          status: error.status,
          code: error.code,
          waitMs: delayMs,
          ...(error.requestId ? { requestId: error.requestId } : {}),
        }),
      ...(options.coordinator ? { coordinator: options.coordinator } : {}),
      ...(options.quiet ? {} : { logger: consoleLogger(options.fleet?.name) }),
    });
  const server = createDemoServer({
    client: makeClient(),
    // Each Failure lab run is its own experiment: a fresh client, so the failure budget (and a
    // lock-out after the abuse scenario) of one run does not refuse the next one.
    createLabClient: () => makeClient(),
    lab,
    mode: live ? "live" : "fake",
    distDir: options.distDir ?? DIST,
    maxRetries: MAX_RETRIES,
    callLog,
    secrets: [apiKey],
    ...(options.fleet ? { fleet: options.fleet } : {}),
    traces,
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve(undefined));
  });
  const address = /** @type {import("node:net").AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${address.port}`,
    mode: live ? "live" : "fake",
    venice,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
      await owned?.close();
      traces.close();
    },
  };
}

/** Prints the client's warnings and errors, one line each (the key is already redacted). */
function consoleLogger(/** @type {string | undefined} */ name) {
  const tag = name ? ` ${name}` : "";
  const line = (/** @type {string} */ level) => (/** @type {string} */ message) =>
    console.log(`[venice ${level}${tag}] ${message}`);
  return { warn: line("warn"), error: line("error") };
}
