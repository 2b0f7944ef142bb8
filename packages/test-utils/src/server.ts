/// <reference types="node" />

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import {
  createAbuseLimit,
  type FakeAbuseCounter,
  type FakeAbuseLimitOptions,
} from "./abuse-limit.js";
import type { RateLimitHeaderOptions } from "./factories/headers.js";
import { createIdGenerator } from "./factories/ids.js";
import type { FakeAnswer } from "./factories/responses.js";
import { type FakeJobOptions, FakeJobStore } from "./jobs.js";
import { recordedBody, recordedHeader, recordedUrl } from "./record.js";
import { parseRequestBody } from "./request-body.js";
import {
  type FakeVeniceHandler,
  type FakeVenicePlan,
  type FakeVeniceRequest,
  type FakeVeniceScript,
  planAnswer,
} from "./scripts.js";

export type { FakeAbuseCounter, FakeAbuseLimitOptions } from "./abuse-limit.js";
export type { FakeJobOptions, FakeJobOutcome } from "./jobs.js";
export type { FakeBinaryBody, FakeMultipartBody, FakeUploadedFile } from "./request-body.js";
export type {
  FakeVeniceErrorScript,
  FakeVeniceHandler,
  FakeVeniceHangUpScript,
  FakeVeniceJobScript,
  FakeVeniceRawScript,
  FakeVeniceRequest,
  FakeVeniceRoute,
  FakeVeniceScript,
  FakeVeniceStreamScript,
  FakeVeniceSuccessScript,
} from "./scripts.js";

/** Options for `startFakeVenice`. */
export interface FakeVeniceOptions {
  /** Seed for CF-RAYs, request ids and completion ids (default 1). */
  seed?: number;
  /** Clock in epoch ms (default `Date.now`). */
  now?: () => number;
  /** When set, a request with another Bearer token gets 401 AUTHENTICATION_FAILED. */
  apiKey?: string;
  /** Delay before every answer (ms). */
  latencyMs?: number;
  /** Requests allowed per rate-limit window in the `x-ratelimit-*` headers (default 500). */
  requestLimit?: number;
  /** Port (default 0: a random free one). */
  port?: number;
  /**
   * Defaults of every audio and video job (`durationMs` default 10 000 by the `now` clock,
   * `outcome`, `expiresAfterMs`); a `{ job }` script overrides them per job.
   */
  jobs?: FakeJobOptions;
  /**
   * Play Venice's abuse lock-out: more than `maxFailures` failed requests (4xx other than 429) in
   * `windowMs` -> 429 `TOO_MANY_FAILED_ATTEMPTS` with `Retry-After` for `blockMs`. Off by default
   * (failures are still counted in `abuse`).
   */
  abuseLimit?: FakeAbuseLimitOptions;
}

/** A running fake Venice API. */
export interface FakeVenice {
  /** `http://127.0.0.1:PORT/api/v1`: the `baseURL` for clients. */
  readonly url: string;
  /** `http://127.0.0.1:PORT`. */
  readonly origin: string;
  readonly port: number;
  /** Every request received, in order. */
  readonly requests: readonly FakeVeniceRequest[];
  /** Queue scripts (FIFO); each answers one request (the first one whose `route` matches). */
  enqueue(...scripts: FakeVeniceScript[]): void;
  /** The fallback for requests no queued script answers; `undefined` restores the default. */
  setHandler(handler: FakeVeniceHandler | undefined): void;
  /** Scripts still waiting in the queue. */
  pending(): number;
  /** Failed requests per window (and the peak), lock-outs served; see `abuseLimit`. */
  readonly abuse: FakeAbuseCounter;
  /** Clears the queue, the handler, the recorded requests and the rate-limit counters. */
  reset(): void;
  /** Stops the server, destroying open connections (also streams); resolves when closed. */
  close(): Promise<void>;
}

function redactHeaders(headers: IncomingMessage["headers"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers)) {
    if (raw === undefined) continue;
    const value = Array.isArray(raw) ? raw.join(", ") : raw;
    out[name] = recordedHeader(name, value);
  }
  return out;
}

/**
 * Starts a real HTTP server on 127.0.0.1 (random port) that speaks the Venice API — chat
 * completions (also streamed), models, images (generate, edit, multi-edit, upscale, background
 * removal: PNG bytes), embeddings, speech (audio bytes), transcriptions (multipart uploads),
 * audio and video jobs (queue, retrieve, complete; status advances with the `now` clock), the
 * Responses API (also streamed), characters, API-key rate limits and billing — answers with
 * realistic headers, and can be scripted per request.
 *
 * ```ts
 * const venice = await startFakeVenice({ apiKey: "test-key" });
 * venice.enqueue({ error: "MODEL_OVERLOADED" }, { error: "MODEL_OVERLOADED" });
 * // …the third request succeeds; venice.requests records all three.
 * await venice.close();
 * ```
 */
