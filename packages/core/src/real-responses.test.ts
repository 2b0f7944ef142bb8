import { describe, expect, it } from "vitest";
import { REAL_RESPONSES } from "./__fixtures__/real-responses.js";
import { toVeniceError } from "./to-venice-error.js";

const NOW = 1_790_000_000_000;

// Answers from public logs, bug reports and Venice's own guides that the classifier was not built
// from (sources in the fixture). Each is classified as a person reading the answer would expect.
describe("real Venice answers", () => {
  it.each(REAL_RESPONSES)("%s (%s)", (_name, _source, answer, expected) => {
    const error = toVeniceError(answer, { now: NOW });
    expect(error).toMatchObject(expected);
    expect(error.status).toBe(answer.status);
  });
});
