import {
  contentViolationError,
  isContentViolation,
  readBinary,
  readJson,
  type VeniceBinary,
} from "../answers.js";
import type { AnswerReader, VeniceCaller } from "../caller.js";
import type { VeniceRequestOptions } from "../options.js";
import type { ImageGenerateParams, ImageGenerateResponse } from "../types.js";
import { isUpload, toBase64, toFormData, type VeniceUpload } from "../uploads.js";

/** Per-request options of the image methods. */
export interface ImageRequestOptions extends VeniceRequestOptions {
  /**
   * Venice answers 200 with `x-venice-is-content-violation: true` and a blurred image when the
   * result breaks its terms. By default that is thrown as CONTENT_POLICY_VIOLATION (status 200);
   * `true` returns the blurred image with `contentViolation: true` instead.
   */
  allowContentViolation?: boolean;
}

/** An image answered as bytes (`image/png`, …). */
export interface VeniceImage extends VeniceBinary {
  /** True only with `allowContentViolation`: the image was flagged and blurred. */
  contentViolation: boolean;
}

/** `POST /image/generate`'s JSON answer, with the content-violation flag of its headers. */
export type ImageGenerateResult = ImageGenerateResponse & { contentViolation: boolean };

/** An image input: a base64 string or an `https://` URL (sent as JSON), or a file (sent as multipart). */
export type ImageInput = string | VeniceUpload;

/** Parameters of `POST /image/edit`. */
export interface ImageEditParams {
  image: ImageInput;
  /** What to change: "remove the tree", "make the sky a sunrise". */
  prompt: string;
  /** Default `qwen-edit`. */
  modelId?: string;
  aspect_ratio?: string;
}

/** Parameters of `POST /image/multi-edit`: a base image and up to two layers. */
export interface ImageMultiEditParams {
  /** 1 to 3 images; the first is the base. All files go as multipart; any string sends JSON. */
  images: ImageInput[];
  prompt: string;
  modelId?: string;
}

/** Parameters of `POST /image/upscale`. */
export interface ImageUpscaleParams {
  image: ImageInput;
  /** 1–4, default 2; 1 needs `enhance: true`. */
  scale?: number;
  enhance?: boolean;
  enhanceCreativity?: number;
  enhancePrompt?: string;
  replication?: number;
}

/** Parameters of `POST /image/background-remove`: `image`, or `image_url`. */
export interface ImageRemoveBackgroundParams {
  image?: ImageInput;
  image_url?: string;
}

/** `client.images`. */
export interface VeniceImages {
  /** `POST /image/generate`: base64 `images`, or bytes with `return_binary: true`. */
  generate(
    params: ImageGenerateParams & { return_binary: true },
    options?: ImageRequestOptions,
  ): Promise<VeniceImage>;
  generate(
    params: ImageGenerateParams,
    options?: ImageRequestOptions,
  ): Promise<ImageGenerateResult>;
  /** `POST /image/edit`: the edited PNG. */
  edit(params: ImageEditParams, options?: ImageRequestOptions): Promise<VeniceImage>;
  /** `POST /image/multi-edit`: the composited PNG. */
  multiEdit(params: ImageMultiEditParams, options?: ImageRequestOptions): Promise<VeniceImage>;
  /** `POST /image/upscale`: the upscaled (or enhanced) PNG. */
  upscale(params: ImageUpscaleParams, options?: ImageRequestOptions): Promise<VeniceImage>;
  /** `POST /image/background-remove`: a PNG with a transparent background. */
  removeBackground(
    params: ImageRemoveBackgroundParams,
    options?: ImageRequestOptions,
  ): Promise<VeniceImage>;
}

type Fields = Record<string, unknown>;

/**
 * The body for params that carry images: multipart when every image is a file, else JSON with
 * files inlined as base64 (JSON takes base64 and URLs; Venice's multipart takes only files).
 */
async function imageBody(params: Fields, imageField: string): Promise<unknown> {
  const raw = params[imageField];
  const images: unknown[] = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  if (images.length > 0 && images.every(isUpload)) {
    return toFormData(params as Parameters<typeof toFormData>[0], "image.png");
  }
  if (!images.some(isUpload)) return params;
  const inlined = await Promise.all(
    images.map((image) => (isUpload(image) ? toBase64(image) : image)),
  );
  return { ...params, [imageField]: Array.isArray(raw) ? inlined : inlined[0] };
}

function withoutOption(options: ImageRequestOptions): VeniceRequestOptions {
  const { allowContentViolation: _allow, ...rest } = options;
  return rest;
}

export function createImages(caller: VeniceCaller): VeniceImages {
  /** Surfaces a flagged image: thrown, or flagged on the result with `allowContentViolation`. */
  const screen = (response: Response, options: ImageRequestOptions): boolean => {
    const flagged = isContentViolation(response.headers);
    if (flagged && !options.allowContentViolation) {
      response.body?.cancel().catch(() => undefined);
      throw contentViolationError(response.headers, caller.secrets);
    }
    return flagged;
  };
  const imageReader =
    (options: ImageRequestOptions): AnswerReader<VeniceImage> =>
    async (response) => {
      const contentViolation = screen(response, options);
      return { ...(await readBinary(response)), contentViolation };
    };
  const binaryRoute = async (
    path: string,
    params: Fields,
    imageField: string,
    options: ImageRequestOptions,
  ) =>
    caller.call(
      "POST",
      path,
      {
        ...withoutOption(options),
        body: await imageBody(params, imageField),
        accept: "image/*, application/json",
        generation: true,
      },
      imageReader(options),
    );

  return {
    generate: ((params: ImageGenerateParams, options: ImageRequestOptions = {}) => {
      const init = { ...withoutOption(options), body: params, generation: true };
      if (params.return_binary === true) {
        return caller.call(
          "POST",
          "/image/generate",
          { ...init, accept: "image/*, application/json" },
          imageReader(options),
        );
      }
      return caller.call("POST", "/image/generate", init, async (response) => {
        const contentViolation = screen(response, options);
        const body = (await readJson(response)) as ImageGenerateResponse;
        return { ...body, contentViolation };
      });
    }) as VeniceImages["generate"],
    edit: (params, options = {}) => binaryRoute("/image/edit", { ...params }, "image", options),
    multiEdit: (params, options = {}) =>
      binaryRoute("/image/multi-edit", { ...params }, "images", options),
    upscale: (params, options = {}) =>
      binaryRoute("/image/upscale", { ...params }, "image", options),
    removeBackground: (params, options = {}) =>
      binaryRoute("/image/background-remove", { ...params }, "image", options),
  };
}
