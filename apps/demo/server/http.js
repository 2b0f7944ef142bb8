// Small node:http helpers: JSON in and out, server-sent events, and the built page.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";

const MAX_BODY_BYTES = 256 * 1024;

/**
 * Reads a JSON request body; `{}` when empty. Rejects bodies over 256 KB or that are not JSON.
 * @param {import("node:http").IncomingMessage} req
 * @returns {Promise<Record<string, unknown>>}
 */
export async function readJson(req) {
  let size = 0;
  const parts = [];
  for await (const part of req) {
    size += part.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, "Request body is too large.");
    parts.push(part);
  }
  const text = Buffer.concat(parts).toString("utf8").trim();
  if (text === "") return {};
  try {
    const value = JSON.parse(text);
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value;
  } catch {
    // Falls through to the 400 below.
  }
  throw new HttpError(400, "Request body must be a JSON object.");
}

/** An error of the demo's own API (not a Venice error): status and a message for the page. */
export class HttpError extends Error {
  /** @param {number} status @param {string} message */
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/**
 * @param {import("node:http").ServerResponse} res
 * @param {number} status
 * @param {unknown} value
 */
export function sendJson(res, status, value) {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
  });
  res.end(body);
}

/** @param {import("node:http").ServerResponse} res */
export function startEventStream(res) {
  res.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-store",
    connection: "keep-alive",
    "x-accel-buffering": "no",
  });
  res.flushHeaders();
}

/**
 * @param {import("node:http").ServerResponse} res
 * @param {string} event
 * @param {unknown} data
 */
export function sendEvent(res, event, data) {
  res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json; charset=utf-8",
  ".woff2": "font/woff2",
};

/**
 * Serves a file of the built page; unknown paths get `index.html` (one-page app).
 * @param {import("node:http").ServerResponse} res
 * @param {string} distDir
 * @param {string} pathname
 */
export async function serveStatic(res, distDir, pathname) {
  const root = normalize(distDir + sep);
  let file = normalize(join(root, decodeURIComponent(pathname)));
  if (!file.startsWith(root)) return sendJson(res, 403, { message: "Forbidden" });
  let info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) {
    file = join(root, "index.html");
    info = await stat(file).catch(() => undefined);
  }
  if (!info?.isFile()) {
    res.writeHead(503, { "content-type": "text/plain; charset=utf-8" });
    res.end("The demo page is not built yet: run `pnpm --filter @venice-errors/demo build`.\n");
    return;
  }
  const immutable = file.includes(`${sep}assets${sep}`);
  res.writeHead(200, {
    "content-type":
      TYPES[/** @type {keyof typeof TYPES} */ (extname(file))] ?? "application/octet-stream",
    "content-length": info.size,
    "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
  });
  createReadStream(file).pipe(res);
}
