import type { VeniceLocaleTexts } from "./types.js";

/** English texts. */
export const en: VeniceLocaleTexts = {
  locale: "en",
  codes: {
    AUTHENTICATION_FAILED: {
      title: "API key not accepted",
      description: "Venice did not accept the API key. Check that it is correct and still active.",
    },
    AUTHENTICATION_FAILED_INACTIVE_KEY: {
      title: "Pro subscription inactive",
      description:
        "This API key needs an active Pro subscription. Renew or upgrade it to keep using the API.",
    },
    X402_INVALID_SIGN_IN: {
      title: "Wallet sign-in failed",
      description: "The wallet sign-in signature was not valid. Sign in with your wallet again.",
    },
    PRO_ONLY_MODEL: {
      title: "Pro model",
      description: "This model is only available to Pro users. Upgrade, or pick another model.",
    },
    INSUFFICIENT_BALANCE: {
      title: "Out of credits",
      description: "Your USD or Diem balance is too low for this request. Add credits to continue.",
    },
    API_KEY_DIEM_SPEND_LIMIT_EXCEEDED: {
      title: "DIEM spend limit reached",
      description:
        "This API key reached its DIEM spending limit. Raise the key's limit or use another key.",
    },
    API_KEY_USD_SPEND_LIMIT_EXCEEDED: {
      title: "USD spend limit reached",
      description:
        "This API key reached its USD spending limit. Raise the key's limit or use another key.",
    },
    UNAUTHORIZED: {
      title: "Not allowed",
      description: "This API key is not allowed to do that. Check the key's permissions.",
    },
    API_ACCESS_DISABLED: {
      title: "API access disabled",
      description: "API access has been disabled for this account. Contact Venice support.",
    },
    X402_WALLET_MISMATCH: {
      title: "Wrong wallet",
      description:
        "You can only access resources of your own wallet. Switch to the wallet that owns them.",
    },
    INVALID_REQUEST: {
      title: "Request not valid",
      description: "Some of the request's parameters are not valid. Check the highlighted fields.",
    },
    INVALID_MODEL: {
      title: "Model not valid",
      description: "The model given is not valid for this request. Pick another model.",
    },
    REQUEST_ID_NOT_FOUND: {
      title: "Unknown request ID",
      description: "The request ID is not valid. Check it and try again.",
    },
    INVALID_AUDIO_FORMAT: {
      title: "Audio format not supported",
      description: "Use a WAV or MP3 file.",
    },
    INVALID_VIDEO_FORMAT: {
      title: "Video format not supported",
      description: "Use a common video format such as MP4, MOV, WebM, MKV or AVI.",
    },
    CORRUPTED_IMAGE: {
      title: "Image unreadable",
      description: "The image is corrupted or could not be read. Try another file.",
    },
    IMAGE_TOO_SMALL: {
      title: "Image too small",
      description: "The image's dimensions are too small. Use a larger image.",
    },
    TOO_MANY_TOKENS: {
      title: "Prompt too long",
      description:
        "The request exceeds the model's maximum context. Shorten the prompt or the requested length.",
    },
    CHARACTER_NOT_FOUND: {
      title: "Character not found",
      description: "No character matches the character slug given. Check the slug.",
    },
    MODEL_NOT_FOUND: {
      title: "Model not found",
      description: "The model given does not exist. Check its name or pick another model.",
    },
    MEDIA_NOT_FOUND: {
      title: "Media not found",
      description: "The media could not be found. It may be invalid, expired or deleted.",
    },
    PAYLOAD_TOO_LARGE: {
      title: "Request too large",
      description: "The request is too large. Send less data or smaller files.",
    },
    INVALID_CONTENT_TYPE: {
      title: "Content type not supported",
      description: "The request's content type or encoding is not supported.",
    },
    VIDEO_DURATION_TOO_LONG: {
      title: "Video too long",
      description: "The video is longer than allowed. Use a shorter video.",
    },
    VIDEO_DURATION_TOO_SHORT: {
      title: "Video too short",
      description: "The video is too short. Use a longer video.",
    },
    IMAGE_TOO_LARGE: {
      title: "Image too large",
      description: "The image's dimensions exceed the maximum. Use a smaller image.",
    },
    CONTENT_POLICY_VIOLATION: {
      title: "Blocked by content policy",
      description:
        "The prompt violates the content policy of Venice or the model provider. Rephrase it.",
    },
    ASR_UPSTREAM_VALIDATION_FAILED: {
      title: "Audio could not be transcribed",
      description:
        "The audio may be empty, silent, corrupt or in an unsupported language. Check the file and retry.",
    },
    RATE_LIMIT_EXCEEDED: {
      title: "Too many requests",
      description: "The rate limit was reached. Wait a moment before trying again.",
    },
    MODEL_OVERLOADED: {
      title: "Model busy",
      description: "The model is overloaded right now. Try again shortly, or pick another model.",
    },
    INFERENCE_FAILED: {
      title: "Generation failed",
      description: "The model could not complete the request. Try again.",
    },
    UPSCALE_FAILED: {
      title: "Upscaling failed",
      description: "The image could not be upscaled. Try again.",
    },
    IMAGE_EDIT_ERROR: {
      title: "Image edit failed",
      description: "The image could not be edited. Try again.",
    },
    UNKNOWN_ERROR: {
      title: "Something went wrong",
      description: "Venice could not complete the request. Try again in a moment.",
    },
    TEE_ATTESTATION_FAILED: {
      title: "Secure enclave unavailable",
      description:
        "The Trusted Execution Environment could not be attested. It may be temporarily unavailable; try again.",
    },
    TEE_SIGNATURE_FAILED: {
      title: "Secure enclave unavailable",
      description:
        "The Trusted Execution Environment could not sign the answer. It may be temporarily unavailable; try again.",
    },
    ASR_UPSTREAM_FAILED: {
      title: "Transcription failed",
      description: "Transcription failed because of a temporary upstream error. Try again.",
    },
    MODEL_OFFLINE: {
      title: "Model offline",
      description: "The model is temporarily offline. Try again later, or pick another model.",
    },
    MODEL_AT_CAPACITY: {
      title: "Model at capacity",
      description: "The model is at capacity. Try again later, or pick another model.",
    },
    REQUEST_TIMEOUT: {
      title: "Request timed out",
      description: "The request took too long. For long generations, use streaming.",
    },
    TOO_MANY_FAILED_ATTEMPTS: {
      title: "Temporarily blocked",
      description:
        "Too many requests failed in a short time, so Venice paused this key. Wait before trying again.",
    },
    PAYMENT_REQUIRED: {
      title: "Payment required",
      description: "This request needs a payment. Pay with your wallet or top up its balance.",
    },
    CONSENT_REQUIRED: {
      title: "Terms need accepting",
      description: "This model requires you to accept its terms before using it.",
    },
    RESOURCE_RETIRED: {
      title: "Retired",
      description: "This model or endpoint has been retired. Switch to its replacement.",
    },
    CONNECTION_ERROR: {
      title: "Could not reach Venice",
      description: "The connection to Venice failed. Check the network connection and try again.",
    },
    CLIENT_TIMEOUT: {
      title: "No answer in time",
      description: "Venice did not answer in time. Try again.",
    },
    ABORTED: {
      title: "Cancelled",
      description: "The request was cancelled.",
    },
    INVALID_RESPONSE: {
      title: "Unreadable answer",
      description: "Venice sent an answer that could not be read. Try again.",
    },
    STREAM_INTERRUPTED: {
      title: "Reply interrupted",
      description: "The reply stopped before it was complete. Try again.",
    },
  },
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
