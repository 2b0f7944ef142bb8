// What a user of @venice-errors/core writes; type-checked against the packed package.
import {
  catalog,
  formatVeniceError,
  isVeniceError,
  retryDelay,
  toVeniceError,
  VENICE_ERROR_CODES,
  type VeniceActionFailure,
  type VeniceError,
  type VeniceErrorCode,
  veniceActionError,
  veniceErrorResponse,
  veniceStreamErrorText,
} from "@venice-errors/core";
import {
  type ExpressErrorMiddleware,
  veniceExpressErrorHandler,
} from "@venice-errors/core/express";
import { type HonoErrorHandler, veniceHonoErrorHandler } from "@venice-errors/core/hono";
import { ko } from "@venice-errors/core/locales/ko";
import { standardErrorBodySchema } from "@venice-errors/core/schemas";

const error: VeniceError = toVeniceError({ status: 402, body: '{"error":"Insufficient balance"}' });
const code: VeniceErrorCode = error.code;
const wait: number | null = retryDelay(error, 1, { maxRetryAfterMs: 10_000 });
const title: string = formatVeniceError(error, { locale: ko }).title;
const fields: Record<string, string[]> = error.fieldErrors;
const first: VeniceErrorCode | undefined = VENICE_ERROR_CODES[0];
const status: number = catalog.RATE_LIMIT_EXCEEDED.status;
const parsed = standardErrorBodySchema.safeParse(error.body);
export const summary = [
  code,
  wait,
  title,
  fields,
  first,
  status,
  parsed.success,
  isVeniceError(error),
];

// The hop from a server to the browser, in each form.
const response: Response = veniceErrorResponse(error, { headers: { "x-app": "1" } });
const action: VeniceActionFailure = veniceActionError(error);
const errorText: string = veniceStreamErrorText(error);
const onError: HonoErrorHandler = veniceHonoErrorHandler();
const middleware: ExpressErrorMiddleware = veniceExpressErrorHandler();
export const hop = [
  response.status,
  action.error.code,
  toVeniceError(new Error(errorText)).code,
  onError,
  middleware,
];
