import { readJson } from "../answers.js";
import type { VeniceCaller } from "../caller.js";
import type { VeniceRequestOptions } from "../options.js";

/** A public Venice character (preview API). */
export interface VeniceCharacter {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  author: string;
  adult: boolean;
  featured: boolean;
  webEnabled: boolean;
  modelId: string;
  tags: string[];
  shareUrl: string | null;
  photoUrl: string | null;
  createdAt: string;
  updatedAt: string;
  stats: {
    averageRating: number;
    imports: number;
    ratingCount: number;
    ratingSum: number;
    userRating: number | null;
  };
}

/** Query of `GET /characters`. */
export interface CharacterListParams {
  search?: string;
  categories?: string[];
  tags?: string[];
  modelId?: string[];
  isAdult?: boolean;
  isPro?: boolean;
  isWebEnabled?: boolean;
  /** 1–100, default 50. */
  limit?: number;
  offset?: number;
  sortBy?:
    | "featured"
    | "highestRating"
    | "highlyRated"
    | "highlyRatedAndRecent"
    | "imports"
    | "mostRecent"
    | "ratingCount";
  sortOrder?: "asc" | "desc";
}

/** The answer of `GET /characters`. */
export interface CharacterList {
  object: "list";
  data: VeniceCharacter[];
}

/** The answer of `GET /characters/{slug}`. */
export interface CharacterResponse {
  object: "character";
  data: VeniceCharacter;
}

/** `client.characters`. */
export interface VeniceCharacters {
  /** `GET /characters`. */
  list(params?: CharacterListParams, options?: VeniceRequestOptions): Promise<CharacterList>;
  /** `GET /characters/{slug}`; an unknown slug is CHARACTER_NOT_FOUND (404). */
  get(slug: string, options?: VeniceRequestOptions): Promise<CharacterResponse>;
}

export function createCharacters(caller: VeniceCaller): VeniceCharacters {
  return {
    list: (params = {}, options = {}) =>
      caller.call(
        "GET",
        "/characters",
        { ...options, query: { ...params } },
        readJson,
      ) as Promise<CharacterList>,
    get: (slug, options = {}) =>
      caller.call(
        "GET",
        `/characters/${encodeURIComponent(slug)}`,
        options,
        readJson,
      ) as Promise<CharacterResponse>,
  };
}
