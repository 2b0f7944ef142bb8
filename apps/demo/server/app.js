// The demo's HTTP server: the built page plus a small JSON/SSE API over node-client.
import { createServer } from "node:http";
import { createCallLog } from "./call-log.js";
import { chatParams, relayChat } from "./chat.js";
import { fleetOverview, instanceView } from "./fleet-view.js";
import { HttpError, readJson, sendJson, serveStatic } from "./http.js";
import { relayMedia } from "./media.js";
import { sendVeniceError, veniceErrorOf } from "./relay.js";
import { MEDIA_SCENARIOS, scriptsFor } from "./scenarios.js";

/**
 * @typedef {{
 *   client: { chat: { completions: { create: Function } }, models: { list: Function }, rateLimits?: unknown } & import("./media.js").MediaClient,
 *   createLabClient?: () => DemoServerOptions["client"],
 *   lab?: ReturnType<typeof import("./lab-scripts.js").createLabScripts>,
 *   mode: "fake" | "live",
 *   distDir: string,
 *   maxRetries: number,
 *   callLog?: ReturnType<typeof createCallLog>,
 *   secrets?: string[],
 *   fleet?: import("./fleet-view.js").FleetMember,
 *   traces?: ReturnType<typeof import("./traces.js").createTraceRecorder>,
 * }} DemoServerOptions
 */

/**
 * Creates (does not start) the demo's `http.Server`.
 * @param {DemoServerOptions} options
 */
export function createDemoServer(options) {
  const callLog = options.callLog ?? createCallLog();
  /** The client of the last call, and the last rate-limit headers any client saw. */
  const state = { lastClient: options.client, rateLimits: /** @type {unknown} */ (undefined) };
  return createServer((req, res) => {
    handle(req, res, options, callLog, state).catch((thrown) => {
      const status = thrown instanceof HttpError ? thrown.status : 500;
      if (status === 500) console.error("demo server:", thrown);
      if (!res.headersSent)
        sendJson(res, status, {
          message: thrown instanceof HttpError ? thrown.message : "Internal error",
        });
      else res.end();
    });
  });
}

/**
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 * @param {DemoServerOptions} options
 * @param {ReturnType<typeof createCallLog>} callLog
 * @param {{ lastClient: DemoServerOptions["client"], rateLimits: unknown }} state
 */
async function handle(req, res, options, callLog, state) {
  const { pathname } = new URL(req.url ?? "/", "http://127.0.0.1");
  const route = `${req.method} ${pathname}`;
  const { client, secrets } = options;
  switch (route) {
    case "GET /api/status":
      // An answer without rate-limit headers (a dropped connection) keeps the last ones shown.
      state.rateLimits = state.lastClient.rateLimits ?? state.rateLimits;
      return sendJson(res, 200, {
        mode: options.mode,
        scenarios: options.mode === "fake",
        rateLimits: state.rateLimits ?? null,
        lastCall: callLog.last() ?? null,
        fleet: options.fleet?.name ?? null,
        now: Date.now(),
      });
    case "GET /api/fleet":
    case "GET /api/fleet/instance":
      if (!options.fleet) {
        throw new HttpError(
          404,
          "Not a fleet: start one with `pnpm --filter @venice-errors/demo fleet`.",
        );
      }
      return sendJson(
        res,
        200,
        pathname === "/api/fleet"
          ? await fleetOverview(options.fleet, callLog)
          : instanceView(options.fleet, callLog),
      );
    case "GET /api/trace":
      return options.traces ? options.traces.respond(res) : sendJson(res, 200, { trace: null });
    case "GET /api/models":
      try {
        const list = await client.models.list();
        const models = (list?.data ?? list ?? [])
          .filter((/** @type {{ type?: string }} */ model) => !model.type || model.type === "text")
          .map((/** @type {{ id: string }} */ model) => ({ id: model.id }));
        return sendJson(res, 200, { models });
      } catch (thrown) {
        return sendVeniceError(res, veniceErrorOf(thrown, secrets));
      }
    case "POST /api/chat": {
      const body = await readJson(req);
      state.lastClient = client;
      return relayChat({ client, params: chatParams(body), res, callLog, secrets });
    }
    case "POST /api/trigger": {
      const body = await readJson(req);
      if (options.mode !== "fake" || !options.lab) {
        throw new HttpError(409, "Scenarios only run against the built-in fake Venice server.");
      }
      const scenario = typeof body.scenario === "string" ? body.scenario : "";
      const code = typeof body.code === "string" ? body.code : undefined;
      const params = chatParams(body);
      const plan = scriptsFor({ scenario, code, params }, { maxRetries: options.maxRetries });
      if (!plan) throw new HttpError(400, `Unknown scenario: ${scenario}${code ? ` ${code}` : ""}`);
      const { lab } = options;
      lab.replace(plan.scripts);
      const labClient = options.createLabClient?.() ?? client;
      state.lastClient = labClient;
      try {
        return await relayChat({
          client: labClient,
          params,
          res,
          callLog,
          scenario: code ?? scenario,
          timeoutMs: plan.timeoutMs,
          abortAfterMs: plan.abortAfterMs,
          secrets,
        });
      } finally {
        lab.clear();
      }
    }
    case "POST /api/image":
    case "POST /api/speech":
    case "POST /api/video": {
      const kind = /** @type {keyof typeof import("./media.js").MEDIA_KINDS} */ (pathname.slice(5));
      const body = await readJson(req);
      const scenario = typeof body.scenario === "string" ? body.scenario : undefined;
      if (scenario === undefined) {
        state.lastClient = client;
        return relayMedia({ kind, client, body, res, callLog, secrets });
      }
      const plan = Object.hasOwn(MEDIA_SCENARIOS, scenario)
        ? MEDIA_SCENARIOS[/** @type {keyof typeof MEDIA_SCENARIOS} */ (scenario)]
        : undefined;
      if (options.mode !== "fake" || !options.lab) {
        throw new HttpError(409, "Scenarios only run against the built-in fake Venice server.");
      }
      if (plan?.kind !== kind) throw new HttpError(400, `Unknown ${kind} scenario: ${scenario}`);
      const { lab } = options;
      lab.replace(plan.scripts());
      const labClient = options.createLabClient?.() ?? client;
      state.lastClient = labClient;
      try {
        return await relayMedia({ kind, client: labClient, body, res, callLog, scenario, secrets });
      } finally {
        lab.clear();
      }
    }
    default:
      if (pathname.startsWith("/api/")) throw new HttpError(404, `No route ${route}`);
      if (req.method !== "GET" && req.method !== "HEAD")
        throw new HttpError(405, "Method not allowed");
      return serveStatic(res, options.distDir, pathname);
  }
}
