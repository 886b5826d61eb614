import { z } from "zod";
import { androidPackageSchema } from "../../shared/android-package";
import { PLATFORMS } from "../../shared/platforms";
import { serialSchema } from "../devices/serial";
import { MAX_TAGS, TAG_MAX_LENGTH } from "../../shared/tags";

/**
 * The writable account fields, shared by create and update so both accept exactly the
 * same values. Nullable fields take `null` to clear (the default package, no device,
 * no password, no email).
 */

/**
 * A username as TikTok and Instagram compare it: both keep handles lower-case (a name typed
 * "Alice" is the account "alice") and both show fullwidth or compatibility forms as their
 * plain letters, so the stored name is NFKC, lower-cased, without the leading "@" TikMatrix
 * clients send as often as not. Two names that the platform treats as one account are one
 * account here: the unique index sees the same text.
 */
export function canonicalUsername(name: string): string {
  return name.trim().replace(/^@/, "").normalize("NFKC").toLowerCase();
}

export const usernameSchema = z
  .string()
  .transform(canonicalUsername)
  .pipe(
    z
      .string()
      .min(1)
      .max(64)
      .regex(/^\S+$/, { message: "must not contain whitespace" }),
  );

export const platformSchema = z.enum(PLATFORMS);

/** Empty or null clears it: the column keeps "" for "no email", as TikMatrix shows it. */
export const emailSchema = z
  .union([z.literal(""), z.email({ message: "must be an email address" }).max(254)])
  .nullable()
  .transform((value) => value ?? "");

export const passwordSchema = z.string().min(1).max(256).nullable();

/** Android's rule for application ids (shared/android-package.ts); null means the app's default package. */
export const packageNameSchema = androidPackageSchema.nullable();

export const deviceSchema = serialSchema.nullable();

export const flagSchema = z.literal([0, 1]);

export const tagSchema = z.string().trim().min(1).max(TAG_MAX_LENGTH);

/** Order and repeats carry no meaning: stored once each, shown sorted. */
export const tagsSchema = z
  .array(tagSchema)
  .max(MAX_TAGS)
  .transform((tags) => [...new Set(tags)].sort());

export const accountFields = {
  username: usernameSchema,
  platform: platformSchema,
  email: emailSchema,
  password: passwordSchema,
  packagename: packageNameSchema,
  device: deviceSchema,
  logined: flagSchema,
  status: flagSchema,
  tags: tagsSchema,
};
