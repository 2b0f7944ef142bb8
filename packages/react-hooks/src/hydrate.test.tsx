import { act, cleanup } from "@testing-library/react";
import { hydrateRoot } from "react-dom/client";
import { renderToString } from "react-dom/server";
import { afterEach, expect, it, vi } from "vitest";
import { ko } from "./locales/ko.js";
import { VeniceErrorProvider } from "./provider.js";
import { VeniceToaster } from "./toaster.js";
import { useVeniceError } from "./use-venice-error.js";

afterEach(cleanup);

function Status() {
  const { message } = useVeniceError();
  return <p>{message?.title ?? "ready"}</p>;
}

function App() {
  return (
    <VeniceErrorProvider locale={ko}>
      <Status />
      <VeniceToaster />
    </VeniceErrorProvider>
  );
}

it("hydrates server HTML without mismatch warnings", async () => {
  const container = document.createElement("div");
  container.innerHTML = renderToString(<App />);
  document.body.append(container);
  const errorSpy = vi.spyOn(console, "error");
  let root: ReturnType<typeof hydrateRoot> | undefined;
  await act(async () => {
    root = hydrateRoot(container, <App />, { onRecoverableError: (e) => console.error(e) });
  });
  expect(errorSpy).not.toHaveBeenCalled();
  expect(container.querySelector('[role="status"]')).not.toBeNull();
  act(() => root?.unmount());
  container.remove();
});
