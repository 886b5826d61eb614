import { z } from "zod";
import { tagsSchema, usernameSchema } from "../accounts/fields";
import { MEDIA_TYPES } from "../db/schema";

/**
 * The material fields a user writes, shared by upload (query or headers) and PATCH (JSON),
 * so both take exactly the same values. Tags follow the accounts' rules; a username is
 * compared as the accounts' are, "" meaning "any account".
 */

export const MAX_CAPTION = 4_000;

export const fileNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .regex(/^[^\x00-\x1f\x7f/\\]+$/, { message: "must be a file name without folders or control characters" });

export const captionSchema = z.string().max(MAX_CAPTION);

export const materialUsernameSchema = z.union([z.literal(""), usernameSchema]);

export const SORT_KEY_RANGE = { min: -1_000_000_000, max: 1_000_000_000 } as const;

export const sortKeySchema = z.number().int().min(SORT_KEY_RANGE.min).max(SORT_KEY_RANGE.max);

export const materialFields = {
  tags: tagsSchema,
  caption: captionSchema,
  username: materialUsernameSchema,
  sort_key: sortKeySchema,
};

export const mediaTypeSchema = z.enum(MEDIA_TYPES);
