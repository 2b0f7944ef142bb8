// What the fake Venice model says in the demo: a few canned answers, streamed word by word at
// a human pace, so the page feels like a real chat while running fully offline; and the pictures
// and "speech" of the media examples (media-art.js).
import { paintImage, speakTones } from "./media-art.js";

const REPLIES = [
  {
    words: ["private", "privacy", "비공개", "프라이버시"],
    en: "Venice does not store your prompts or replies on its servers: conversations stay in your browser, and requests are served by decentralised GPUs that see no account identity. In this demo, though, I am a fake model running inside the demo server, so nothing leaves your machine at all.",
    ko: "Venice는 프롬프트와 답변을 서버에 저장하지 않습니다. 대화는 브라우저에만 남고, 요청은 계정 정보를 모르는 분산 GPU가 처리합니다. 다만 이 데모의 저는 데모 서버 안에서 돌아가는 가짜 모델이라, 어떤 데이터도 이 컴퓨터 밖으로 나가지 않습니다.",
  },
  {
    words: ["retry", "rate", "limit", "429", "재시도", "한도"],
    en: "When Venice answers 429 it usually says how long to wait in Retry-After. node-client honours short waits by itself and surfaces long ones, so this page can show a countdown instead of a spinner that never ends. Try the Rate limited scenario in the Failure lab.",
    ko: "Venice가 429로 답하면 보통 Retry-After로 기다릴 시간을 알려 줍니다. node-client는 짧은 대기는 스스로 기다리고 긴 대기는 그대로 알려 주므로, 이 페이지는 끝없는 로딩 대신 카운트다운을 보여 줄 수 있습니다. 실패 실험실의 요청 한도 초과 시나리오를 눌러 보세요.",
  },
];

const FALLBACK = {
  en: "Hello! I am a stand-in for a Venice model, streaming from the fake Venice server built into this demo. Every token you see travelled the real path: the fake API, node-client with its retries, the demo backend, and this page. Ask me about privacy or rate limits, or break something in the Failure lab.",
  ko: "안녕하세요! 저는 이 데모에 내장된 가짜 Venice 서버에서 스트리밍되는 대역 모델입니다. 보이는 모든 토큰은 실제 경로를 거쳤습니다: 가짜 API, 재시도를 담당하는 node-client, 데모 백엔드, 그리고 이 페이지. 프라이버시나 요청 한도에 대해 물어보거나, 실패 실험실에서 무언가를 고장 내 보세요.",
};

/**
 * The reply to the last user message, in its language (Korean when it contains Hangul).
 * @param {unknown} body the chat completion request body
 */
export function replyFor(body) {
  const messages =
    /** @type {{ messages?: { role?: string, content?: unknown }[] }} */ (body)?.messages ?? [];
  const last = [...messages].reverse().find((message) => message.role === "user");
  const text = typeof last?.content === "string" ? last.content.toLowerCase() : "";
  const language = /[\uac00-\ud7a3]/.test(text) ? "ko" : "en";
  const match = REPLIES.find((reply) => reply.words.some((word) => text.includes(word)));
  return (match ?? FALLBACK)[language];
}

/** Splits a reply into stream chunks the way a model emits tokens: words with their leading space. */
export function toChunks(/** @type {string} */ text) {
  return text.match(/\s*\S+/g) ?? [text];
}

/** Pause between streamed words, in ms: fast enough to read along. */
export const CHUNK_DELAY_MS = 35;

/** @param {unknown} body @param {string} field */
const fieldOf = (body, field) => {
  const value = /** @type {Record<string, unknown> | undefined} */ (body)?.[field];
  return typeof value === "string" ? value : "";
};

/**
 * A fake Venice handler: streamed chat replies come word by word, a binary image is a painted
 * scene, WAV speech is a tone per word; everything else keeps the fake's default answer.
 * @param {{ route: string, body: unknown }} request
 */
export function demoHandler(request) {
  const body =
    /** @type {{ stream?: unknown, return_binary?: unknown, response_format?: unknown } | undefined} */ (
      request.body
    );
  if (request.route === "POST /chat/completions" && body?.stream === true) {
    return { stream: { chunks: toChunks(replyFor(body)), chunkDelayMs: CHUNK_DELAY_MS } };
  }
  if (request.route === "POST /image/generate" && body?.return_binary === true) {
    return imageAnswer(paintImage(fieldOf(body, "prompt")), false);
  }
  if (request.route === "POST /audio/speech" && body?.response_format === "wav") {
    return {
      status: 200,
      headers: { "content-type": "audio/wav" },
      body: speakTones(fieldOf(body, "input")),
    };
  }
  return undefined;
}

/**
 * A generated image as Venice answers it; `flagged` is the 200 with a blurred image and
 * `x-venice-is-content-violation: true` that node-client throws as CONTENT_POLICY_VIOLATION.
 * @param {Uint8Array} png
 * @param {boolean} flagged
 */
export function imageAnswer(png, flagged) {
  return {
    route: "POST /image/generate",
    status: 200,
    headers: { "content-type": "image/png", "x-venice-is-content-violation": String(flagged) },
    body: png,
  };
}
