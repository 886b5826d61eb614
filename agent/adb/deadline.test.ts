import { describe, expect, it } from "vitest";
import { withDeadline } from "./deadline";
import { AdbError, AdbTimeoutError, DeviceGoneError, toAdbError } from "./errors";

describe("withDeadline", () => {
  it("rejects a call that never answers with AdbTimeoutError naming the operation", async () => {
    let freed = false;
    const hung = new Promise<never>(() => undefined);
    const error = await withDeadline("shell wm size", 50, hung, () => (freed = true)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdbTimeoutError);
    expect(error).toMatchObject({ operation: "shell wm size", timeoutMs: 50 });
    expect(freed).toBe(true);
  });

  it("passes through a value or an error that comes in time", async () => {
    await expect(withDeadline("a", 1_000, Promise.resolve(7))).resolves.toBe(7);
    await expect(withDeadline("b", 1_000, Promise.reject(new Error("boom")))).rejects.toThrow("boom");
  });
});

describe("toAdbError", () => {
  it("recognises the adb server's words for a phone that has gone", () => {
    expect(toAdbError("shell", new Error("Failure: 'device 'x:1' not found'"))).toBeInstanceOf(DeviceGoneError);
    expect(toAdbError("shell", new Error("Failure: 'device offline'"))).toBeInstanceOf(DeviceGoneError);
    const other = toAdbError("shell", new Error("Failure: 'device unauthorized.'"));
    expect(other).toBeInstanceOf(AdbError);
    expect(other).not.toBeInstanceOf(DeviceGoneError);
  });
});
