import type { VeniceCaller } from "../caller.js";
import {
  createJobResource,
  type JobOptions,
  type JobRef,
  type JobResult,
  type JobRetrieveParams,
  type JobRetrieveResult,
} from "../jobs.js";
import type { VeniceRequestOptions } from "../options.js";

/** Parameters of `POST /video/queue` (fields vary by model: see `/models?type=video`). */
export interface VideoQueueParams {
  model: string;
  /** At most 2500 characters. */
  prompt: string;
  /** `"5s"`, `"10s"`, … */
  duration: string;
  negative_prompt?: string;
  resolution?: "480p" | "720p" | "1080p" | (string & {});
  aspect_ratio?: string;
  audio?: boolean;
  /** Image-to-video: a URL or a data URL. */
  image_url?: string;
  end_image_url?: string;
  audio_url?: string;
  video_url?: string;
  reference_image_urls?: string[];
  [parameter: string]: unknown;
}

/** The answer of `POST /video/queue`. */
export interface VideoQueueResponse {
  model: string;
  queue_id: string;
  /** Private models only: the pre-signed link to the finished file, sent once. */
  download_url?: string;
}

/** `client.video`. */
export interface VeniceVideo {
  /** `POST /video/queue`. 413 PAYLOAD_TOO_LARGE for big inputs, 422 for the content policy. */
  queue(params: VideoQueueParams, options?: VeniceRequestOptions): Promise<VideoQueueResponse>;
  /**
   * `POST /video/retrieve`: a pending status or the MP4. A failed job is thrown (422
   * CONTENT_POLICY_VIOLATION with `creditsRefunded`/`recommendedModel`, a 200 `FAILED` body as
   * INFERENCE_FAILED); an expired or deleted job is MEDIA_NOT_FOUND (404).
   */
  retrieve(params: JobRetrieveParams, options?: VeniceRequestOptions): Promise<JobRetrieveResult>;
  /** `POST /video/complete`: deletes the media from Venice's storage. */
  complete(params: JobRef, options?: VeniceRequestOptions): Promise<{ success: boolean }>;
  /** Queues a video and polls until it is done (see `JobOptions`). */
  generate(params: VideoQueueParams, options?: JobOptions): Promise<JobResult>;
}

export function createVideo(caller: VeniceCaller): VeniceVideo {
  return createJobResource<VideoQueueParams, VideoQueueResponse>(caller, "video", "video/mp4");
}
