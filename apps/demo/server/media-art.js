// What the fake Venice "paints" and "says" in the demo: a small PNG scene and a WAV of soft tones,
// made from the prompt, so the image and speech examples show and play something offline. Node's
// zlib only; no image or audio library.
import { crc32, deflateSync } from "node:zlib";

/** A stable 32-bit hash of a text (FNV-1a): the same prompt paints the same picture. */
function hashOf(/** @type {string} */ text) {
  let hash = 0x811c9dc5;
  for (const char of text) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 0x01000193) >>> 0;
  return hash;
}

/** @param {string} type @param {Uint8Array} data */
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "latin1");
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** Encodes RGB rows (each `width * 3` bytes) as a PNG. */
function encodePng(/** @type {number} */ width, /** @type {Uint8Array[]} */ rows) {
  const raw = Buffer.concat(rows.flatMap((row) => [Buffer.from([0]), row]));
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(rows.length, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter, no interlace
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk("IHDR", header),
      chunk("IDAT", deflateSync(raw)),
      chunk("IEND", new Uint8Array(0)),
    ]),
  );
}

/** @param {number[]} a @param {number[]} b @param {number} t */
const mix = (a, b, t) => a.map((value, i) => Math.round(value + ((b[i] ?? 0) - value) * t));

/** HSL (0–360, 0–1, 0–1) to RGB bytes. */
function hsl(/** @type {number} */ h, /** @type {number} */ s, /** @type {number} */ l) {
  const k = (/** @type {number} */ n) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (/** @type {number} */ n) => l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1));
  return [f(0), f(8), f(4)].map((value) => Math.round(value * 255));
}

/**
 * A lagoon at dusk in the prompt's colours: sky, sun, water with ripples. `blurred` paints the
 * grey blur Venice returns for an image flagged as a content violation.
 * @param {string} prompt
 * @param {{ size?: number, blurred?: boolean }} [options]
 */
export function paintImage(prompt, { size = 256, blurred = false } = {}) {
  const hash = hashOf(prompt);
  const hue = hash % 360;
  const top = hsl(hue, 0.55, 0.32);
  const horizon = hsl((hue + 40) % 360, 0.85, 0.68);
  const sun = hsl((hue + 50) % 360, 1, 0.82);
  const water = hsl((hue + 200) % 360, 0.45, 0.28);
  const sunX = size * (0.3 + ((hash >>> 9) % 40) / 100);
  const sunY = size * 0.5;
  const sunR = size * 0.12;
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = new Uint8Array(size * 3);
    for (let x = 0; x < size; x++) {
      let rgb;
      if (blurred) {
        const shade = 150 + Math.round(20 * Math.sin((x + y) / 40));
        rgb = [shade, shade, shade + 6];
      } else if (y < size * 0.6) {
        rgb = mix(top, horizon, y / (size * 0.6));
        const distance = Math.hypot(x - sunX, y - sunY);
        if (distance < sunR) rgb = sun;
        else if (distance < sunR * 1.6) rgb = mix(sun, rgb, (distance - sunR) / (sunR * 0.6));
      } else {
        const depth = (y - size * 0.6) / (size * 0.4);
        rgb = mix(horizon, water, Math.min(1, depth * 1.6));
        // Ripples: the sun's reflection, broken into lines.
        const ripple = Math.sin(y * 0.9 + Math.sin(x * 0.08) * 2) > 0.55;
        if (ripple && Math.abs(x - sunX) < sunR * (1.4 - depth)) rgb = mix(rgb, sun, 0.6);
      }
      row.set(rgb, x * 3);
    }
    rows.push(row);
  }
  return encodePng(size, rows);
}

/**
 * "Speech": one soft tone per word of `text` (its pitch from the word), 16 kHz mono 16-bit WAV,
 * at most 40 words.
 * @param {string} text
 */
export function speakTones(text) {
  const rate = 16_000;
  const words = (text.match(/\S+/g) ?? ["…"]).slice(0, 40);
  const toneS = 0.16;
  const gapS = 0.06;
  const samples = Math.round(words.length * (toneS + gapS) * rate);
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write("RIFF", 0, "latin1");
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write("WAVEfmt ", 8, "latin1");
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(rate, 24);
  wav.writeUInt32LE(rate * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write("data", 36, "latin1");
  wav.writeUInt32LE(samples * 2, 40);
  const toneSamples = Math.round(toneS * rate);
  words.forEach((word, index) => {
    const frequency = 180 + (hashOf(word) % 220);
    const start = Math.round(index * (toneS + gapS) * rate);
    for (let i = 0; i < toneSamples; i++) {
      const envelope = Math.sin((Math.PI * i) / toneSamples);
      const value = Math.sin((2 * Math.PI * frequency * i) / rate) * envelope * 0.35;
      wav.writeInt16LE(Math.round(value * 32_767), 44 + (start + i) * 2);
    }
  });
  return new Uint8Array(wav);
}
