import { Chat } from "./chat";

export default function Page() {
  return (
    <main>
      <h1>Venice chat</h1>
      <Chat />
    </main>
  );
}
