import { existsSync } from "node:fs";
import { type Browser, chromium, type LaunchOptions } from "playwright-core";

/**
 * Debian's Chromium, driven by playwright-core (never a downloaded browser): the dashboard's
 * end-to-end tests and the bench's dashboard section open it. `.ci/run` installs it.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** A phone's viewport (a 390 px wide iPhone-class screen), as the dashboard is built for. */
export const PHONE = { width: 390, height: 844 } as const;

/** Why Chromium cannot be launched here, or undefined when it can. */
export function chromiumMissing(): string | undefined {
  return existsSync(CHROMIUM) ? undefined : `no Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`;
}

/**
 * Chromium headless. `options` go to playwright's launch (the bench turns off playwright's
 * own signal handlers, which would exit the process on Ctrl-C before its cleanup ran).
 */
export async function launchBrowser(options: Omit<LaunchOptions, "executablePath"> = {}): Promise<Browser> {
  const missing = chromiumMissing();
  if (missing !== undefined) throw new Error(missing);
  // --no-sandbox: CI runs as root, where Chromium's sandbox will not start.
  return chromium.launch({ ...options, executablePath: CHROMIUM, args: ["--no-sandbox", ...(options.args ?? [])] });
}
