import { packageBuild } from "../../tsdown.shared.ts";

// Core stays an import in the output: users get one copy of it.
export default packageBuild(
  { index: "src/index.ts" },
  { external: [/^@venice-errors\//, /^node:/] },
);
