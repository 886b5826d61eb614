import { createMiddleware } from "hono/factory";
import type { WebEnv } from "./web-env";

/**
 * Every dashboard answer: a strict Content-Security-Policy (scripts, styles and images only
 * from this origin, nothing inline, no framing, forms only to here), no sniffing, no referrer
 * beyond the origin, and no caching of pages that show a studio's data.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  // The upload script draws a chosen video's frame (a blob: URL) into its thumbnail; a material opens in the browser.
  "media-src 'self' blob:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join("; ");

export const securityHeaders = createMiddleware<WebEnv>(async (c, next) => {
  await next();
  c.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
  c.header("X-Content-Type-Options", "nosniff");
  c.header("Referrer-Policy", "same-origin");
  c.header("X-Frame-Options", "DENY");
  if (!c.res.headers.has("Cache-Control")) c.header("Cache-Control", "no-store");
  c.header("Vary", "Cookie, Accept-Language");
});
