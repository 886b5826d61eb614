import { z } from "zod";

/**
 * An adb serial as `adb devices` prints it: hardware serials, `192.168.1.5:5555` for
 * Wi-Fi adb, `emulator-5554`. Printable ASCII without spaces is what adb itself allows.
 */
export const serialSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\x21-\x7e]+$/, { message: "must be printable ASCII without spaces" });
