import { hashSecret } from "../../../shared/credentials";

/**
 * Forms carry `_csrf`, a value only a page of this session can know: a hash of the session's
 * own secret (which no script can read: the cookie is HttpOnly), so nothing is stored for it.
 * With SameSite=Lax and the Origin check below, a form posted from another site is refused twice.
 */
export const CSRF_FIELD = "_csrf";

export function csrfTokenOf(sessionToken: string): Promise<string> {
  return hashSecret(`csrf ${sessionToken}`);
}

/** A state-changing request is ours when its Origin (or, without one, Sec-Fetch-Site) says so. */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (origin !== null) return origin === new URL(request.url).origin;
  const site = request.headers.get("sec-fetch-site");
  return site === "same-origin" || site === null; // null: an old client sending neither; the token still has to match
}
