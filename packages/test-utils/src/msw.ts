import type { VeniceErrorCode } from "@venice-errors/core";
import { delay, type HttpHandler, HttpResponse, http } from "msw";
import { createIdGenerator, type IdGenerator } from "./factories/ids.js";
import { type FakeJobOptions, FakeJobStore } from "./jobs.js";
import { recordedBody, recordedHeader, recordedUrl } from "./record.js";
import { parseRequestBody } from "./request-body.js";
import {
  type FakeVeniceErrorScript,
  type FakeVenicePlan,
  type FakeVeniceRequest,
  type FakeVeniceRoute,
  type FakeVeniceScript,
  type FakeVeniceStreamScript,
  planAnswer,
} from "./scripts.js";

export type {
  FakeVeniceRequest,
  FakeVeniceRoute,
  FakeVeniceScript,
} from "./scripts.js";

/** The live API's base URL, which the handlers intercept by default. */
export const VENICE_API_BASE_URL = "https://api.venice.ai/api/v1";

/** Options shared by every handler factory. */
export interface VeniceHandlerOptions {
  /** The base URL your code calls (default `https://api.venice.ai/api/v1`). */
  baseURL?: string;
  /** Seed for CF-RAYs and request ids (default 1). */
  seed?: number;
  /** Clock in epoch ms (default `Date.now`): audio and video jobs advance with it. */
  now?: () => number;
}

/** Options of `createVeniceHandlers`: the handler defaults, and the defaults of every fake job. */
export interface VeniceHandlersOptions extends VeniceHandlerOptions {
  /** Defaults of every audio and video job (`durationMs` default 10 000, `outcome`, `expiresAfterMs`). */
  jobs?: FakeJobOptions;
}

/** Options of `fail`: which requests fail, how often, and the error's details. */
export interface FailOptions
  extends VeniceHandlerOptions,
    Omit<FakeVeniceErrorScript, "error" | "route"> {
  /** Only fail this route (`"POST /chat/completions"`); default: every Venice route. */
  route?: FakeVeniceRoute;
  /** Fail this many requests, then let later ones fall through to the next handler (default: all). */
  times?: number;
}

/** Options of `sequence`. */
export interface SequenceOptions extends VeniceHandlerOptions {
  /** Only answer this route; default: every Venice route. */
  route?: FakeVeniceRoute;
}

/** Options of `streamError`. */
export interface StreamErrorOptions extends VeniceHandlerOptions {
  /** Text chunks sent before the error, or how many (default 3). */
  chunks?: readonly string[] | number;
  /** Error the body after this many chunks instead of sending the in-band error (STREAM_INTERRUPTED). */
  cutAfter?: number;
  /** Only for this many requests, then fall through (default: all). */
  times?: number;
}

/** One step of a `sequence`: a script, or `"success"` for the route's default success. */
export type SequenceStep = FakeVeniceScript | "success";

/** The MSW handler factories for the Venice API (MSW v2). */
export interface VeniceHandlers {
  /** Every request to the route(s) fails with `code` (realistic body and headers), `times` times. */
  fail(code: VeniceErrorCode, options?: FailOptions): HttpHandler;
  /**
   * Answers successive requests with successive steps — `sequence([{ error: "MODEL_AT_CAPACITY" },
   * { error: "MODEL_AT_CAPACITY" }, "success"])` fails twice with 503, then succeeds — and lets
   * requests after the last step fall through to the next handler.
   */
  sequence(steps: readonly SequenceStep[], options?: SequenceOptions): HttpHandler;
  /** `POST /chat/completions` streams chunks, then the in-band error of `code` (status stays 200). */
  streamError(code: VeniceErrorCode, options?: StreamErrorOptions): HttpHandler;
  /** A stream of chunks whose connection drops after `cutAfter` chunks (the client sees STREAM_INTERRUPTED). */
  streamCut(cutAfter: number, options?: Omit<StreamErrorOptions, "cutAfter">): HttpHandler;
  /** Decide per request with a function; `undefined` falls through to the next handler. */
  script(
    decide: (request: FakeVeniceRequest) => SequenceStep | undefined,
    options?: VeniceHandlerOptions,
  ): HttpHandler;
  /** Default successes for every route the fake server speaks (binary answers, multipart uploads, jobs). */
  success(options?: VeniceHandlerOptions): HttpHandler;
}

async function readRequest(request: Request, base: URL, now: number): Promise<FakeVeniceRequest> {
  const url = new URL(request.url);
  const basePath = base.pathname.replace(/\/$/, "");
  const path = url.pathname.startsWith(basePath)
    ? url.pathname.slice(basePath.length) || "/"
    : url.pathname;
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = recordedHeader(name, value);
  });
  return {
    method: request.method,
    path,
    route: `${request.method} ${path}`,
    url: recordedUrl(`${url.pathname}${url.search}`),
    headers,
    body: recordedBody(
      await parseRequestBody(
        new Uint8Array(await request.clone().arrayBuffer()),
        request.headers.get("content-type") ?? undefined,
      ),
    ),
    at: now,
  };
}

