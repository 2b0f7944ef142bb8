import { TINY_PNG_BASE64 } from "./success.js";

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function withHeader(header: readonly number[], length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  bytes.set(header);
  return bytes;
}

/** The 1×1 PNG every fake image route answers with, as bytes. */
export const TINY_PNG_BYTES: Uint8Array = fromBase64(TINY_PNG_BASE64);

/** Fake MP4 bytes: an `ftyp` box (first byte 0x00, so no JSON sniffing mistakes it), then zeros. */
export const FAKE_MP4_BYTES: Uint8Array = withHeader(
  [0x00, 0x00, 0x00, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d],
  64,
);

/** The content type and fake bytes for each speech `response_format`. */
export const FAKE_AUDIO: Readonly<Record<string, { contentType: string; bytes: Uint8Array }>> = {
  mp3: { contentType: "audio/mpeg", bytes: withHeader([0x49, 0x44, 0x33, 0x04], 48) },
  wav: { contentType: "audio/wav", bytes: withHeader([0x52, 0x49, 0x46, 0x46], 48) },
  flac: { contentType: "audio/flac", bytes: withHeader([0x66, 0x4c, 0x61, 0x43], 48) },
  opus: { contentType: "audio/opus", bytes: withHeader([0x4f, 0x67, 0x67, 0x53], 48) },
  aac: { contentType: "audio/aac", bytes: withHeader([0xff, 0xf1], 48) },
  pcm: { contentType: "audio/pcm", bytes: withHeader([0x01, 0x00], 48) },
};

/** Fake audio in `format` (default mp3). */
export function fakeAudio(format = "mp3"): { contentType: string; bytes: Uint8Array } {
  return FAKE_AUDIO[format] ?? (FAKE_AUDIO.mp3 as { contentType: string; bytes: Uint8Array });
}
