/** A file of a recorded multipart request. */
export interface FakeUploadedFile {
  field: string;
  filename: string;
  type: string;
  size: number;
}

/** A recorded multipart body: its text fields and a summary of its files (not their bytes). */
export interface FakeMultipartBody {
  multipart: true;
  /** Text fields; a repeated field keeps its last value. */
  fields: Record<string, string>;
  files: FakeUploadedFile[];
}

/** A recorded binary body (not JSON, text or multipart). */
export interface FakeBinaryBody {
  binary: true;
  contentType: string;
  size: number;
}

/** A recorded request body: parsed JSON, else the raw text (`undefined` when empty). */
export function parseBody(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * A request body as recorded: multipart as fields and file summaries, other binary types as their
 * size, JSON parsed, text as is.
 */
export async function parseRequestBody(
  bytes: Uint8Array,
  contentType: string | undefined,
): Promise<unknown> {
  if (bytes.byteLength === 0) return undefined;
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (type === "multipart/form-data") {
    try {
      const form = await new Response(bytes as BodyInit, {
        headers: { "content-type": contentType ?? "" },
      }).formData();
      const body: FakeMultipartBody = { multipart: true, fields: {}, files: [] };
      for (const [field, value] of form.entries()) {
        if (typeof value === "string") body.fields[field] = value;
        else body.files.push({ field, filename: value.name, type: value.type, size: value.size });
      }
      return body;
    } catch {
      // A malformed multipart body is recorded as text below.
    }
  }
  const binary =
    type !== "" &&
    !type.startsWith("text/") &&
    !type.endsWith("json") &&
    type !== "application/x-www-form-urlencoded" &&
    type !== "multipart/form-data";
  if (binary) {
    const recorded: FakeBinaryBody = { binary: true, contentType: type, size: bytes.byteLength };
    return recorded;
  }
  return parseBody(new TextDecoder().decode(bytes));
}
