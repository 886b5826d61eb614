import { describe, expect, it } from "vitest";
import { formatBytes } from "./format-bytes";

describe("formatBytes", () => {
  it("counts in thousands as Android 8 and later show sizes, one decimal below 10", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(999)).toBe("999 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(536_870_912)).toBe("537 MB");
    expect(formatBytes(1_000_000_000)).toBe("1.0 GB");
    expect(formatBytes(11_811_160_064)).toBe("12 GB");
    expect(formatBytes(5e15)).toBe("5000 TB");
  });
});
