import { isRecord } from "./classify.js";

/** Field errors keyed by dotted path (`"messages.0.content"`); `""` holds errors about the whole request. */
export type VeniceFieldErrors = Record<string, string[]>;

type Issue = { path?: unknown; message?: unknown; code?: unknown; [key: string]: unknown };

function add(into: Map<string, string[]>, path: string, message: string) {
  const list = into.get(path);
  if (!list) into.set(path, [message]);
  else if (!list.includes(message)) list.push(message);
}

/** A readable message for a zod issue that came without one (`{"code":"too_big","maximum":4096}`). */
function issueMessage(issue: Issue): string {
  if (typeof issue.message === "string" && issue.message) return issue.message;
  const big = issue.code === "too_big";
  if (big || issue.code === "too_small") {
    return `Must be at ${big ? "most" : "least"} ${String(big ? issue.maximum : issue.minimum)}`;
  }
  return typeof issue.code === "string" ? issue.code.replaceAll("_", " ") : "Invalid value";
}

function addIssues(into: Map<string, string[]>, issues: readonly unknown[]) {
  for (const issue of issues) {
    if (!isRecord(issue)) continue;
    const path = Array.isArray(issue.path) ? issue.path.map(String).join(".") : "";
    add(into, path, issueMessage(issue));
  }
}

/** Walks zod's `format()` tree: every node has `_errors`, children are the other keys. */
function addTree(into: Map<string, string[]>, node: Record<string, unknown>, path: string) {
  const errors = node._errors;
  if (Array.isArray(errors)) {
    for (const message of errors) if (typeof message === "string") add(into, path, message);
  }
  for (const key of Object.keys(node)) {
    if (key === "_errors") continue;
    const child = node[key];
    if (isRecord(child) && Array.isArray(child._errors)) {
      addTree(into, child, path ? `${path}.${key}` : key);
    }
  }
}

/** The zod issue list of a Venice validation body: `issues`, or the 2024 form `{"error":[...]}`. */
export function bodyIssues(body: unknown): unknown[] | undefined {
  if (!isRecord(body)) return undefined;
  if (Array.isArray(body.issues)) return body.issues;
  if (Array.isArray(body.error)) return body.error;
  return undefined;
}

/**
 * Flattens a validation body's `details` tree and `issues` list into `{ dotted.path: messages }`.
 * Both are read (they can disagree); duplicates are dropped. Safe for `__proto__` paths.
 */
export function fieldErrorsFromBody(body: unknown): VeniceFieldErrors {
  const into = new Map<string, string[]>();
  if (!isRecord(body)) return {};
  const details = body.details;
  if (isRecord(details) && Array.isArray(details._errors)) addTree(into, details, "");
  const issues = bodyIssues(body);
  if (issues) addIssues(into, issues);
  return Object.fromEntries(into);
}
