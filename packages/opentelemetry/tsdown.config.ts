import { packageBuild } from "../../tsdown.shared.ts";

// node-client, core and OpenTelemetry stay imports in the output: users share one copy of each.
export default packageBuild(
  { index: "src/index.ts" },
  { external: [/^@venice-errors\//, /^@opentelemetry\//, /^node:/] },
);
