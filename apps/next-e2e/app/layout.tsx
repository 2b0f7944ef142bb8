import { VeniceErrorProvider, VeniceToaster } from "@venice-errors/react-hooks";
import type { ReactNode } from "react";

export const metadata = { title: "venice-errors on Next.js" };

/** A server component that renders the client provider and toaster ("use client" in the package). */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <VeniceErrorProvider>
          {children}
          <VeniceToaster />
        </VeniceErrorProvider>
      </body>
    </html>
  );
}
