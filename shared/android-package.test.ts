import { describe, expect, it } from "vitest";
import { runMessage } from "./protocol/messages";
import { androidPackageSchema, isAndroidPackage } from "./android-package";

describe("Android package names", () => {
  it.each(["com.zhiliaoapp.musically", "com.ss.android.ugc.trill", "com.instagram.android", "a.b", "Com.Example_2.App3"])("%s is one", (name) => {
    expect(isAndroidPackage(name)).toBe(true);
  });

  it.each(["com", "com.", ".com.x", "com..x", "com.1x", "1com.x", "com.x; rm -rf /", "$(reboot).x", "com.x y", "-p.x", "com/x.y", "", `a.${"b".repeat(254)}`])("%j is not", (name) => {
    expect(isAndroidPackage(name)).toBe(false);
  });

  it("names the rule when it refuses, in the run message as in an account", () => {
    const refused = androidPackageSchema.safeParse("com.x; rm -rf /");
    expect(refused.error?.issues[0]?.message).toBe("must be an Android package name such as com.zhiliaoapp.musically");
    const run = { type: "run", task_id: 1, attempt_id: "attempt-0001", script: "post", config: {}, platform: "tiktok", username: null, request_index: 0, deadline_at: 1 };
    expect(runMessage.safeParse({ ...run, package_name: "com.x; rm -rf /" }).success).toBe(false);
    expect(runMessage.safeParse({ ...run, package_name: "com.zhiliaoapp.musically" }).success).toBe(true);
    expect(runMessage.safeParse({ ...run, package_name: null }).success).toBe(true);
  });
});
