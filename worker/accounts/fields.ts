import { z } from "zod";
import { PLATFORMS } from "../../shared/platforms";
import { serialSchema } from "../devices/serial";

/**
 * The writable account fields, shared by create and update so both accept exactly the
 * same values. Nullable fields take `null` to clear (the default package, no device,
 * no password, no email).
 */

/** TikMatrix clients send `@name` as often as `name`; the account is stored without it. */
export const usernameSchema = z
  .string()
  .transform((value) => (value.startsWith("@") ? value.slice(1) : value))
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

/** Android's rule for application ids: two or more dot-separated Java-style segments. */
export const packageNameSchema = z
  .string()
  .max(255)
  .regex(/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$/, {
    message: "must be an Android package name such as com.zhiliaoapp.musically",
  })
  .nullable();

export const deviceSchema = serialSchema.nullable();

export const flagSchema = z.literal([0, 1]);

export const MAX_TAGS = 50;

export const tagSchema = z.string().trim().min(1).max(64);

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
