import "@venice-errors/test-utils/vitest";
import { toVeniceError } from "@venice-errors/core";
import { createErrorResponse, createVeniceError } from "@venice-errors/test-utils";
import { expect, it } from "vitest";

it("matches Venice errors by code, retryability and wait", async () => {
  const error = createVeniceError("MODEL_OVERLOADED");
  expect(error).toBeVeniceError("MODEL_OVERLOADED");
  expect(error).toBeRetryable();
  expect(error).toHaveRetryAfter(30_000);
  expect(createVeniceError("INSUFFICIENT_BALANCE")).not.toBeRetryable();

  const rejecting = Promise.reject(toVeniceError(createErrorResponse("UNAUTHORIZED")));
  await expect(rejecting).rejects.toBeVeniceError();
});
