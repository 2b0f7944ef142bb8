import type { VeniceErrorCategory } from "@venice-errors/core";
import { en as veniceEn } from "@venice-errors/react-hooks/locales/en";
import { ko as veniceKo } from "@venice-errors/react-hooks/locales/ko";
import { createContext, useContext } from "react";

export type Locale = "en" | "ko";

const en = {
  tagline: "Venice AI chat · errors handled by venice-errors",
  language: "Language",
  chatTitle: "Chat",
  chatEmptyTitle: "Ask Venice anything",
  chatEmptyHint:
    "Replies stream in token by token. Use the Failure lab to see how each Venice error reaches a person.",
  you: "You",
  assistant: "Venice",
  placeholder: "Message Venice…",
  messageLabel: "Message",
  model: "Model",
  temperature: "Temperature",
  send: "Send",
  stop: "Stop",
  writing: "Writing…",
  waitToSend: "Retry in {seconds} s",
  replyFailed: "No reply",
  replyStopped: "Reply stopped",
  newChat: "New chat",
  labTitle: "Failure lab",
  labIntro:
    "Make the next request fail the way Venice fails. Each error takes the real path: fake Venice → node-client → this page.",
  labLive:
    "Scenarios are off: the demo is talking to the live Venice API (VENICE_API_KEY is set). Start it without the key to use the built-in fake server.",
  anyCode: "Any catalog code",
  trigger: "Trigger",
  scenarios: {
    balance: ["Out of credits", "402 · billing"],
    "rate-limit": ["Rate limited", "429 · Retry-After"],
    abuse: ["Abuse block", "429 · too many failures"],
    "mid-stream": ["Overload mid-reply", "In-band stream error"],
    network: ["Network failure", "Connection dropped"],
    validation: ["Invalid request", "400 · field errors"],
  },
  categories: {
    auth: "Authentication",
    billing: "Billing",
    permission: "Permission",
    validation: "Validation",
    not_found: "Not found",
    media: "Media",
    content_policy: "Content policy",
    rate_limit: "Rate limits",
    capacity: "Capacity",
    server: "Server",
    timeout: "Timeouts",
    client: "Client side",
  } satisfies Record<VeniceErrorCategory, string>,
  statusTitle: "Connection",
  modeFake: "Fake Venice server",
  modeLive: "Live Venice API",
  rateLimits: "Rate limits",
  requests: "Requests",
  tokens: "Tokens",
  failuresLeft: "Failures before lock-out",
  resetsIn: "resets in {seconds} s",
  noRateLimits: "No rate-limit headers seen yet. Send a message.",
  lastCall: "Last call",
  noCall: "No call yet.",
  inFlight: "In flight",
  succeeded: "Succeeded",
  failed: "Failed",
  attempt: "Try",
  status: "Status",
  code: "Code",
  waited: "Waited",
  noAnswer: "no answer",
  defaultPrompt: "In two sentences: how does Venice keep my prompts private?",
};

export type Texts = typeof en;

const ko: Texts = {
  tagline: "Venice AI 채팅 · venice-errors로 오류 처리",
  language: "언어",
  chatTitle: "채팅",
  chatEmptyTitle: "Venice에게 무엇이든 물어보세요",
  chatEmptyHint:
    "답변은 토큰 단위로 실시간 표시됩니다. 실패 실험실에서 각 Venice 오류가 사용자에게 어떻게 보이는지 확인하세요.",
  you: "나",
  assistant: "Venice",
  placeholder: "Venice에게 메시지 보내기…",
  messageLabel: "메시지",
  model: "모델",
  temperature: "온도",
  send: "보내기",
  stop: "중지",
  writing: "작성 중…",
  waitToSend: "{seconds}초 후 다시 시도",
  replyFailed: "답변 없음",
  replyStopped: "답변 중단됨",
  newChat: "새 채팅",
  labTitle: "실패 실험실",
  labIntro:
    "다음 요청을 Venice가 실패하는 방식 그대로 실패시킵니다. 모든 오류는 실제 경로를 거칩니다: 가짜 Venice → node-client → 이 페이지.",
  labLive:
    "시나리오가 꺼져 있습니다: 데모가 실제 Venice API에 연결되어 있습니다(VENICE_API_KEY 설정됨). 내장 가짜 서버를 쓰려면 키 없이 시작하세요.",
  anyCode: "카탈로그의 모든 코드",
  trigger: "실행",
  scenarios: {
    balance: ["크레딧 부족", "402 · 결제"],
    "rate-limit": ["요청 한도 초과", "429 · Retry-After"],
    abuse: ["남용 차단", "429 · 실패 과다"],
    "mid-stream": ["답변 중 과부하", "스트림 내 오류"],
    network: ["네트워크 장애", "연결 끊김"],
    validation: ["잘못된 요청", "400 · 필드 오류"],
  },
  categories: {
    auth: "인증",
    billing: "결제",
    permission: "권한",
    validation: "유효성 검사",
    not_found: "찾을 수 없음",
    media: "미디어",
    content_policy: "콘텐츠 정책",
    rate_limit: "요청 한도",
    capacity: "용량",
    server: "서버",
    timeout: "시간 초과",
    client: "클라이언트",
  },
  statusTitle: "연결",
  modeFake: "가짜 Venice 서버",
  modeLive: "실제 Venice API",
  rateLimits: "요청 한도",
  requests: "요청",
  tokens: "토큰",
  failuresLeft: "차단 전 남은 실패",
  resetsIn: "{seconds}초 후 초기화",
  noRateLimits: "아직 요청 한도 헤더가 없습니다. 메시지를 보내 보세요.",
  lastCall: "마지막 호출",
  noCall: "아직 호출이 없습니다.",
  inFlight: "진행 중",
  succeeded: "성공",
  failed: "실패",
  attempt: "시도",
  status: "상태",
  code: "코드",
  waited: "대기",
  noAnswer: "응답 없음",
  defaultPrompt: "두 문장으로: Venice는 내 프롬프트를 어떻게 비공개로 지키나요?",
};

export const TEXTS: Record<Locale, Texts> = { en, ko };

/** The venice-errors texts of each language of the page (the provider and `formatVeniceError` take them). */
export const VENICE_TEXTS = { en: veniceEn, ko: veniceKo } as const;

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));
}

export const LocaleContext = createContext<{ locale: Locale; t: Texts }>({ locale: "en", t: en });

export function useTexts() {
  return useContext(LocaleContext);
}
