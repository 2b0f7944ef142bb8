// `pnpm bench`: the per-shape classification table. For each body shape: a bare JSON.parse (the
// floor), what openai-node does with the same raw body (safe JSON.parse, then
// `APIError.generate`, as its client does) and `toVeniceError`, timed in interleaved rounds (the
// order rotates each round) on the built package; CPU time per call, medians of the rounds. Both keep the stack trace.
// `node bench/shapes.mjs [--rounds 15] [--ms 40] [--baseline old/dist/index.js]` (`--baseline`: an
// earlier build of core, run as one more contender in the same rounds).
import { APIError } from "openai";
import { toVeniceError } from "../dist/index.js";
import { INPUTS } from "./inputs.mjs";

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const index = argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(argv[index + 1]);
};
const ROUNDS = option("rounds", 15);
const baselineIndex = argv.indexOf("--baseline");
const BASELINE =
  baselineIndex === -1
    ? undefined
    : (await import(new URL(argv[baselineIndex + 1], `file://${process.cwd()}/`).href))
        .toVeniceError;
const MS = option("ms", 40);

/** openai-node's own `safeJSON` (internal/utils/values): parse, or undefined. */
function safeJSON(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const contenders = [
  ["JSON.parse", ({ body }) => safeJSON(body)],
  [
    "openai",
    ({ status, body, headers }) => {
      const json = safeJSON(body);
      return APIError.generate(status, json, json ? undefined : body, headers);
    },
  ],
  ["toVeniceError", ({ status, body, headers }) => toVeniceError({ status, headers, body })],
];
if (BASELINE) {
  contenders.push(["baseline", ({ status, body, headers }) => BASELINE({ status, headers, body })]);
}

let sink;
/**
 * ns of CPU per call of `run(input)`, over about `MS` milliseconds. CPU time, not wall time: on a
 * shared machine other processes preempt this one, and wall time would count their turns.
 */
function time(run, input) {
  let calls = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  do {
    for (let i = 0; i < 200; i++) sink = run(input);
    calls += 200;
  } while (performance.now() - start < MS);
  const used = process.cpuUsage(cpu);
  return ((used.user + used.system) * 1000) / calls;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const samples = INPUTS.map(() => contenders.map(() => []));
for (const input of INPUTS) for (const [, run] of contenders) time(run, input); // warm-up
for (let round = 0; round < ROUNDS; round++) {
  INPUTS.forEach((input, shape) => {
    for (let k = 0; k < contenders.length; k++) {
      const c = (k + round) % contenders.length;
      samples[shape][c].push(time(contenders[c][1], input));
    }
  });
}

console.log(
  `\nclassification per body shape, node ${process.version}: CPU ns per call, medians of ${ROUNDS} interleaved rounds of ~${MS} ms (spread: widest round from the median)\n`,
);
const extra = BASELINE ? " baseline | baseline vs openai |" : "";
console.log(
  `| shape | JSON.parse | openai APIError | toVeniceError | vs openai | vs JSON.parse |${extra}`,
);
console.log(`|---|---:|---:|---:|---:|---:|${BASELINE ? "---:|---:|" : ""}`);
let totals = contenders.map(() => 0);
INPUTS.forEach((input, shape) => {
  const m = samples[shape].map(median);
  totals = totals.map((t, i) => t + m[i]);
  const spread = (values) =>
    `±${((Math.max(...values.map((v) => Math.abs(v - median(values)))) / median(values)) * 100).toFixed(0)}%`;
  console.log(
    `| ${input.name} | ${m[0].toFixed(0)} | ${m[1].toFixed(0)} (${spread(samples[shape][1])}) | ` +
      `${m[2].toFixed(0)} (${spread(samples[shape][2])}) | ${(m[2] / m[1]).toFixed(2)}× | ${(m[2] / m[0]).toFixed(1)}× |` +
      (BASELINE ? ` ${m[3].toFixed(0)} | ${(m[3] / m[1]).toFixed(2)}× |` : ""),
  );
});
console.log(
  `| **all shapes** | ${totals[0].toFixed(0)} | ${totals[1].toFixed(0)} | ${totals[2].toFixed(0)} | ${(totals[2] / totals[1]).toFixed(2)}× | ${(totals[2] / totals[0]).toFixed(1)}× |` +
    (BASELINE ? ` ${totals[3].toFixed(0)} | ${(totals[3] / totals[1]).toFixed(2)}× |` : ""),
);
void sink;
