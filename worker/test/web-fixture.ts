import { SELF } from "cloudflare:test";
import { csrfTokenOf } from "../web/session/csrf";
import type { TestWorkspace } from "./workspace-fixture";

/** The dashboard as a browser meets it, for the Worker's tests: requests to its origin, a form post, a session cookie. */
export const ORIGIN = "https://dash.test";

export function page(path: string, init: RequestInit = {}): Promise<Response> {
  return SELF.fetch(`${ORIGIN}${path}`, { redirect: "manual", ...init });
}

/** A form post from this origin (as the browser sends one; `fields` may repeat a name). */
export function form(fields: Record<string, string> | [string, string][], headers: Record<string, string> = {}): RequestInit {
  return { method: "POST", body: new URLSearchParams(fields), headers: { origin: ORIGIN, "content-type": "application/x-www-form-urlencoded", ...headers } };
}

export function sessionOf(response: Response): string {
  const cookie = response.headers.get("set-cookie") ?? "";
  const match = /__Host-tm_session=([^;]+)/.exec(cookie);
  if (match?.[1] === undefined) throw new Error(`no session cookie in ${cookie}`);
  return match[1];
}

export async function signIn(ws: TestWorkspace): Promise<string> {
  return sessionOf(await page("/login", form({ key: ws.apiKey })));
}

export function withCookie(token: string, init: RequestInit = {}): RequestInit {
  return { ...init, headers: { ...(init.headers as Record<string, string>), cookie: `__Host-tm_session=${token}` } };
}

/** A signed-in session's form post, its CSRF token included. */
export async function sessionForm(token: string, fields: [string, string][]): Promise<RequestInit> {
  return withCookie(token, form([...fields, ["_csrf", await csrfTokenOf(token)]]));
}
