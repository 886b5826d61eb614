import type { DeviceProfile } from "../../system/device-profile.js";
import type { DumpNode, Harness, PhoneShell } from "../../testing/test-harness.js";
import { SocialWorld, type SocialWorldOptions } from "../social-world.js";
import { INSTAGRAM_PACKAGE, InstagramApp, type InstagramOptions } from "./instagram-app.js";

// What the test files of Instagram's social screens share: a phone with Instagram on a world
// of its own, the launch and link commands a script sends, and small dump look-ups.

export const LAUNCH_INSTAGRAM = `monkey -p ${INSTAGRAM_PACKAGE} -c android.intent.category.LAUNCHER 1`;

/** `am start -a VIEW -d <url> com.instagram.android`, as TAKT opens profiles and posts. */
export const viewLink = (url: string, pkg = INSTAGRAM_PACKAGE) => `am start -W -a android.intent.action.VIEW -d ${url} ${pkg}`;

export const profileLink = (user: string) => `https://www.instagram.com/${user}/`;
export const postLink = (id: string) => `https://www.instagram.com/p/${id}/`;
export const reelLink = (id: string) => `https://www.instagram.com/reel/${id}/`;

export interface InstagramPhone {
  app: InstagramApp;
  phone: PhoneShell;
  world: SocialWorld;
}

/** A phone with Instagram, on a world built from `world` (or the default one), not asking for notifications. */
export async function instagramPhone(
  harness: Harness,
  options: InstagramOptions & { profile?: DeviceProfile; worldOptions?: SocialWorldOptions; packages?: string[] } = {},
): Promise<InstagramPhone> {
  const world = options.world ?? new SocialWorld(options.worldOptions);
  const app = new InstagramApp({ asksNotifications: false, ...options, world });
  const phone = await harness.phone({ apps: [app], profile: options.profile, packages: options.packages });
  return { app, phone, world };
}

/** Launches Instagram, then opens a link while it runs (a cold start would drop it). */
export async function openWhileRunning(phone: PhoneShell, url: string): Promise<string> {
  await phone.ok(LAUNCH_INSTAGRAM);
  return phone.ok(viewLink(url));
}

/** The node with this resource id (the part after ":id/"), or undefined. */
export function byId(nodes: readonly DumpNode[], id: string): DumpNode | undefined {
  return nodes.find((node) => node.id === `${INSTAGRAM_PACKAGE}:id/${id}`);
}

export function allById(nodes: readonly DumpNode[], id: string): DumpNode[] {
  return nodes.filter((node) => node.id === `${INSTAGRAM_PACKAGE}:id/${id}`);
}

/** A vertical swipe up over the middle of the screen, the way scripts go to the next video. */
export async function swipeUp(phone: PhoneShell): Promise<void> {
  const { width, height } = phone.phone.profile.screen;
  await phone.ok(`input swipe ${Math.round(width / 2)} ${Math.round(height * 0.75)} ${Math.round(width / 2)} ${Math.round(height * 0.25)} 300`);
}
