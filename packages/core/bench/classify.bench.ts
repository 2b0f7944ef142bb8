/**
 * `pnpm bench`: the cost of classifying realistic raw Venice error bodies, side by side with
 * what the `openai` package does with the same body (a safe JSON.parse, then
 * `APIError.generate`, exactly as its client does) and with a bare `JSON.parse` (the floor).
 */
import { APIError } from "openai";
import { bench, describe } from "vitest";
import { toVeniceError } from "../src/index.js";
import { INPUTS } from "./inputs.mjs";

/** openai-node's own `safeJSON` (internal/utils/values): parse, or undefined. */
function safeJSON(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

for (const { name, status, body, headers } of INPUTS) {
  describe(name, () => {
    bench("JSON.parse (floor)", () => {
      safeJSON(body);
    });
    bench("openai APIError.generate", () => {
      const json = safeJSON(body);
      APIError.generate(status, json, json ? undefined : body, headers);
    });
    bench("toVeniceError", () => {
      toVeniceError({ status, headers, body });
    });
  });
}

describe("all inputs", () => {
  bench("JSON.parse (floor)", () => {
    for (const { body } of INPUTS) safeJSON(body);
  });
  bench("openai APIError.generate", () => {
    for (const { status, body, headers } of INPUTS) {
      const json = safeJSON(body);
      APIError.generate(status, json, json ? undefined : body, headers);
    }
  });
  bench("toVeniceError", () => {
    for (const { status, body, headers } of INPUTS) toVeniceError({ status, headers, body });
  });
});
