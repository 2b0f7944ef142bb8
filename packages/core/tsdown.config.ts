import { packageBuild } from "../../tsdown.shared.ts";

export default packageBuild({
  index: "src/index.ts",
  schemas: "src/schemas/index.ts",
  hono: "src/hono.ts",
  express: "src/express.ts",
});
