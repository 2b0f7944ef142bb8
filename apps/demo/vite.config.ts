import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The page is built into dist/ and served by server/start.mjs (one port for page and API).
// `vite` alone (dev) proxies the API to a demo server started with `pnpm start`.
export default defineConfig({
  plugins: [react()],
  server: {
    host: "127.0.0.1",
    proxy: { "/api": `http://127.0.0.1:${process.env.DEMO_API_PORT ?? 4173}` },
  },
  build: { outDir: "dist", emptyOutDir: true, sourcemap: true },
});