export async function startFakeVenice(options: FakeVeniceOptions = {}): Promise<FakeVenice> {
  const clock = options.now ?? Date.now;
  const seed = options.seed ?? 1;
  let ids = createIdGenerator(seed);
  const requestLimit = options.requestLimit ?? 500;
  const tokenLimit = 1_000_000;
  const queue: FakeVeniceScript[] = [];
  const jobs = new FakeJobStore(options.jobs);
  const requests: FakeVeniceRequest[] = [];
  let handler: FakeVeniceHandler | undefined;
  let served = 0;
  let tokensUsed = 0;
  let windowStart = clock();
  const sockets = new Set<Socket>();
  let closing = false;
  const abuse = createAbuseLimit(options.abuseLimit, clock);

  /** Pending waits; `close()` ends them early so no answer is left hanging. */
  const waits = new Map<ReturnType<typeof setTimeout>, () => void>();
  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      if (ms <= 0 || closing) return resolve();
      const timer = setTimeout(() => {
        waits.delete(timer);
        resolve();
      }, ms);
      waits.set(timer, resolve);
    });

  /** Counts a request in the current 60 s window; the rate-limit state its answer reports. */
  const countRequest = (now: number, tokens: number): RateLimitHeaderOptions => {
    if (now - windowStart >= 60_000) {
      windowStart = now;
      served = 0;
      tokensUsed = 0;
    }
    served++;
    tokensUsed += tokens;
    return {
      now,
      limitRequests: requestLimit,
      remainingRequests: requestLimit - served,
      resetRequestsInMs: windowStart + 60_000 - now,
      limitTokens: tokenLimit,
      remainingTokens: tokenLimit - tokensUsed,
      resetTokensInMs: windowStart + 60_000 - now,
    };
  };
  const send = (res: ServerResponse, answer: FakeAnswer) => {
    if (res.destroyed) return;
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  };

  const takeScript = (route: string): FakeVeniceScript | undefined => {
    const index = queue.findIndex((script) => script.route === undefined || script.route === route);
    return index < 0 ? undefined : queue.splice(index, 1)[0];
  };

  const writeStream = async (
    req: IncomingMessage,
    res: ServerResponse,
    plan: Extract<FakeVenicePlan, { kind: "stream" }>,
  ) => {
    res.writeHead(200, plan.headers);
    res.flushHeaders();
    for (let i = 0; i < plan.events.length; i++) {
      if (plan.cutAfter !== undefined && i >= plan.cutAfter) {
        // Let the written chunks reach the client before the cut.
        await wait(5);
        req.socket.destroy();
        return;
      }
      if (res.destroyed || closing) return;
      res.write(plan.events[i]);
      if (plan.chunkDelayMs > 0) await wait(plan.chunkDelayMs);
    }
    res.end();
  };

  const answer = async (req: IncomingMessage, res: ServerResponse, request: FakeVeniceRequest) => {
    const now = clock();
    if (options.latencyMs) await wait(options.latencyMs);
    const context = { ids, now, jobs, countRequest: (tokens: number) => countRequest(now, tokens) };
    let plan: FakeVenicePlan;
    const lockedMs = abuse.lockedFor(now);
    if (lockedMs > 0) {
      const lockout: FakeVeniceScript = {
        error: "TOO_MANY_FAILED_ATTEMPTS",
        message: abuse.message,
        retryAfter: Math.ceil(lockedMs / 1000),
        headers: { "x-ratelimit-remaining": "0", "x-ratelimit-resets": String(lockedMs) },
      };
      plan = planAnswer(lockout, request, context);
    } else if (
      options.apiKey !== undefined &&
      req.headers.authorization !== `Bearer ${options.apiKey}`
    ) {
      plan = planAnswer({ error: "AUTHENTICATION_FAILED", requestId: false }, request, context);
    } else {
      const script = takeScript(request.route) ?? (await handler?.(request));
      plan = planAnswer(script, request, context);
    }
    if (plan.kind === "answer") abuse.record(plan.answer.status, now);
    if (plan.delayMs > 0) await wait(plan.delayMs);
    if (closing || res.destroyed) return;
    if (plan.kind === "hangUp") req.socket.destroy();
    else if (plan.kind === "stream") await writeStream(req, res, plan);
    else send(res, plan.answer);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      const url = req.url ?? "/";
      const pathname = url.split("?")[0] ?? "/";
      const path = pathname.startsWith("/api/v1")
        ? pathname.slice("/api/v1".length) || "/"
        : pathname;
      const method = req.method ?? "GET";
      const request: FakeVeniceRequest = {
        method,
        path,
        route: `${method} ${path}`,
        url: recordedUrl(url),
        headers: redactHeaders(req.headers),
        body: recordedBody(
          await parseRequestBody(Buffer.concat(chunks), req.headers["content-type"]),
        ),
        at: clock(),
      };
      requests.push(request);
      answer(req, res, request).catch((failure: unknown) => {
        if (res.headersSent) {
          res.destroy();
          return;
        }
        send(res, {
          status: 500,
          headers: { "content-type": "text/plain; charset=utf-8" },
          body: `fake Venice handler failed: ${failure instanceof Error ? failure.message : String(failure)}`,
        });
      });
    });
    req.on("error", () => res.destroy());
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  let closed: Promise<void> | undefined;

  return {
    url: `${origin}/api/v1`,
    origin,
    port,
    requests,
    enqueue: (...scripts) => {
      queue.push(...scripts);
    },
    setHandler: (next) => {
      handler = next;
    },
    pending: () => queue.length,
    abuse: abuse.counter,
    reset: () => {
      abuse.reset();
      queue.length = 0;
      requests.length = 0;
      handler = undefined;
      jobs.clear();
      served = 0;
      tokensUsed = 0;
      windowStart = clock();
      ids = createIdGenerator(seed);
    },
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        closing = true;
        for (const [timer, resolveWait] of waits) {
          clearTimeout(timer);
          resolveWait();
        }
        waits.clear();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closed;
    },
  };
}
