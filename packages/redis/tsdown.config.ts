import { packageBuild } from "../../tsdown.shared.ts";

// Core, node-client and redis stay imports in the output: users get one copy of each.
export default packageBuild(
  { index: "src/index.ts" },
  { external: [/^@venice-errors\//, /^redis$/, /^@redis\//] },
);
