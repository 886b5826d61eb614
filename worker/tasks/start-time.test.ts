import { describe, expect, it } from "vitest";
import { ApiError } from "../http/api-error";
import { formatCompat } from "../time/zoned";
import { resolveStartTime } from "./start-time";

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

describe("start_time \"HH:MM\"", () => {
  it("means later today when that time is still ahead on the workspace's clock", () => {
    const now = at("2026-03-10T08:00:00Z"); // 16:00 in Shanghai (UTC+8)
    expect(resolveStartTime("18:30", now, "Asia/Shanghai")).toBe(at("2026-03-10T10:30:00Z"));
  });

  it("means tomorrow when that time has passed today", () => {
    const now = at("2026-03-10T08:00:00Z"); // 16:00 in Shanghai
    expect(resolveStartTime("09:15", now, "Asia/Shanghai")).toBe(at("2026-03-11T01:15:00Z"));
  });

  it("means tomorrow when it is exactly now", () => {
    const now = at("2026-03-10T08:00:00Z");
    expect(resolveStartTime("16:00", now, "Asia/Shanghai")).toBe(at("2026-03-11T08:00:00Z"));
  });

  it("crosses midnight: 00:10 asked at 23:50 is twenty minutes later, on the next date", () => {
    const now = at("2026-06-30T21:50:00Z"); // 23:50 in Berlin (UTC+2)
    const due = resolveStartTime("00:10", now, "Europe/Berlin");
    expect(due - now).toBe(20 * 60_000);
    expect(formatCompat(due, "Europe/Berlin")).toBe("2026-07-01 00:10:00");
  });

  it("crosses the end of a year", () => {
    const now = at("2026-12-31T23:30:00Z");
    expect(resolveStartTime("00:05", now, "UTC")).toBe(at("2027-01-01T00:05:00Z"));
  });

  it("keeps the wall-clock time across a spring-forward change (23 hours later, not 24)", () => {
    // New York springs forward on 2026-03-08 at 02:00 -> 03:00.
    const now = at("2026-03-07T14:00:00Z"); // 09:00 EST on the 7th
    const due = resolveStartTime("08:00", now, "America/New_York");
    expect(formatCompat(due, "America/New_York")).toBe("2026-03-08 08:00:00");
    expect(due).toBe(at("2026-03-08T12:00:00Z")); // 08:00 EDT
    expect(due - now).toBe(22 * HOUR);
  });

  it("keeps the wall-clock time across a fall-back change (25 hours later)", () => {
    // New York falls back on 2026-11-01 at 02:00 -> 01:00.
    const now = at("2026-10-31T13:00:00Z"); // 09:00 EDT on the 31st
    const due = resolveStartTime("09:00", now, "America/New_York");
    expect(due).toBe(at("2026-11-01T14:00:00Z")); // 09:00 EST
    expect(due - now).toBe(25 * HOUR);
  });

  it("moves a time that the spring-forward gap skips to just after the gap", () => {
    const now = at("2026-03-07T14:00:00Z");
    const due = resolveStartTime("02:30", now, "America/New_York");
    expect(formatCompat(due, "America/New_York")).toBe("2026-03-08 03:30:00");
  });

  it("takes the first of the two times a fall-back overlap shows", () => {
    const now = at("2026-10-31T13:00:00Z");
    const due = resolveStartTime("01:30", now, "America/New_York");
    expect(due).toBe(at("2026-11-01T05:30:00Z")); // 01:30 EDT, the first one
  });

  it("uses a zone with a half-hour offset", () => {
    const now = at("2026-01-15T00:00:00Z"); // 05:30 in Kolkata
    expect(resolveStartTime("06:00", now, "Asia/Kolkata")).toBe(at("2026-01-15T00:30:00Z"));
  });

  it.each(["", " "])("reads %j as now, as TikMatrix's UI sends it when no time is set", (value) => {
    const now = at("2026-05-01T10:00:00Z");
    expect(resolveStartTime(value, now, "Asia/Shanghai")).toBe(now);
  });

  it.each(["24:00", "7:30", "12:60", "noon", "12:30:00x"])("refuses %j with 40001 naming start_time", (value) => {
    expect(() => resolveStartTime(value, Date.now(), "UTC")).toThrowError(ApiError);
    expect(() => resolveStartTime(value, Date.now(), "UTC")).toThrowError(/start_time/);
  });
});

describe("start_time as ISO 8601", () => {
  const now = at("2026-05-01T00:00:00Z");

  it("takes an instant with an offset as it is", () => {
    expect(resolveStartTime("2026-05-02T10:00:00+02:00", now, "UTC")).toBe(at("2026-05-02T08:00:00Z"));
    expect(resolveStartTime("2026-05-02T10:00:00Z", now, "Asia/Tokyo")).toBe(at("2026-05-02T10:00:00Z"));
    expect(resolveStartTime("2026-05-02 10:00+0530", now, "UTC")).toBe(at("2026-05-02T04:30:00Z"));
  });

  it("reads a date-time without an offset on the workspace's clock", () => {
    expect(resolveStartTime("2026-05-02T10:00", now, "Asia/Tokyo")).toBe(at("2026-05-02T01:00:00Z"));
  });

  it("means as soon as possible when the time has passed", () => {
    expect(resolveStartTime("2026-04-01T00:00:00Z", now, "UTC")).toBe(now);
  });

  it.each(["2026-02-30T10:00:00Z", "2026-13-01T00:00Z", "2026-05-02T25:00Z"])("refuses the impossible %s", (value) => {
    expect(() => resolveStartTime(value, now, "UTC")).toThrowError(/not a real date/);
  });

  it("refuses a time more than a year ahead", () => {
    expect(() => resolveStartTime("2028-05-02T10:00:00Z", now, "UTC")).toThrowError(/within a year/);
  });
});
