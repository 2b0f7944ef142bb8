import { packageBuild } from "../../tsdown.shared.ts";

export default packageBuild(
  {
    index: "src/index.ts",
    sonner: "src/sonner.tsx",
    "react-hot-toast": "src/react-hot-toast.tsx",
  },
  {
    // Peers and core stay imports. tsdown infers this from package.json; listed so it never changes.
    deps: {
      neverBundle: [
        /^react($|\/)/,
        /^react-dom($|\/)/,
        "sonner",
        "react-hot-toast",
        /^@venice-errors\/core($|\/)/,
      ],
    },
  },
);