async function toResponse(plan: FakeVenicePlan): Promise<Response> {
  if (plan.delayMs > 0) await delay(plan.delayMs);
  if (plan.kind === "hangUp") return HttpResponse.error();
  if (plan.kind === "answer") {
    const body = plan.answer.body;
    return new HttpResponse(body === "" ? null : (body as BodyInit), {
      status: plan.answer.status,
      headers: plan.answer.headers,
    });
  }
  const encoder = new TextEncoder();
  let index = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (plan.cutAfter !== undefined && index >= plan.cutAfter) {
        controller.error(new TypeError("terminated: other side closed"));
        return;
      }
      const event = plan.events[index++];
      if (event === undefined) {
        controller.close();
        return;
      }
      if (index > 1 && plan.chunkDelayMs > 0) await delay(plan.chunkDelayMs);
      controller.enqueue(encoder.encode(event));
    },
  });
  return new HttpResponse(body, { status: 200, headers: plan.headers });
}

/**
 * Builds one MSW handler for every request under `baseURL`; `decide` returns a script, `"success"`,
 * or `undefined` to let the request fall through to the next handler.
 */
function veniceHandler(
  options: VeniceHandlerOptions,
  jobs: FakeJobStore,
  decide: (request: FakeVeniceRequest) => SequenceStep | undefined,
): HttpHandler {
  const baseURL = (options.baseURL ?? VENICE_API_BASE_URL).replace(/\/$/, "");
  const base = new URL(baseURL);
  const clock = options.now ?? Date.now;
  const ids: IdGenerator = createIdGenerator(options.seed ?? 1);
  return http.all(`${baseURL}/*`, async ({ request }) => {
    const now = clock();
    const venice = await readRequest(request, base, now);
    const step = decide(venice);
    if (step === undefined) return undefined;
    const script = step === "success" ? undefined : step;
    return toResponse(planAnswer(script, venice, { ids, now, jobs }));
  });
}

function matches(route: FakeVeniceRoute | undefined, request: FakeVeniceRequest): boolean {
  return route === undefined || route === request.route;
}

/**
 * Creates the handler factories; `defaults` apply to every handler they build. The handlers of one
 * factory share their audio and video jobs, so a job queued through one is retrieved through another.
 */
export function createVeniceHandlers(options: VeniceHandlersOptions = {}): VeniceHandlers {
  const { jobs: jobDefaults, ...defaults } = options;
  const jobs = new FakeJobStore(jobDefaults);
  const withDefaults = <T extends VeniceHandlerOptions>(options: T | undefined): T =>
    ({ ...defaults, ...options }) as T;
  return {
    fail(code, options) {
      const {
        times = Number.POSITIVE_INFINITY,
        route,
        baseURL,
        seed,
        now,
        ...error
      } = withDefaults(options);
      let used = 0;
      return veniceHandler(withDefaults({ baseURL, seed, now }), jobs, (request) => {
        if (!matches(route, request) || used >= times) return undefined;
        used++;
        return { ...error, error: code };
      });
    },
    sequence(steps, options) {
      const merged = withDefaults(options);
      let next = 0;
      return veniceHandler(merged, jobs, (request) => {
        if (!matches(merged.route, request) || next >= steps.length) return undefined;
        return steps[next++];
      });
    },
    streamError(code, options) {
      return streamHandler(withDefaults(options), { error: code });
    },
    streamCut(cutAfter, options) {
      return streamHandler(withDefaults(options), { cutAfter });
    },
    script(decide, options) {
      return veniceHandler(withDefaults(options), jobs, decide);
    },
    success(options) {
      return veniceHandler(withDefaults(options), jobs, () => "success");
    },
  };

  function streamHandler(
    options: StreamErrorOptions,
    stream: Omit<FakeVeniceStreamScript["stream"], "chunks">,
  ): HttpHandler {
    const { times = Number.POSITIVE_INFINITY, chunks = 3, cutAfter } = options;
    let used = 0;
    return veniceHandler(options, jobs, (request) => {
      if (request.route !== "POST /chat/completions" || used >= times) return undefined;
      used++;
      return {
        stream: { chunks, ...stream, ...(cutAfter === undefined ? {} : { cutAfter }) },
      };
    });
  }
}

/**
 * MSW v2 handlers for the Venice API at `https://api.venice.ai/api/v1`
 * (use `createVeniceHandlers({ baseURL })` for another base URL).
 *
 * ```ts
 * server.use(veniceHandlers.fail("INSUFFICIENT_BALANCE", { times: 1 }));
 * ```
 */
export const veniceHandlers: VeniceHandlers = createVeniceHandlers();
