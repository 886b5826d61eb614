import type { DeviceProfile } from "../../system/device-profile.js";
import { CAMERA, RECORD_AUDIO, photoPermissions } from "../../system/permissions.js";
import type { Harness, PhoneShell } from "../../testing/test-harness.js";
import type { TikTokBuild, TikTokElement } from "./builds.js";
import { TIKTOK_PACKAGE, TIKTOK_SHARE_ACTIVITY, TikTokApp, type TikTokOptions } from "./tiktok-app.js";

// What TikTok's test files share: a phone with TikTok and its permissions, media pushed and
// indexed as the agent does it, a share into the editor, and the build's ids.

export const LAUNCH_TIKTOK = `monkey -p ${TIKTOK_PACKAGE} -c android.intent.category.LAUNCHER 1`;

export async function tiktokPhone(harness: Harness, options: TikTokOptions & { profile?: DeviceProfile; packages?: string[] } = {}): Promise<{ app: TikTokApp; phone: PhoneShell }> {
  const { profile, packages, ...tiktok } = options;
  const app = new TikTokApp({ asksNotifications: false, confirmFirstPost: false, soundLoadMs: 0, ...tiktok });
  const phone = await harness.phone({ apps: [app], scanDelayMs: 20, profile, packages });
  for (const permission of [CAMERA, RECORD_AUDIO, ...photoPermissions(phone.phone.profile.sdk)]) await phone.ok(`pm grant ${TIKTOK_PACKAGE} ${permission}`);
  return { app, phone };
}

/** Pushes a file to the camera folder and returns its media store uri once indexed. */
export async function pushMedia(phone: PhoneShell, name: string, data: Buffer = Buffer.from(name)): Promise<string> {
  const table = name.endsWith(".mp4") ? "video" : "images";
  await phone.push(data, `/sdcard/DCIM/Camera/${name}`);
  return `content://media/external/${table}/media/${await phone.index(`/sdcard/DCIM/Camera/${name}`, table)}`;
}

/** Shares one item into TikTok's editor. */
export async function shareToEditor(phone: PhoneShell, name: string): Promise<void> {
  const uri = await pushMedia(phone, name);
  const mime = name.endsWith(".mp4") ? "video/mp4" : "image/jpeg";
  await phone.ok(`am start -W -a android.intent.action.SEND -t ${mime} --eu android.intent.extra.STREAM ${uri} --grant-read-uri-permission -n ${TIKTOK_PACKAGE}/${TIKTOK_SHARE_ACTIVITY}`);
}

export function tiktokId(build: TikTokBuild, element: TikTokElement): string {
  return `${TIKTOK_PACKAGE}:id/${build.ids[element]}`;
}
