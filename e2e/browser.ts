import type { Browser, BrowserContext, Page } from "playwright-core";
import { createRequire } from "node:module";
import { PHONE } from "../tools/lib/chromium";

/**
 * The dashboard's tests open Debian's Chromium (tools/lib/chromium.ts, shared with the
 * bench's dashboard section) at a phone's size.
 */
export { launchBrowser, PHONE } from "../tools/lib/chromium";

export interface PhoneContextOptions {
  width?: number;
  colorScheme?: "light" | "dark";
  locale?: string;
  /** Only for the accessibility check, which injects axe-core (the CSP would refuse it, as it should anything injected). */
  bypassCSP?: boolean;
}

export function phoneContext(browser: Browser, options: PhoneContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: options.width ?? PHONE.width, height: PHONE.height },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    colorScheme: options.colorScheme ?? "light",
    locale: options.locale ?? "en-US",
    bypassCSP: options.bypassCSP ?? false,
  });
}

/** How far the page is wider than its viewport (0: no horizontal scrolling). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
}

/** axe-core's serious and critical violations on the page as it is now (WCAG 2.x A and AA rules). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
  await page.addScriptTag({ path: axePath });
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: unknown[] }[] }> } }).axe;
    return axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"] } });
  });
  return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }));
}
