import { VeniceErrorProvider, VeniceToaster } from "@venice-errors/react-hooks";
import { ko } from "@venice-errors/react-hooks/locales/ko";
import { Chat } from "../chat";

/** The Korean texts cross from this server component to the client provider as a prop. */
export default function KoreanPage() {
  return (
    <VeniceErrorProvider locale={ko}>
      <main lang="ko">
        <h1>Venice chat</h1>
        <Chat />
      </main>
      <VeniceToaster />
    </VeniceErrorProvider>
  );
}
