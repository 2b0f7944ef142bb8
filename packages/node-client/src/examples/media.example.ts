import { isVeniceError } from "@venice-errors/core";
import { createVeniceClient, type VeniceClient } from "@venice-errors/node-client";

/** An image, its edit, speech and its transcript, and a video job: every failure a `VeniceError`. */
export async function makeMedia(venice: VeniceClient = createVeniceClient(), signal?: AbortSignal) {
  // Binary answers are { bytes, contentType, headers, requestId }.
  const image = await venice.images.generate({
    model: "z-image-turbo",
    prompt: "A lighthouse",
    return_binary: true,
  });
  const sunset = await venice.images.edit({ image: image.bytes, prompt: "Make it sunset" });

  // Uploads take a File, Blob, Uint8Array or ReadableStream (sent as multipart).
  const speech = await venice.audio.speech.create({ input: "Hello from Venice", voice: "af_sky" });
  const transcript = await venice.audio.transcriptions.create({
    file: speech.bytes,
    filename: "hello.mp3",
  });

  try {
    // Queues, then polls every 5 s (or as the server says) until done; `signal` stops it at once.
    const video = await venice.video.generate(
      { model: "wan-2.5-preview-text-to-video", prompt: "A gondola at sunset", duration: "5s" },
      { pollIntervalMs: 5000, signal },
    );
    return { sunset: sunset.bytes, transcript: transcript.text, video: video.media?.bytes };
  } catch (error) {
    if (isVeniceError(error) && error.code === "CONTENT_POLICY_VIOLATION") {
      console.warn(
        `Blocked; credits refunded: ${error.creditsRefunded}; try ${error.recommendedModel}`,
      );
    }
    throw error; // MEDIA_NOT_FOUND once the job expired, ABORTED after `signal`, …
  }
}
