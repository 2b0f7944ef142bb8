import { veniceErrorAnswer } from "./error-response.js";
import { relayableVeniceError } from "./relayable.js";

/** The part of Express's (Node's) response the handler writes to: no dependency on express. */
export interface ExpressResponseLike {
  headersSent: boolean;
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body: string): unknown;
}

/** Express error middleware: four parameters, so Express knows it handles errors. */
export type ExpressErrorMiddleware = (
  error: unknown,
  request: unknown,
  response: ExpressResponseLike,
  next: (error?: unknown) => void,
) => void;

/**
 * Error middleware for Express 5 (`app.use(veniceExpressErrorHandler())`, after the routes): a
 * Venice error (or an SDK error with a Venice answer behind it) is answered as
 * `veniceErrorResponse` would; anything else, or an error after the headers went out, is passed
 * on with `next(error)` to the next error handler (Express's default: 500).
 */
export function veniceExpressErrorHandler(init?: ResponseInit): ExpressErrorMiddleware {
  return (error, _request, response, next) => {
    const venice = relayableVeniceError(error);
    if (!venice || response.headersSent) {
      next(error);
      return;
    }
    const answer = veniceErrorAnswer(venice, init);
    response.statusCode = answer.status;
    answer.headers.forEach((value, name) => {
      response.setHeader(name, value);
    });
    response.end(answer.body);
  };
}
