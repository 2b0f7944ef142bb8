import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { failure, type Harness, startHarness } from "../test-support/fake-venice.js";
import { makeMedia } from "./media.example.js";
import { answer } from "./responses.example.js";

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ server: { jobs: { durationMs: 10_000 } } });
});
afterEach(() => h.venice.close());

describe("README examples", () => {
  it.each(["media.example.ts", "responses.example.ts"])("shows %s verbatim", (name) => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const code = readFileSync(new URL(name, import.meta.url), "utf8").trimEnd();
    expect(readme).toContain(`\`\`\`ts\n${code}\n\`\`\``);
  });

  it("makeMedia runs against the fake Venice", async () => {
    const media = await makeMedia(h.client);
    expect(media.transcript).toBe("Hello from the fake Venice API.");
    expect(media.video?.byteLength).toBeGreaterThan(0);
    expect(h.waits).toEqual([5000, 5000]);
  });

  it("makeMedia surfaces a blocked video", async () => {
    h.venice.enqueue({
      route: "POST /video/queue",
      job: { durationMs: 0, outcome: "content_policy" },
    });
    const warn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      expect((await failure(makeMedia(h.client))).creditsRefunded).toBe(true);
    } finally {
      console.warn = warn;
    }
    expect(String(warnings[0])).toContain("credits refunded: true; try venice-uncensored");
  });

  it("answer streams, and keeps the partial text on MODEL_OVERLOADED", async () => {
    expect(await answer("Hi", h.client)).toBe("You said: Hi");
    h.venice.enqueue({
      route: "POST /responses",
      stream: { chunks: ["Half", " an"], error: "MODEL_OVERLOADED" },
    });
    expect(await answer("Hi", h.client)).toBe("Half an [interrupted: retry in 30 s]");
  });
});
