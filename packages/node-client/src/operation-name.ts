/**
 * Routes -> the GenAI conventions' `gen_ai.operation.name` (well-known values: `chat`,
 * `text_completion`, `embeddings`, `generate_content`, …). Matched on the end of the path, so any
 * base URL works; data, so a new endpoint is one row.
 */
const OPERATIONS: ReadonlyArray<readonly [route: RegExp, operation: string]> = [
  [/\/chat\/completions\/?$/, "chat"],
  // The Responses API is a chat API (the conventions name OpenAI's Responses `chat` too).
  [/\/responses\/?$/, "chat"],
  [/\/completions\/?$/, "text_completion"],
  [/\/embeddings\/?$/, "embeddings"],
];

/**
 * Routes with a parameter in the path, named by their template, so that a span name or a metric
 * never carries an id (cardinality) or a slug a user typed.
 */
const TEMPLATES: ReadonlyArray<readonly [route: RegExp, name: string]> = [
  [/^characters\/[^/]+$/, "characters/{slug}"],
];

/**
 * The operation name of a request. Paid generation (images, speech, transcriptions, audio and
 * video jobs: the requests `generation` marks) is `generate_content`; a route that is no GenAI
 * operation (`GET /models`, `/video/retrieve`) is named by its path below `/api/v1`.
 */
export function operationNameOf(path: string, generation: boolean): string {
  for (const [route, operation] of OPERATIONS) if (route.test(path)) return operation;
  if (generation) return "generate_content";
  const relative = path.replace(/^\/api\/v1(?=\/|$)/, "").replace(/^\/+|\/+$/g, "");
  for (const [route, name] of TEMPLATES) if (route.test(relative)) return name;
  return relative || "request";
}
