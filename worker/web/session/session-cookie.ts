import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { SESSION_MS } from "./sessions";

/**
 * The session cookie: `__Host-` (Secure, Path=/, no Domain: only this origin ever gets it),
 * HttpOnly (no script reads it), SameSite=Lax (a link from elsewhere opens the dashboard signed
 * in; a form posted from elsewhere carries no cookie). Browsers take Secure cookies from
 * http://localhost and 127.0.0.1 too, so `npm start` works the same.
 */
const NAME = "__Host-tm_session";

export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, NAME);
}

export function writeSessionCookie(c: Context, token: string): void {
  setCookie(c, NAME, token, { path: "/", secure: true, httpOnly: true, sameSite: "Lax", maxAge: Math.floor(SESSION_MS / 1000) });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, NAME, { path: "/", secure: true });
}
