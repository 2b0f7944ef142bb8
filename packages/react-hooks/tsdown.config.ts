import { packageBuild } from "../../tsdown.shared.ts";

export default packageBuild(
  {
    index: "src/index.ts",
    sonner: "src/sonner.tsx",
    "react-hot-toast": "src/react-hot-toast.tsx",
    "tanstack-query": "src/tanstack-query.tsx",
    // One entry per language, so an app bundles only the languages it imports.
    "locales/en": "src/locales/en.ts",
    "locales/ko": "src/locales/ko.ts",
  },
  {
    // Peers and core stay imports. tsdown infers this from package.json; listed so it never changes.
    deps: {
      neverBundle: [
        /^react($|\/)/,
        /^react-dom($|\/)/,
        "sonner",
        "react-hot-toast",
        /^@tanstack\//,
        /^@venice-errors\/core($|\/)/,
      ],
    },
  },
);
