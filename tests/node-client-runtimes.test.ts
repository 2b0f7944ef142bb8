// @venice-errors/node-client is for servers, and servers also run on Bun and Deno. This check
// installs the PACKED node-client (with the packed core) into an empty project and runs the same
// script under Node, Bun and Deno against the fake Venice server: a completion, a stream, a
// retried 503, a 402 that is not retried, and an in-band stream error. Every runtime must agree.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeVenice, startVeniceByModel } from "./helpers/fake-venice.ts";
import {
  type BuildState,
  bin,
  cleanEnv,
  describeRun,
  ensureBuilt,
  makeTempDir,
  PUBLISHED,
  packPackage,
  removeTempDir,
  run,
} from "./helpers/repo.ts";

/** The consumer script: plain ESM, one JSON line on stdout. */
const SCRIPT = `import diagnostics from "node:diagnostics_channel";
import { createVeniceClient, VENICE_DIAGNOSTICS_CHANNELS as CHANNELS } from "@venice-errors/node-client";
const [baseURL] = process.argv.slice(2);
// The diagnostics channels: every event name in order, the same in every runtime.
const events = [];
const on = (name) => (message) => events.push(message.code ? name + " " + message.code : name);
diagnostics.tracingChannel(CHANNELS.request).subscribe({ start: on("start"), end: () => {}, asyncStart: on("settled"), asyncEnd: () => {}, error: on("error") });
for (const [key, name] of Object.entries(CHANNELS)) if (key !== "request") diagnostics.subscribe(name, on(key));
const client = createVeniceClient({ apiKey: "vk-runtime-0123456789", baseURL, retry: { baseDelayMs: 1, maxDelayMs: 1 } });
const messages = [{ role: "user", content: "Hello" }];
const caught = async (promise) => { try { await promise; return null; } catch (error) { return { code: error.code, status: error.status, attempts: error.attempts.length, retryAfterMs: error.retryAfterMs ?? null }; } };
const report = {};
const reply = await client.chat.completions.create({ model: "ok", messages });
report.reply = reply.choices[0].message.content;
let streamed = "";
for await (const chunk of await client.chat.completions.create({ model: "ok", messages, stream: true })) {
  streamed += chunk.choices[0]?.delta?.content ?? "";
}
report.streamed = streamed;
const retried = await client.chat.completions.create({ model: "flaky", messages });
report.retried = retried.choices[0].message.content;
report.balance = await caught(client.chat.completions.create({ model: "broke", messages }));
report.inStream = await caught((async () => {
  for await (const chunk of await client.chat.completions.create({ model: "overloaded", messages, stream: true })) void chunk;
})());
report.events = events;
console.log(JSON.stringify(report));
`;

const RUNTIMES: Array<[name: string, command: string, args: string[]]> = [
  ["node", process.execPath, []],
  ["bun", bin("bun"), ["run"]],
  ["deno", bin("deno"), ["run", "--allow-net", "--allow-read", "--allow-env", "--no-prompt"]],
];

let work = "";
let build: BuildState = { ok: true, log: "" };
let venice: FakeVenice | undefined;
const reports = new Map<string, Record<string, unknown>>();

beforeAll(async () => {
  build = await ensureBuilt();
  work = await makeTempDir("node-client-runtimes");
  const [core, nodeClient] = await Promise.all(
    PUBLISHED.filter((pkg) => pkg.dir === "core" || pkg.dir === "node-client").map((pkg) =>
      packPackage(pkg, work, build),
    ),
  );
  const project = join(work, "project");
  await run("mkdir", ["-p", project], { cwd: work });
  await writeFile(join(project, "package.json"), '{ "name": "consumer", "type": "module" }\n');
  await writeFile(join(project, "main.mjs"), SCRIPT);
  const install = await run(
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      "--prefer-offline",
      "--loglevel=error",
      core!,
      nodeClient!,
    ],
    { cwd: project, env: cleanEnv() },
  );
  if (install.code !== 0) throw new Error(`npm install failed\n${describeRun(install)}`);

  // A chat is paid work: it is retried only on an overload that says when to come back.
  venice = await startVeniceByModel("vk-runtime-0123456789", {
    error: "MODEL_AT_CAPACITY",
    retryAfter: 1,
  });
  for (const [name, command, args] of RUNTIMES) {
    const result = await run(command, [...args, "main.mjs", venice.url], {
      cwd: project,
      env: cleanEnv({ NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1", DENO_DIR: join(work, "deno") }),
      timeoutMs: 60_000,
    });
    const line = result.stdout.trim().split("\n").at(-1) ?? "";
    if (result.code !== 0 || !line.startsWith("{")) {
      throw new Error(`${name} failed to run the client\n${describeRun(result)}`);
    }
    reports.set(name, JSON.parse(line));
  }
});

afterAll(async () => {
  await venice?.close();
  await removeTempDir(work);
});

describe("@venice-errors/node-client (packed) under Node, Bun and Deno", () => {
  it("gets the same answers and errors in every runtime", () => {
    const node = reports.get("node");
    expect(node).toMatchObject({
      reply: expect.stringMatching(/\S/),
      streamed: expect.stringMatching(/\S/),
      retried: expect.stringMatching(/\S/),
      balance: { code: "INSUFFICIENT_BALANCE", status: 402, attempts: 1 },
      inStream: { code: "MODEL_OVERLOADED", status: 200 },
    });
    const lifecycles = [
      ["start", "try", "settled"], // reply
      ["start", "streamFirst", "try", "settled", "streamEnd"], // streamed
      ["start", "try MODEL_AT_CAPACITY", "try", "settled"], // retried
      ["start", "try INSUFFICIENT_BALANCE", "error", "settled"], // balance
      ["start", "streamFirst", "try", "settled", "streamError"], // inStream
    ];
    expect(node?.events, "the diagnostics channels publish each lifecycle").toEqual(
      lifecycles.flat(),
    );
    expect(reports.get("bun"), "Bun agrees with Node").toEqual(node);
    expect(reports.get("deno"), "Deno agrees with Node").toEqual(node);
  });
});
