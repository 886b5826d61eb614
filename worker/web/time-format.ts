import type { Messages } from "./i18n/messages";

/** A moment as the studio reads it: in the workspace's zone, day and minute, in the page's language. */
export function formatTime(ms: number, timeZone: string, t: Messages): string {
  return new Intl.DateTimeFormat(t.lang === "zh" ? "zh-CN" : "en-GB", { timeZone, month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" }).format(ms);
}

/** Midnight today in the workspace's zone, as epoch ms (the start of "today's counts"). */
export function startOfDay(now: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", hour: "numeric", minute: "numeric", second: "numeric" }).formatToParts(now);
  const value = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const sinceMidnight = ((value("hour") * 60 + value("minute")) * 60 + value("second")) * 1000 + (now % 1000);
  return now - sinceMidnight;
}
