// The fake Venice server of the runtime checks: test-utils' BUILT server (dist/), scripted by model.
import { join } from "node:path";
import { ROOT } from "./repo.ts";

/** The part of test-utils' FakeVenice the runtime checks use. */
export interface FakeVenice {
  url: string;
  setHandler(handler: (request: { body?: { model?: string } }) => unknown): void;
  close(): Promise<void>;
}

/**
 * Starts test-utils' fake Venice answering by model, as the runtime scripts expect: "flaky" fails
 * every other request with `flakyFailure`, "broke" is a 402 INSUFFICIENT_BALANCE, "overloaded"
 * streams two chunks then an in-band MODEL_OVERLOADED; any other model gets the default answer.
 */
export async function startVeniceByModel(
  apiKey: string,
  flakyFailure: unknown,
): Promise<FakeVenice> {
  const server = (await import(join(ROOT, "packages/test-utils/dist/server.js"))) as {
    startFakeVenice(options: { apiKey: string }): Promise<FakeVenice>;
  };
  const venice = await server.startFakeVenice({ apiKey });
  let flaky = 0;
  venice.setHandler((request) => {
    const model = request.body?.model;
    if (model === "flaky" && flaky++ % 2 === 0) return flakyFailure;
    if (model === "broke") return { error: "INSUFFICIENT_BALANCE" };
    if (model === "overloaded")
      return { stream: { chunks: ["Par", "tial"], error: "MODEL_OVERLOADED" } };
    return undefined;
  });
  return venice;
}
