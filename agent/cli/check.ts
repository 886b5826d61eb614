/** One line of `doctor`: what was found, and for a problem what to do about it. */
export interface Check {
  ok: boolean;
  text: string;
  fix?: string;
}

/** Checks about one thing (the adb server, a phone, the Worker), printed under its title. */
export interface CheckGroup {
  title: string;
  checks: Check[];
}

export const ok = (text: string): Check => ({ ok: true, text });
export const problem = (text: string, fix: string): Check => ({ ok: false, text, fix });

export function formatGroups(groups: readonly CheckGroup[]): string {
  return groups
    .map(({ title, checks }) =>
      [title, ...checks.flatMap((check) => [`  ${(check.ok ? "OK" : "PROBLEM").padEnd(8)} ${check.text}`, ...(check.fix === undefined ? [] : [`  ${"".padEnd(8)} fix: ${check.fix}`])])].join("\n"),
    )
    .join("\n");
}
