import type { VeniceErrorCode } from "../catalog.js";
import type { VeniceLocaleTexts } from "./types.js";

/** A locale's texts for each code, written as `CODE: [title, description]` rows. */
function codeTexts(
  rows: Record<VeniceErrorCode, readonly [title: string, description: string]>,
): VeniceLocaleTexts["codes"] {
  const codes = {} as VeniceLocaleTexts["codes"];
  for (const [code, [title, description]] of Object.entries(rows)) {
    codes[code as VeniceErrorCode] = { title, description };
  }
  return codes;
}

/** English texts. */
export const en: VeniceLocaleTexts = {
  locale: "en",
  codes: /* @__PURE__ */ codeTexts({
    AUTHENTICATION_FAILED: [
      "API key not accepted",
      "Venice did not accept the API key. Check that it is correct and still active.",
    ],
    AUTHENTICATION_FAILED_INACTIVE_KEY: [
      "Pro subscription inactive",
      "This API key needs an active Pro subscription. Renew or upgrade it to keep using the API.",
    ],
    X402_INVALID_SIGN_IN: [
      "Wallet sign-in failed",
      "The wallet sign-in signature was not valid. Sign in with your wallet again.",
    ],
    PRO_ONLY_MODEL: [
      "Pro model",
      "This model is only available to Pro users. Upgrade, or pick another model.",
    ],
    INSUFFICIENT_BALANCE: [
      "Out of credits",
      "Your USD or Diem balance is too low for this request. Add credits to continue.",
    ],
    API_KEY_DIEM_SPEND_LIMIT_EXCEEDED: [
      "DIEM spend limit reached",
      "This API key reached its DIEM spending limit. Raise the key's limit or use another key.",
    ],
    API_KEY_USD_SPEND_LIMIT_EXCEEDED: [
      "USD spend limit reached",
      "This API key reached its USD spending limit. Raise the key's limit or use another key.",
    ],
    UNAUTHORIZED: [
      "Not allowed",
      "This API key is not allowed to do that. Check the key's permissions.",
    ],
    API_ACCESS_DISABLED: [
      "API access disabled",
      "API access has been disabled for this account. Contact Venice support.",
    ],
    X402_WALLET_MISMATCH: [
      "Wrong wallet",
      "You can only access resources of your own wallet. Switch to the wallet that owns them.",
    ],
    INVALID_REQUEST: [
      "Request not valid",
      "Some of the request's parameters are not valid. Check the highlighted fields.",
    ],
    INVALID_MODEL: [
      "Model not valid",
      "The model given is not valid for this request. Pick another model.",
    ],
    REQUEST_ID_NOT_FOUND: [
      "Unknown request ID",
      "The request ID is not valid. Check it and try again.",
    ],
    INVALID_AUDIO_FORMAT: ["Audio format not supported", "Use a WAV or MP3 file."],
    INVALID_VIDEO_FORMAT: [
      "Video format not supported",
      "Use a common video format such as MP4, MOV, WebM, MKV or AVI.",
    ],
    CORRUPTED_IMAGE: [
      "Image unreadable",
      "The image is corrupted or could not be read. Try another file.",
    ],
    IMAGE_TOO_SMALL: [
      "Image too small",
      "The image's dimensions are too small. Use a larger image.",
    ],
    TOO_MANY_TOKENS: [
      "Prompt too long",
      "The request exceeds the model's maximum context. Shorten the prompt or the requested length.",
    ],
    CHARACTER_NOT_FOUND: [
      "Character not found",
      "No character matches the character slug given. Check the slug.",
    ],
    MODEL_NOT_FOUND: [
      "Model not found",
      "The model given does not exist. Check its name or pick another model.",
    ],
    MEDIA_NOT_FOUND: [
      "Media not found",
      "The media could not be found. It may be invalid, expired or deleted.",
    ],
    PAYLOAD_TOO_LARGE: [
      "Request too large",
      "The request is too large. Send less data or smaller files.",
    ],
    INVALID_CONTENT_TYPE: [
      "Content type not supported",
      "The request's content type or encoding is not supported.",
    ],
    VIDEO_DURATION_TOO_LONG: [
      "Video too long",
      "The video is longer than allowed. Use a shorter video.",
    ],
    VIDEO_DURATION_TOO_SHORT: ["Video too short", "The video is too short. Use a longer video."],
    IMAGE_TOO_LARGE: [
      "Image too large",
      "The image's dimensions exceed the maximum. Use a smaller image.",
    ],
    CONTENT_POLICY_VIOLATION: [
      "Blocked by content policy",
      "The prompt violates the content policy of Venice or the model provider. Rephrase it.",
    ],
    ASR_UPSTREAM_VALIDATION_FAILED: [
      "Audio could not be transcribed",
      "The audio may be empty, silent, corrupt or in an unsupported language. Check the file and retry.",
    ],
    RATE_LIMIT_EXCEEDED: [
      "Too many requests",
      "The rate limit was reached. Wait a moment before trying again.",
    ],
    MODEL_OVERLOADED: [
      "Model busy",
      "The model is overloaded right now. Try again shortly, or pick another model.",
    ],
    INFERENCE_FAILED: ["Generation failed", "The model could not complete the request. Try again."],
    UPSCALE_FAILED: ["Upscaling failed", "The image could not be upscaled. Try again."],
    IMAGE_EDIT_ERROR: ["Image edit failed", "The image could not be edited. Try again."],
    UNKNOWN_ERROR: [
      "Something went wrong",
      "Venice could not complete the request. Try again in a moment.",
    ],
    TEE_ATTESTATION_FAILED: [
      "Secure enclave unavailable",
      "The Trusted Execution Environment could not be attested. It may be temporarily unavailable; try again.",
    ],
    TEE_SIGNATURE_FAILED: [
      "Secure enclave unavailable",
      "The Trusted Execution Environment could not sign the answer. It may be temporarily unavailable; try again.",
    ],
    ASR_UPSTREAM_FAILED: [
      "Transcription failed",
      "Transcription failed because of a temporary upstream error. Try again.",
    ],
    MODEL_OFFLINE: [
      "Model offline",
      "The model is temporarily offline. Try again later, or pick another model.",
    ],
    MODEL_AT_CAPACITY: [
      "Model at capacity",
      "The model is at capacity. Try again later, or pick another model.",
    ],
    REQUEST_TIMEOUT: [
      "Request timed out",
      "The request took too long. For long generations, use streaming.",
    ],
    TOO_MANY_FAILED_ATTEMPTS: [
      "Temporarily blocked",
      "Too many requests failed in a short time, so Venice paused this key. Wait before trying again.",
    ],
    PAYMENT_REQUIRED: [
      "Payment required",
      "This request needs a payment. Pay with your wallet or top up its balance.",
    ],
    CONSENT_REQUIRED: [
      "Terms need accepting",
      "This model requires you to accept its terms before using it.",
    ],
    RESOURCE_RETIRED: [
      "Retired",
      "This model or endpoint has been retired. Switch to its replacement.",
    ],
    CONNECTION_ERROR: [
      "Could not reach Venice",
      "The connection to Venice failed. Check the network connection and try again.",
    ],
    CLIENT_TIMEOUT: ["No answer in time", "Venice did not answer in time. Try again."],
    ABORTED: ["Cancelled", "The request was cancelled."],
    INVALID_RESPONSE: [
      "Unreadable answer",
      "Venice sent an answer that could not be read. Try again.",
    ],
    STREAM_INTERRUPTED: [
      "Reply interrupted",
      "The reply stopped before it was complete. Try again.",
    ],
  }),
  actions: {
    check_api_key: "Check API key",
    upgrade_plan: "Upgrade plan",
    sign_in_again: "Sign in again",
    add_credits: "Add credits",
    raise_spend_limit: "Raise spend limit",
    pay_with_wallet: "Pay with wallet",
    check_wallet: "Switch wallet",
    contact_support: "Contact support",
    fix_request: "Fix the request",
    change_model: "Choose another model",
    change_file: "Choose another file",
    reduce_input: "Shorten the input",
    rephrase_prompt: "Rephrase the prompt",
    accept_terms: "Review terms",
    wait_and_retry: "Try again",
    retry: "Try again",
    use_streaming: "Use streaming",
    check_connection: "Try again",
  },
  retryIn: "Retry in {seconds} s",
  extra: {
    waitSeconds: "You can try again in {seconds} seconds.",
    recommendedModel: "Try {model} instead.",
    creditsRefunded: "Your credits were refunded.",
    requestId: "Reference: {id}",
    fieldErrors: "Check the highlighted fields.",
  },
};
