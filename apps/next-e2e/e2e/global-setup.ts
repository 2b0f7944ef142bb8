import { buildNextApp } from "./next-app.js";

/** One `next build` for every test file of the project; each file starts its own `next start`. */
export default function setup(): void {
  buildNextApp();
}
