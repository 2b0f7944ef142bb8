import {
  readBinary,
  readBodyStream,
  readJsonOrText,
  type VeniceBinary,
  type VeniceBodyStream,
} from "../answers.js";
import type { AnswerReader, VeniceCaller } from "../caller.js";
import {
  createJobResource,
  type JobOptions,
  type JobRef,
  type JobResult,
  type JobRetrieveParams,
  type JobRetrieveResult,
} from "../jobs.js";
import type { VeniceRequestOptions } from "../options.js";
import { toFormData, type VeniceUpload } from "../uploads.js";

/** Parameters of `POST /audio/speech`. */
export interface SpeechCreateParams {
  /** At most 4096 characters. */
  input: string;
  /** Default `tts-kokoro`. */
  model?: string;
  /** Default `af_sky`. */
  voice?: string;
  response_format?: "mp3" | "opus" | "aac" | "flac" | "wav" | "pcm";
  /** 0.25–4, default 1. */
  speed?: number;
  /** Send the audio sentence by sentence: the result is then a stream. */
  streaming?: boolean;
  language?: string;
  prompt?: string;
  temperature?: number;
  top_p?: number;
}

/** Parameters of `POST /audio/transcriptions` (multipart). */
export interface TranscriptionCreateParams {
  /** The audio: a `File`, `Blob`, bytes or a stream (WAV, FLAC, M4A, AAC, MP4, MP3). */
  file: VeniceUpload;
  /** The file name sent with the upload when `file` is not a `File` (default `audio`). */
  filename?: string;
  /** Default `nvidia/parakeet-tdt-0.6b-v3`. */
  model?: string;
  response_format?: "json" | "text";
  timestamps?: boolean;
  /** ISO 639-1 hint (Whisper). */
  language?: string;
}

/** The JSON answer of `POST /audio/transcriptions`. */
export interface Transcription {
  text: string;
  /** Seconds. */
  duration?: number;
  timestamps?: {
    word?: Array<{ word: string; start: number; end: number }>;
    segment?: Array<{ text: string; start: number; end: number }>;
    char?: Array<{ char: string; start: number; end: number }>;
  };
}

/** Parameters of `POST /audio/queue` (music and sound effects; fields vary by model). */
export interface AudioQueueParams {
  model: string;
  prompt: string;
  lyrics_prompt?: string;
  duration_seconds?: number | string;
  force_instrumental?: boolean;
  voice?: string;
  language_code?: string;
  speed?: number;
  [parameter: string]: unknown;
}

/** The answer of `POST /audio/queue`. */
export interface AudioQueueResponse {
  model: string;
  queue_id: string;
  status: "QUEUED" | (string & {});
}

/** `client.audio`. */
export interface VeniceAudio {
  speech: {
    /** `POST /audio/speech`: the audio bytes, or with `streaming: true` a stream to pipe on. */
    create(
      params: SpeechCreateParams & { streaming: true },
      options?: VeniceRequestOptions,
    ): Promise<VeniceBodyStream>;
    create(params: SpeechCreateParams, options?: VeniceRequestOptions): Promise<VeniceBinary>;
  };
  transcriptions: {
    /** `POST /audio/transcriptions`: the text (a string with `response_format: "text"`). */
    create(
      params: TranscriptionCreateParams & { response_format: "text" },
      options?: VeniceRequestOptions,
    ): Promise<string>;
    create(
      params: TranscriptionCreateParams,
      options?: VeniceRequestOptions,
    ): Promise<Transcription>;
  };
  /** `POST /audio/queue`. 422 CONTENT_POLICY_VIOLATION may carry `suggestedPrompt`. */
  queue(params: AudioQueueParams, options?: VeniceRequestOptions): Promise<AudioQueueResponse>;
  /** `POST /audio/retrieve`: a pending status or the audio; failures as for `video.retrieve`. */
  retrieve(params: JobRetrieveParams, options?: VeniceRequestOptions): Promise<JobRetrieveResult>;
  /** `POST /audio/complete`: deletes the media from Venice's storage. */
  complete(params: JobRef, options?: VeniceRequestOptions): Promise<{ success: boolean }>;
  /** Queues audio and polls until it is done (see `JobOptions`). */
  generate(params: AudioQueueParams, options?: JobOptions): Promise<JobResult>;
}

export function createAudio(caller: VeniceCaller): VeniceAudio {
  const audio: VeniceAudio = {
    speech: {
      create: ((params: SpeechCreateParams, options: VeniceRequestOptions = {}) =>
        caller.call(
          "POST",
          "/audio/speech",
          { ...options, body: params, accept: "audio/*, application/json", generation: true },
          (params.streaming === true ? readBodyStream : readBinary) as AnswerReader<unknown>,
        )) as VeniceAudio["speech"]["create"],
    },
    transcriptions: {
      create: (async (params: TranscriptionCreateParams, options: VeniceRequestOptions = {}) => {
        const { file, filename, ...fields } = params;
        const body = await toFormData({ ...fields, file }, filename ?? "audio");
        return caller.call(
          "POST",
          "/audio/transcriptions",
          { ...options, body, accept: "application/json, text/plain", generation: true },
          readJsonOrText,
        );
      }) as VeniceAudio["transcriptions"]["create"],
    },
    ...createJobResource<AudioQueueParams, AudioQueueResponse>(caller, "audio", "audio/*"),
  };
  return audio;
}
