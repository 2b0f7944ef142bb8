import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { failure, type Harness, PNG_SIGNATURE, startHarness } from "../test-support/fake-venice.js";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.venice.close());

const PNG = new Uint8Array([...PNG_SIGNATURE, 0x0d, 0x0a, 0x1a, 0x0a]);

describe("images", () => {
  it("edit sends a file as multipart and answers the PNG bytes", async () => {
    const image = await h.client.images.edit({
      image: new File([PNG], "cat.png", { type: "image/png" }),
      prompt: "make the sky a sunrise",
    });
    expect([...image.bytes.slice(0, 4)]).toEqual(PNG_SIGNATURE);
    expect(image.contentType).toBe("image/png");
    expect(image.contentViolation).toBe(false);
    expect(image.requestId).toMatch(/-/);
    const sent = h.venice.requests[0];
    expect(sent?.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(sent?.body).toEqual({
      multipart: true,
      fields: { prompt: "make the sky a sunrise" },
      files: [{ field: "image", filename: "cat.png", type: "image/png", size: PNG.byteLength }],
    });
  });

  it("edit sends a URL or base64 string as JSON", async () => {
    await h.client.images.edit({
      image: "https://example.com/cat.png",
      prompt: "colorize",
      modelId: "qwen-edit",
    });
    expect(h.venice.requests[0]?.body).toEqual({
      image: "https://example.com/cat.png",
      prompt: "colorize",
      modelId: "qwen-edit",
    });
  });

  it("multiEdit sends all files as multipart and inlines files as base64 next to a URL", async () => {
    const base = new Blob([PNG], { type: "image/png" });
    await h.client.images.multiEdit({ images: [base, PNG], prompt: "blend" });
    const multipart = h.venice.requests[0]?.body as { files: Array<{ field: string }> };
    expect(multipart.files.map((file) => file.field)).toEqual(["images", "images"]);

    await h.client.images.multiEdit({
      images: ["https://example.com/a.png", PNG],
      prompt: "blend",
    });
    expect(h.venice.requests[1]?.body).toEqual({
      images: ["https://example.com/a.png", Buffer.from(PNG).toString("base64")],
      prompt: "blend",
    });
  });

  it("upscale takes a stream of bytes (read once, so a retry can send it again)", async () => {
    h.venice.enqueue({ route: "POST /image/upscale", error: "RATE_LIMIT_EXCEEDED", retryAfter: 1 });
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(PNG.slice(0, 4));
        controller.enqueue(PNG.slice(4));
        controller.close();
      },
    });
    const image = await h.client.images.upscale({ image: stream, scale: 2 });
    expect(image.contentType).toBe("image/png");
    expect(h.venice.requests).toHaveLength(2);
    for (const request of h.venice.requests) {
      const body = request.body as {
        fields: Record<string, string>;
        files: Array<{ size: number }>;
      };
      expect(body.fields).toEqual({ scale: "2" });
      expect(body.files[0]?.size).toBe(PNG.byteLength);
    }
    expect(h.waits).toEqual([1000]);
  });

  it("removeBackground takes image_url", async () => {
    const image = await h.client.images.removeBackground({
      image_url: "https://example.com/a.jpg",
    });
    expect([...image.bytes.slice(0, 4)]).toEqual(PNG_SIGNATURE);
  });

  it("generate with return_binary answers bytes; without, base64 images and the flag", async () => {
    const bytes = await h.client.images.generate({
      model: "z-image-turbo",
      prompt: "a cat",
      return_binary: true,
    });
    expect(bytes.contentType).toBe("image/png");
    const json = await h.client.images.generate({ model: "z-image-turbo", prompt: "a cat" });
    expect(json.images).toHaveLength(1);
    expect(json.contentViolation).toBe(false);
  });

  describe("a 200 image flagged x-venice-is-content-violation: true", () => {
    const flagged = { headers: { "x-venice-is-content-violation": "true" } };

    it.each([
      [
        "edit",
        () => h.client.images.edit({ image: "https://example.com/a.png", prompt: "x" }),
        "POST /image/edit",
      ],
      [
        "generate",
        () => h.client.images.generate({ model: "m", prompt: "x" }),
        "POST /image/generate",
      ],
      [
        "generate (binary)",
        () => h.client.images.generate({ model: "m", prompt: "x", return_binary: true }),
        "POST /image/generate",
      ],
      ["upscale", () => h.client.images.upscale({ image: "aGVsbG8=" }), "POST /image/upscale"],
    ] as const)(
      "%s throws CONTENT_POLICY_VIOLATION (status 200), never retried",
      async (_name, call, route) => {
        h.venice.enqueue({ route, ...flagged });
        const error = await failure(call());
        expect(error.code).toBe("CONTENT_POLICY_VIOLATION");
        expect(error.status).toBe(200);
        expect(error.retryable).toBe(false);
        expect(error.headers["x-venice-is-content-violation"]).toBe("true");
        expect(h.venice.requests).toHaveLength(1);
      },
    );

    it("with allowContentViolation returns the blurred image flagged", async () => {
      h.venice.enqueue(
        { route: "POST /image/edit", ...flagged },
        { route: "POST /image/generate", ...flagged },
      );
      const image = await h.client.images.edit(
        { image: "https://example.com/a.png", prompt: "x" },
        { allowContentViolation: true },
      );
      expect(image.contentViolation).toBe(true);
      expect(image.bytes.byteLength).toBeGreaterThan(0);
      const json = await h.client.images.generate(
        { model: "m", prompt: "x" },
        { allowContentViolation: true },
      );
      expect(json.contentViolation).toBe(true);
    });
  });

  it("validation errors of the route come back with their field errors", async () => {
    const error = await failure(
      h.client.images.edit({ image: "https://example.com/a.png", prompt: "" }),
    );
    expect(error.code).toBe("INVALID_REQUEST");
    expect(error.status).toBe(400);
    expect(error.fieldErrors).toEqual({ prompt: ["Required"] });
    expect(h.venice.requests).toHaveLength(1);
  });

  it("a JSON error on a binary route is an error, not image bytes", async () => {
    h.venice.enqueue({ route: "POST /image/background-remove", error: "INSUFFICIENT_BALANCE" });
    const error = await failure(h.client.images.removeBackground({ image: PNG }));
    expect(error.code).toBe("INSUFFICIENT_BALANCE");
    expect(error.balance).toEqual({ usd: 0, diem: 0 });
    expect(h.venice.requests).toHaveLength(1);
  });
});
