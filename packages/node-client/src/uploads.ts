/** A file to upload: a `Blob` or `File`, bytes, or a stream of bytes (read once, then buffered). */
export type VeniceUpload = Blob | Uint8Array | ArrayBuffer | ReadableStream<Uint8Array>;

/** True for values `toBlob` accepts (as opposed to a base64 string or a URL). */
export function isUpload(value: unknown): value is VeniceUpload {
  return (
    value instanceof Blob ||
    value instanceof Uint8Array ||
    value instanceof ArrayBuffer ||
    value instanceof ReadableStream
  );
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.byteLength;
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * The upload as a `Blob`. A stream is read to the end first: a retried request must be able to
 * send the same bytes again, and a multipart body needs the file's length anyway.
 */
export async function toBlob(
  upload: VeniceUpload,
  type = "application/octet-stream",
): Promise<Blob> {
  if (upload instanceof Blob) return upload;
  if (upload instanceof ReadableStream) return new Blob([await readAll(upload)], { type });
  if (upload instanceof ArrayBuffer) return new Blob([upload], { type });
  // Copy into a fresh ArrayBuffer: a view of a SharedArrayBuffer (or a slice) is not a BlobPart.
  return new Blob([new Uint8Array(upload)], { type });
}

/** The upload as base64 text, for JSON bodies that take images inline. */
export async function toBase64(upload: VeniceUpload): Promise<string> {
  const bytes = new Uint8Array(await (await toBlob(upload)).arrayBuffer());
  let binary = "";
  // Chunked: `String.fromCharCode(...bytes)` overflows the call stack on large files.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** A multipart value: text as is, uploads as files (named `filename`, or the `File`'s own name). */
export type FormValue = string | number | boolean | VeniceUpload | undefined;

/** Builds a `FormData` from fields; `undefined` fields are left out, arrays repeat the field. */
export async function toFormData(
  fields: Record<string, FormValue | readonly FormValue[]>,
  filename = "file",
): Promise<FormData> {
  const form = new FormData();
  for (const [name, raw] of Object.entries(fields)) {
    const values = Array.isArray(raw) ? raw : [raw];
    for (const [index, value] of values.entries()) {
      if (value === undefined) continue;
      if (isUpload(value)) {
        const fileName =
          value instanceof File
            ? value.name
            : values.length > 1
              ? `${filename}-${index + 1}`
              : filename;
        form.append(name, await toBlob(value), fileName);
      } else form.append(name, String(value));
    }
  }
  return form;
}
