import { packageBuild } from "../../tsdown.shared.ts";

export default packageBuild(
  {
    index: "src/index.ts",
    msw: "src/msw.ts",
    vitest: "src/vitest.ts",
    server: "src/server.ts",
  },
  // Peers and Node built-ins stay imports in the output.
  { external: [/^@venice-errors\//, /^msw/, /^vitest/, /^node:/] },
);
