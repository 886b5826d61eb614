import type { D1Target } from "../../lib/d1";
import { type IssuedCredential, issueCredentials } from "./credentials";

/** How long a sign-in link is good for: set here, in the stored expires_at, which the Worker checks. */
export const SIGN_IN_LINK_MS = 15 * 60_000;

export interface SignInLink {
  url: string;
  expiresAt: number;
  issued: IssuedCredential;
}

/** A one-time dashboard sign-in link of the workspace (a `login_link` credential, only its hash stored). */
export async function issueSignInLink(target: D1Target, workspaceRef: string, baseUrl: string, now = Date.now()): Promise<SignInLink> {
  const expiresAt = now + SIGN_IN_LINK_MS;
  const [issued] = await issueCredentials(target, workspaceRef, [{ kind: "login_link", name: "sign-in link", expiresAt }]);
  if (issued === undefined) throw new Error("no sign-in link was issued");
  return { url: `${new URL(baseUrl).origin}/login/link/${issued.credential.token}`, expiresAt, issued };
}
