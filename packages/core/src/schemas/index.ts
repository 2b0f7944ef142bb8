/**
 * zod schemas of the error bodies the Venice API sends (venice-api-facts §2, §4, §8) and of
 * `VeniceError.toJSON()`. Use them to validate fakes in tests or to narrow a parsed body.
 * Schemas are loose (`z.looseObject`): Venice adds fields over time and they must not fail.
 */
import * as z from "zod";
import { ALL_VENICE_ERROR_CODES, type VeniceErrorCode } from "../catalog.js";

/** A zod issue as Venice relays it: `message` can be missing, `path` can be empty. */
export const zodIssueSchema = z.looseObject({
  code: z.string(),
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string().optional(),
});

/** zod's `format()` tree: every node has `_errors`, children are the other keys. */
export type FormattedErrorTree = { _errors: string[]; [key: string]: unknown };
export const formattedErrorTreeSchema: z.ZodType<FormattedErrorTree> = z.lazy(() =>
  z.looseObject({ _errors: z.array(z.string()) }),
) as z.ZodType<FormattedErrorTree>;

/** `{"error":"Invalid request parameters"}` — the spec's `StandardError`, plus optional extras. */
export const standardErrorBodySchema = z.looseObject({
  error: z.string(),
  request_id: z.string().optional(),
  suggested_prompt: z.string().optional(),
  credits_refunded: z.boolean().optional(),
  details: z.unknown().optional(),
});

/** 400 validation: `details` is zod's format tree, `issues` zod's issue list. */
export const detailedErrorBodySchema = z.looseObject({
  error: z.string(),
  details: formattedErrorTreeSchema,
  issues: z.array(zodIssueSchema),
});

/** The 2024 validation form: `{"error":[...zod issues]}`. */
export const legacyIssuesErrorBodySchema = z.looseObject({ error: z.array(zodIssueSchema) });

/** `{"error":"…","credits_refunded":true}` (video content policy, 422). */
export const contentViolationErrorBodySchema = z.looseObject({
  error: z.string(),
  credits_refunded: z.boolean(),
});

/** OpenAI-compatible routes: `{"error":{message,type,param,code}}`; `code` may be a number. */
export const openAIErrorBodySchema = z.looseObject({
  error: z.looseObject({
    message: z.string(),
    type: z.string().optional(),
    param: z.string().nullable().optional(),
    code: z.union([z.string(), z.number()]).nullable().optional(),
  }),
});

/** `/video/retrieve` 422: `{"error":{message,type:"provider_content_policy",recommended_model,credits_refunded}}`. */
export const providerContentPolicyErrorBodySchema = z.looseObject({
  error: z.looseObject({
    message: z.string(),
    type: z.literal("provider_content_policy"),
    recommended_model: z.string().optional(),
    credits_refunded: z.boolean().optional(),
  }),
  credits_refunded: z.boolean().optional(),
});

/** `{"code":"PAYLOAD_TOO_LARGE","error":"…"}` (413) and other top-level-code bodies (x402 sign-in). */
export const codeFieldErrorBodySchema = z.looseObject({ code: z.string(), error: z.string() });
export const payloadTooLargeErrorBodySchema = z.looseObject({
  code: z.literal("PAYLOAD_TOO_LARGE"),
  error: z.string(),
});

/** 409: the user must accept the model's terms first. */
export const consentRequiredErrorBodySchema = z.looseObject({
  error: z.union([
    z.string(),
    z.looseObject({ code: z.literal("needs_consent"), message: z.string() }),
  ]),
  consent_flow: z.union([z.string(), z.looseObject({})]),
});

/** x402 discovery (402 without payment credentials). */
export const x402DiscoveryBodySchema = z.looseObject({
  x402Version: z.number(),
  error: z.string().optional(),
  accepts: z.array(z.unknown()),
  authOptions: z.array(z.unknown()).optional(),
});

/** x402 402 with a code: `{"code":"PAYMENT_REQUIRED","reason":"insufficient_balance",…}`. */
export const x402PaymentRequiredBodySchema = z.looseObject({
  code: z.literal("PAYMENT_REQUIRED"),
  reason: z.string().optional(),
});

/** `/x402/top-up`: the code in `error`, the text in `message`; also the older `paymentInfo` form. */
export const x402TopUpErrorBodySchema = z.looseObject({
  error: z.string().regex(/^[A-Z][A-Z0-9_]+$/),
  message: z.string().optional(),
  details: z.unknown().optional(),
  paymentInfo: z.unknown().optional(),
});

/** An in-band stream error event: `data: {"error":{…}}` or the plain string form. */
export const streamErrorEventSchema = z.looseObject({
  error: z.union([
    z.string(),
    z.looseObject({
      message: z.string(),
      type: z.string().optional(),
      code: z.union([z.string(), z.number()]).nullable().optional(),
      param: z.string().nullable().optional(),
      retry_after: z.number().optional(),
    }),
  ]),
});

/** `/responses` stream: `event: response.failed` with `response.error`. */
export const responseFailedEventSchema = z.looseObject({
  type: z.literal("response.failed"),
  response: z.looseObject({
    error: z.looseObject({ code: z.string(), message: z.string() }),
  }),
});

/** `/video/retrieve` 200 with a JSON status body instead of media. */
export const videoFailedStatusBodySchema = z.looseObject({
  status: z.literal("FAILED"),
  error: z.string(),
});

/** Any error body Venice is known to send. */
export const veniceErrorBodySchema = z.union([
  detailedErrorBodySchema,
  contentViolationErrorBodySchema,
  consentRequiredErrorBodySchema,
  x402DiscoveryBodySchema,
  x402PaymentRequiredBodySchema,
  providerContentPolicyErrorBodySchema,
  openAIErrorBodySchema,
  codeFieldErrorBodySchema,
  legacyIssuesErrorBodySchema,
  x402TopUpErrorBodySchema,
  standardErrorBodySchema,
  responseFailedEventSchema,
]);

const codeSchema = z.enum(ALL_VENICE_ERROR_CODES as [VeniceErrorCode, ...VeniceErrorCode[]]);

/** `VeniceError.toJSON()` output. */
export const serializedVeniceErrorSchema = z.looseObject({
  name: z.literal("VeniceError"),
  code: codeSchema,
  status: z.number().int().min(0),
  message: z.string(),
  matchedBy: z.enum(["code-field", "message", "status", "client"]),
  retryable: z.boolean(),
  category: z.string(),
  userAction: z.string(),
  docsUrl: z.string(),
  serverCode: z.string().optional(),
  retryAfterMs: z.number().min(0).optional(),
  requestId: z.string().optional(),
  fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
  headers: z.record(z.string(), z.string()).optional(),
});

export type VeniceErrorBody = z.infer<typeof veniceErrorBodySchema>;
export type SerializedVeniceErrorJSON = z.infer<typeof serializedVeniceErrorSchema>;
