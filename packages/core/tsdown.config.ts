import { packageBuild } from "../../tsdown.shared.ts";

export default packageBuild({ index: "src/index.ts", schemas: "src/schemas/index.ts" });
