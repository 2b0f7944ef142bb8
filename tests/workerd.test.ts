// Cloudflare Workers: core's catalog suite and node-client's createVeniceFetch under workerd (the
// runtime behind Workers), beside Node, Bun, Deno, the Edge Runtime and Chromium
// (tests/runtimes.test.ts, tests/node-client-runtimes.test.ts). miniflare needs Node 22, so the test
// drives `workerd serve` itself: one bundled module worker, a port reported on a control fd, and a
// network service so the worker may reach the fake Venice server on 127.0.0.1.
import { type ChildProcess, spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeVenice, startVeniceByModel } from "./helpers/fake-venice.ts";
import {
  type BuildState,
  bin,
  describeRun,
  ensureBuilt,
  makeTempDir,
  ROOT,
  removeTempDir,
  run,
} from "./helpers/repo.ts";

/**
 * The worker's config. node-client needs Node-style timers (`refresh()`) and `node:` modules:
 * the default from compatibility date 2026-08-04, and behind `nodejs_compat` +
 * `enable_nodejs_global_timers` before it. The network service lets it reach 127.0.0.1.
 */
function config(date: string, flags: string[]): string {
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "loopback", network = (allow = ["local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "${date}",
  compatibilityFlags = [${flags.map((flag) => JSON.stringify(flag)).join(", ")}],
  globalOutbound = "loopback",
);
`;
}

/** [name, compatibility date, flags]: today's Workers and ones deployed before the default changed. */
const SETTINGS: Array<[name: string, date: string, flags: string[]]> = [
  ["compatibility date 2026-11-17", "2026-11-17", []],
  [
    "compatibility date 2025-09-01 + nodejs_compat",
    "2025-09-01",
    ["nodejs_compat", "enable_nodejs_global_timers"],
  ],
  // Web timers (numbers, no `refresh`): the stream's idle timer restarts by clearTimeout.
  ["compatibility date 2025-09-01, web timers", "2025-09-01", ["nodejs_compat"]],
];

let work = "";
let build: BuildState = { ok: true, log: "" };
let venice: FakeVenice | undefined;
const workerds: ChildProcess[] = [];
let workerdLog = "";
const origins = new Map<string, string>();
let bundle = "";

/** The workerd binary itself (node_modules/.bin/workerd is a Node wrapper that drops fd 3). */
const WORKERD = (createRequire(import.meta.url)("workerd") as { default: string }).default;

/** Starts workerd and resolves with the port it reports on the control fd (fd 3). */
function startWorkerd(config: string): Promise<number> {
  const child = spawn(WORKERD, ["serve", config, "--control-fd=3"], {
    cwd: work,
    stdio: ["ignore", "pipe", "pipe", "pipe"],
  });
  workerds.push(child);
  child.stdout?.on("data", (chunk) => {
    workerdLog += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    workerdLog += chunk;
  });
  return new Promise((resolve, reject) => {
    let control = "";
    const timer = setTimeout(
      () => reject(new Error(`workerd did not listen\n${workerdLog}`)),
      30_000,
    );
    (child.stdio[3] as Readable).on("data", (chunk) => {
      control += chunk;
      for (const line of control.split("\n")) {
        if (!line.trim()) continue;
        const message = JSON.parse(line) as { event?: string; socket?: string; port?: number };
        if (message.event === "listen" && message.socket === "http" && message.port) {
          clearTimeout(timer);
          resolve(message.port);
        }
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`workerd exited with ${code}\n${workerdLog}`));
    });
  });
}

async function get(setting: string, path: string): Promise<unknown> {
  const response = await fetch(`${origins.get(setting)}${path}`);
  const text = await response.text();
  if (!response.ok) throw new Error(`${path}: ${response.status} ${text}\n${workerdLog}`);
  return JSON.parse(text);
}

beforeAll(async () => {
  build = await ensureBuilt();
  if (!build.ok) throw new Error(`build failed\n${build.log}`);
  work = await makeTempDir("workerd");
  const file = join(work, "worker.js");
  const bundled = await run(
    bin("rolldown"),
    [
      join(ROOT, "tests/runtime/workerd-worker.js"),
      "--file",
      file,
      "--format",
      "esm",
      "--platform",
      "neutral",
      "--external",
      "node:*",
    ],
    { cwd: ROOT },
  );
  if (bundled.code !== 0) throw new Error(`rolldown failed\n${describeRun(bundled)}`);
  bundle = file;

  // Every other "flaky" request fails, so each runtime sees one 503 then the answer. The 503
  // carries a wait hint: a chat is paid work, resent only on answers that prove it did not run.
  venice = await startVeniceByModel("vk-workerd-0123456789abcdef", {
    error: "MODEL_AT_CAPACITY",
    headers: { "retry-after-ms": "5" },
  });
  for (const [name, date, flags] of SETTINGS) {
    const file = `config-${date}-${flags.join("-")}.capnp`;
    await writeFile(join(work, file), config(date, flags));
    origins.set(name, `http://127.0.0.1:${await startWorkerd(file)}`);
  }
}, 180_000);

afterAll(async () => {
  for (const workerd of workerds) {
    if (workerd.pid === undefined || workerd.exitCode !== null) continue;
    const exited = new Promise((resolve) => workerd.once("exit", resolve));
    process.kill(workerd.pid, "SIGTERM");
    await exited;
  }
  await venice?.close();
  await removeTempDir(work);
});

/** The same bundle's handler, called in this Node process. */
async function inNode(path: string): Promise<unknown> {
  const worker = (await import(pathToFileURL(bundle).href)) as {
    default: { fetch(request: Request): Promise<Response> };
  };
  const response = await worker.default.fetch(new Request(`http://worker${path}`));
  return response.json();
}

describe.each(SETTINGS)("Cloudflare Workers (workerd), %s", (setting) => {
  it("core's catalog suite gives the same answers as in Node", async () => {
    const suite = (await get(setting, "/suite")) as {
      codes: string[];
      results: Array<{ name: string; code: string; expected: string; brand: boolean }>;
    };
    const wrong = suite.results.filter(
      (result) => result.code !== result.expected || !result.brand,
    );
    expect(wrong).toEqual([]);
    expect(new Set(suite.results.map((result) => result.code))).toEqual(new Set(suite.codes));
    expect(suite).toEqual(await inNode("/suite"));
  });

  it("createVeniceFetch answers, streams, retries and fails as in Node", async () => {
    const base = `${venice!.url}`;
    const report = await get(setting, `/client?base=${encodeURIComponent(base)}`);
    expect(report).toMatchObject({
      reply: expect.stringMatching(/\S/),
      streamed: true,
      retried: expect.stringMatching(/\S/),
      balance: { code: "INSUFFICIENT_BALANCE", status: 402, attempts: 1 },
      inStream: { code: "MODEL_OVERLOADED", status: 200 },
      relayed: { status: 402, code: "INSUFFICIENT_BALANCE", attempts: 1 },
      keyLeaked: false,
    });
    expect(report).toEqual(await inNode(`/client?base=${encodeURIComponent(base)}`));
  });
});
