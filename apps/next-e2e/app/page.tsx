import { VeniceErrorProvider, VeniceToaster } from "@venice-errors/react-hooks";
import { Chat } from "./chat";

/** A server component that renders the package's client provider and toaster. */
export default function Page() {
  return (
    <VeniceErrorProvider>
      <main>
        <h1>Venice chat</h1>
        <Chat />
      </main>
      <VeniceToaster />
    </VeniceErrorProvider>
  );
}
