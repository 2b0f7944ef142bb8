import { packageBuild } from "../../tsdown.shared.ts";

export default packageBuild({
  index: "src/index.ts",
  schemas: "src/schemas/index.ts",
  hono: "src/hono.ts",
  express: "src/express.ts",
  // One entry per language, so an app bundles only the languages it imports.
  "locales/en": "src/locales/en.ts",
  "locales/ko": "src/locales/ko.ts",
});
