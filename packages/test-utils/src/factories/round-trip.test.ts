import {
  ALL_VENICE_ERROR_CODES,
  catalog,
  parseVeniceError,
  toVeniceError,
  VENICE_ERROR_CODES,
} from "@venice-errors/core";
import { describe, expect, it } from "vitest";
import {
  CLIENT_SIDE_CODES,
  createErrorBody,
  type HttpErrorCode,
  isClientSideCode,
  shapesFor,
} from "./bodies.js";
import { createErrorAnswer, createErrorResponse } from "./responses.js";
import { createSseEvents, createStreamErrorEvent } from "./stream.js";
import { createVeniceError } from "./venice-error.js";

const HTTP_CODES = ALL_VENICE_ERROR_CODES.filter(
  (code): code is HttpErrorCode => !isClientSideCode(code),
);
const CASES = HTTP_CODES.flatMap((code) => shapesFor(code).map((shape) => [code, shape] as const));

describe("the fakes and the classifier agree", () => {
  it("covers the 40 table codes and the extras", () => {
    expect(VENICE_ERROR_CODES).toHaveLength(40);
    expect(HTTP_CODES.length + CLIENT_SIDE_CODES.length).toBe(ALL_VENICE_ERROR_CODES.length);
    expect(CASES.length).toBeGreaterThan(HTTP_CODES.length * 7);
  });

  it.each(HTTP_CODES)("%s: the default createErrorResponse is parsed back to it", async (code) => {
    const response = createErrorResponse(code);
    expect(response.status).toBe(catalog[code].status);
    const error = await parseVeniceError(response);
    expect(error.code).toBe(code);
    expect(error.status).toBe(catalog[code].status);
    expect(error.requestId).toBe(response.headers.get("x-request-id"));
  });

  it.each(CASES)("%s in the %s shape round-trips", (code, shape) => {
    const answer = createErrorAnswer(code, { shape });
    expect(toVeniceError(answer).code).toBe(code);
    const body = createErrorBody(code, { shape });
    // The body alone, with the status and the answer's headers, as a client would see it.
    expect(toVeniceError({ status: answer.status, headers: answer.headers, body }).code).toBe(code);
  });

  it.each(HTTP_CODES)("%s as an in-band stream error (status 200) round-trips", (code) => {
    expect(toVeniceError({ status: 200, body: createStreamErrorEvent(code) }).code).toBe(code);
    const events = createSseEvents({ chunks: 2, error: code });
    const errorEvent = events.at(-2)?.slice("data: ".length);
    expect(toVeniceError({ status: 200, body: errorEvent }).code).toBe(code);
  });

  it.each(ALL_VENICE_ERROR_CODES)("createVeniceError(%s) has that code and status", (code) => {
    const error = createVeniceError(code);
    expect(error.code).toBe(code);
    expect(error.status).toBe(catalog[code].status);
    expect(error.retryable).toBe(catalog[code].retryable);
    expect(toVeniceError(error)).toBe(error);
  });
});
