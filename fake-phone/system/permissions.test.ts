import { describe, expect, it } from "vitest";
import { TIKTOK_43 } from "../apps/tiktok/builds.js";
import { TIKTOK_PACKAGE, TikTokApp } from "../apps/tiktok/tiktok-app.js";
import { useHarness } from "../testing/test-harness.js";
import { GALAXY_A } from "./device-profile.js";
import { ADB_KEYBOARD_PACKAGE } from "./input-method.js";

const harness = useHarness();

describe("pm grant and dumpsys package", () => {
  it("grant silently, and fail as PackageManagerShellCommand does for what cannot be granted", async () => {
    const phone = await harness.phone({ apps: [new TikTokApp()], packages: [ADB_KEYBOARD_PACKAGE], profile: GALAXY_A });
    expect(await phone.run(`pm grant ${TIKTOK_PACKAGE} android.permission.READ_MEDIA_VIDEO`)).toEqual({ stdout: "", stderr: "", exitCode: 0 });
    const notRequested = await phone.run(`pm grant ${ADB_KEYBOARD_PACKAGE} android.permission.CAMERA`);
    expect(notRequested.exitCode).toBe(255);
    expect(notRequested.stderr).toContain(`java.lang.SecurityException: Package ${ADB_KEYBOARD_PACKAGE} has not requested permission android.permission.CAMERA`);
    // Android 13 has no READ_MEDIA_VISUAL_USER_SELECTED (it came with 14).
    const unknown = await phone.run(`pm grant ${TIKTOK_PACKAGE} android.permission.READ_MEDIA_VISUAL_USER_SELECTED`);
    expect(unknown.stderr).toContain("java.lang.IllegalArgumentException: Unknown permission: android.permission.READ_MEDIA_VISUAL_USER_SELECTED");
    expect((await phone.run("pm grant com.example.none android.permission.CAMERA")).stderr).toContain("Unknown package: com.example.none");
    const dump = await phone.ok(`dumpsys package ${TIKTOK_PACKAGE}`);
    expect(dump).toContain(`    versionName=${TIKTOK_43.versionName}\n`);
    expect(dump).toContain("        android.permission.READ_MEDIA_VIDEO: granted=true, flags=[ ]\n");
    expect(dump).toContain("        android.permission.READ_MEDIA_IMAGES: granted=false, flags=[ ]\n");
  });

  it("tells which window has focus", async () => {
    const phone = await harness.phone({ apps: [new TikTokApp()] });
    await phone.ok(`monkey -p ${TIKTOK_PACKAGE} -c android.intent.category.LAUNCHER 1`);
    // The notification request of the first start has the focus.
    expect(await phone.ok("dumpsys window")).toMatch(/mCurrentFocus=Window\{\w+ u0 com\.google\.android\.permissioncontroller\/com\.android\.permissioncontroller\.permission\.ui\.GrantPermissionsActivity\}/);
  });
});
