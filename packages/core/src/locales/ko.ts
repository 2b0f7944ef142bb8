import type { VeniceLocaleTexts } from "./types.js";

/** 한국어 텍스트 (Venice 오류 코드 문서의 용어를 따릅니다). */
export const ko: VeniceLocaleTexts = {
  locale: "ko",
  codes: {
    AUTHENTICATION_FAILED: {
      title: "API 키 인증 실패",
      description:
        "Venice가 API 키를 받아들이지 않았습니다. 키가 올바르고 활성 상태인지 확인하세요.",
    },
    AUTHENTICATION_FAILED_INACTIVE_KEY: {
      title: "Pro 구독 비활성",
      description:
        "이 API 키에는 활성 Pro 구독이 필요합니다. API를 계속 사용하려면 구독을 업그레이드하세요.",
    },
    X402_INVALID_SIGN_IN: {
      title: "지갑 로그인 실패",
      description: "Sign-in-with-x 서명이 유효하지 않습니다. 지갑으로 다시 로그인하세요.",
    },
    PRO_ONLY_MODEL: {
      title: "Pro 전용 모델",
      description:
        "이 모델은 Pro 사용자만 사용할 수 있습니다. 업그레이드하거나 다른 모델을 선택하세요.",
    },
    INSUFFICIENT_BALANCE: {
      title: "잔액 부족",
      description: "요청을 완료하기에 USD 또는 Diem 잔액이 부족합니다. 크레딧을 추가하세요.",
    },
    API_KEY_DIEM_SPEND_LIMIT_EXCEEDED: {
      title: "DIEM 지출 한도 초과",
      description:
        "계정에 DIEM 잔액이 남아 있어도 이 API 키가 설정된 DIEM 지출 한도에 도달했습니다. 키의 한도를 올리세요.",
    },
    API_KEY_USD_SPEND_LIMIT_EXCEEDED: {
      title: "USD 지출 한도 초과",
      description:
        "계정에 USD 잔액이 남아 있어도 이 API 키가 설정된 USD 지출 한도에 도달했습니다. 키의 한도를 올리세요.",
    },
    UNAUTHORIZED: {
      title: "권한 없음",
      description: "이 API 키로는 해당 작업을 할 수 없습니다. 키의 권한을 확인하세요.",
    },
    API_ACCESS_DISABLED: {
      title: "API 접근 비활성화",
      description: "이 계정의 API 접근이 비활성화되었습니다. support@venice.ai로 문의하세요.",
    },
    X402_WALLET_MISMATCH: {
      title: "다른 지갑",
      description:
        "본인 지갑의 리소스에만 접근할 수 있습니다. 해당 리소스를 소유한 지갑으로 전환하세요.",
    },
    INVALID_REQUEST: {
      title: "잘못된 요청",
      description: "요청 매개변수가 유효하지 않습니다. 표시된 항목을 확인하세요.",
    },
    INVALID_MODEL: {
      title: "잘못된 모델",
      description: "지정한 모델이 이 요청에 유효하지 않습니다. 다른 모델을 선택하세요.",
    },
    REQUEST_ID_NOT_FOUND: {
      title: "잘못된 요청 ID",
      description: "요청 ID가 유효하지 않습니다. 확인 후 다시 시도하세요.",
    },
    INVALID_AUDIO_FORMAT: {
      title: "지원하지 않는 오디오 형식",
      description: "WAV 또는 MP3 파일을 사용하세요.",
    },
    INVALID_VIDEO_FORMAT: {
      title: "지원하지 않는 비디오 형식",
      description: "MP4, MOV, WebM, MKV, AVI 등 일반적인 비디오 형식을 사용하세요.",
    },
    CORRUPTED_IMAGE: {
      title: "이미지를 읽을 수 없음",
      description: "이미지 파일이 손상되었거나 읽을 수 없습니다. 다른 파일을 사용하세요.",
    },
    IMAGE_TOO_SMALL: {
      title: "이미지가 너무 작음",
      description: "이미지 크기가 너무 작습니다. 더 큰 이미지를 사용하세요.",
    },
    TOO_MANY_TOKENS: {
      title: "프롬프트가 너무 김",
      description: "요청이 모델의 최대 컨텍스트를 초과합니다. 프롬프트나 완성 길이를 줄이세요.",
    },
    CHARACTER_NOT_FOUND: {
      title: "캐릭터를 찾을 수 없음",
      description: "제공된 character_slug로 캐릭터를 찾을 수 없습니다. 슬러그를 확인하세요.",
    },
    MODEL_NOT_FOUND: {
      title: "모델을 찾을 수 없음",
      description: "지정한 모델을 찾을 수 없습니다. 이름을 확인하거나 다른 모델을 선택하세요.",
    },
    MEDIA_NOT_FOUND: {
      title: "미디어를 찾을 수 없음",
      description:
        "미디어를 찾을 수 없습니다. 요청이 잘못되었거나 만료 또는 삭제되었을 수 있습니다.",
    },
    PAYLOAD_TOO_LARGE: {
      title: "요청이 너무 큼",
      description: "요청 페이로드가 너무 큽니다. 요청 크기를 줄이세요.",
    },
    INVALID_CONTENT_TYPE: {
      title: "잘못된 콘텐츠 유형",
      description: "요청의 content-type 또는 인코딩이 지원되지 않습니다.",
    },
    VIDEO_DURATION_TOO_LONG: {
      title: "비디오가 너무 김",
      description: "비디오 길이가 허용된 최대치를 초과합니다. 더 짧은 비디오를 사용하세요.",
    },
    VIDEO_DURATION_TOO_SHORT: {
      title: "비디오가 너무 짧음",
      description: "비디오 길이가 너무 짧습니다. 더 긴 비디오를 사용하세요.",
    },
    IMAGE_TOO_LARGE: {
      title: "이미지가 너무 큼",
      description: "이미지 크기가 허용된 최대치를 초과합니다. 더 작은 이미지를 사용하세요.",
    },
    CONTENT_POLICY_VIOLATION: {
      title: "콘텐츠 정책 위반",
      description:
        "프롬프트가 Venice.ai 또는 모델 제공자의 콘텐츠 정책을 위반합니다. 프롬프트를 바꿔 보세요.",
    },
    ASR_UPSTREAM_VALIDATION_FAILED: {
      title: "오디오를 전사할 수 없음",
      description:
        "오디오가 비어 있거나, 무음이거나, 손상되었거나, 지원하지 않는 언어일 수 있습니다. 파일을 확인한 후 다시 시도하세요.",
    },
    RATE_LIMIT_EXCEEDED: {
      title: "요청이 너무 많음",
      description: "요청 한도를 초과했습니다. 잠시 기다린 후 다시 시도하세요.",
    },
    MODEL_OVERLOADED: {
      title: "모델 과부하",
      description:
        "현재 모델에 과부하가 걸려 있습니다. 잠시 후 다시 시도하거나 다른 모델을 선택하세요.",
    },
    INFERENCE_FAILED: {
      title: "추론 실패",
      description: "모델이 요청을 처리하지 못했습니다. 다시 시도하세요.",
    },
    UPSCALE_FAILED: {
      title: "업스케일 실패",
      description: "이미지 업스케일에 실패했습니다. 다시 시도하세요.",
    },
    IMAGE_EDIT_ERROR: {
      title: "이미지 편집 실패",
      description: "이미지를 편집하지 못했습니다. 다시 시도하세요.",
    },
    UNKNOWN_ERROR: {
      title: "알 수 없는 오류",
      description: "Venice가 요청을 완료하지 못했습니다. 잠시 후 다시 시도하세요.",
    },
    TEE_ATTESTATION_FAILED: {
      title: "TEE 증명 실패",
      description:
        "신뢰 실행 환경(TEE) 증명 요청이 실패했습니다. 일시적으로 사용할 수 없을 수 있으니 다시 시도하세요.",
    },
    TEE_SIGNATURE_FAILED: {
      title: "TEE 서명 실패",
      description:
        "신뢰 실행 환경(TEE) 서명 요청이 실패했습니다. 일시적으로 사용할 수 없을 수 있으니 다시 시도하세요.",
    },
    ASR_UPSTREAM_FAILED: {
      title: "전사 실패",
      description: "일시적인 업스트림 오류로 오디오 전사에 실패했습니다. 다시 시도하세요.",
    },
    MODEL_OFFLINE: {
      title: "모델 오프라인",
      description:
        "모델이 일시적으로 오프라인 상태입니다. 나중에 다시 시도하거나 다른 모델을 선택하세요.",
    },
    MODEL_AT_CAPACITY: {
      title: "모델 용량 초과",
      description:
        "모델이 수용 한도에 도달했습니다. 나중에 다시 시도하거나 다른 모델을 선택하세요.",
    },
    REQUEST_TIMEOUT: {
      title: "요청 시간 초과",
      description:
        "요청 처리 시간이 너무 오래 걸려 시간 초과되었습니다. 오래 걸리는 추론에는 stream=true로 스트리밍 API를 사용하세요.",
    },
    TOO_MANY_FAILED_ATTEMPTS: {
      title: "일시적으로 차단됨",
      description:
        "짧은 시간에 실패한 요청이 너무 많아 Venice가 이 키를 일시 중지했습니다. 기다린 후 다시 시도하세요.",
    },
    PAYMENT_REQUIRED: {
      title: "결제 필요",
      description: "이 요청에는 결제가 필요합니다. 지갑으로 결제하거나 잔액을 충전하세요.",
    },
    CONSENT_REQUIRED: {
      title: "약관 동의 필요",
      description: "이 모델을 사용하려면 먼저 약관에 동의해야 합니다.",
    },
    RESOURCE_RETIRED: {
      title: "지원 종료",
      description: "이 모델 또는 엔드포인트는 지원이 종료되었습니다. 대체 모델로 전환하세요.",
    },
    CONNECTION_ERROR: {
      title: "Venice에 연결할 수 없음",
      description: "Venice 연결에 실패했습니다. 네트워크 연결을 확인한 후 다시 시도하세요.",
    },
    CLIENT_TIMEOUT: {
      title: "응답 시간 초과",
      description: "Venice가 제시간에 응답하지 않았습니다. 다시 시도하세요.",
    },
    ABORTED: {
      title: "취소됨",
      description: "요청이 취소되었습니다.",
    },
    INVALID_RESPONSE: {
      title: "읽을 수 없는 응답",
      description: "Venice가 읽을 수 없는 응답을 보냈습니다. 다시 시도하세요.",
    },
    STREAM_INTERRUPTED: {
      title: "응답이 중단됨",
      description: "응답이 끝나기 전에 중단되었습니다. 다시 시도하세요.",
    },
  },
  actions: {
    check_api_key: "API 키 확인",
    upgrade_plan: "플랜 업그레이드",
    sign_in_again: "다시 로그인",
    add_credits: "크레딧 추가",
    raise_spend_limit: "지출 한도 올리기",
    pay_with_wallet: "지갑으로 결제",
    check_wallet: "지갑 전환",
    contact_support: "지원팀 문의",
    fix_request: "요청 수정",
    change_model: "다른 모델 선택",
    change_file: "다른 파일 선택",
    reduce_input: "입력 줄이기",
    rephrase_prompt: "프롬프트 바꾸기",
    accept_terms: "약관 보기",
    wait_and_retry: "다시 시도",
    retry: "다시 시도",
    use_streaming: "스트리밍 사용",
    check_connection: "다시 시도",
  },
  retryIn: "{seconds}초 후 다시 시도",
  extra: {
    waitSeconds: "{seconds}초 후에 다시 시도할 수 있습니다.",
    recommendedModel: "대신 {model} 모델을 사용해 보세요.",
    creditsRefunded: "크레딧이 환불되었습니다.",
    requestId: "참조 ID: {id}",
    fieldErrors: "표시된 항목을 확인하세요.",
  },
};
