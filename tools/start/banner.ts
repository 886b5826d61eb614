import type { HttpAnswer } from "../lib/wait-for-http";
import type { DevCredentials } from "./dev-credentials";
import { shownPath } from "./paths";

/** The framed notice with the dev key, loud enough not to be lost in wrangler's output. */
export function keyBanner({ apiKey, agentToken }: DevCredentials): string {
  const lines = [
    `DEV-ONLY API key for the local workspace "dev" (${apiKey.created ? "new, saved to" : "saved in"} ${shownPath(apiKey.file)}):`,
    "",
    `    ${apiKey.token}`,
    "",
    `The local agent's dev agent token is ${agentToken.created ? "new, saved to" : "saved in"} ${shownPath(agentToken.file)}.`,
    "Both open only this machine's local database. Never use them against a deployed Worker;",
    "for real keys run: npm run admin -- create-key <workspace> --remote",
  ];
  const rule = "=".repeat(Math.max(...lines.map((l) => l.length)));
  return ["", rule, ...lines, rule, ""].join("\n");
}

/** A request that should answer code 0 with the Pro plan, ready to paste. */
export function curlLine(baseUrl: string, token: string): string {
  return `curl -H "Authorization: Bearer ${token}" ${baseUrl}/api/v1/license/check`;
}

/** The host a local client connects to for the address wrangler listens on. */
export function probeHost(ip: string): string {
  // A wildcard address is not one to connect to; loopback reaches it.
  return ip === "0.0.0.0" || ip === "::" || ip === "*" ? "127.0.0.1" : ip;
}

export function localBaseUrl(ip: string, port: number): string {
  const host = probeHost(ip);
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

/** What to say once the server answered the first license check: the curl to try, and the dashboard. */
export function readyMessage(answer: HttpAnswer, curl: string, dashboard: { url: string; signInLink: string | undefined }): string {
  const ok = answer.status === 200 && isSuccessEnvelope(answer.body);
  return [
    "",
    ok
      ? "Ready: the dev key works. Try it yourself (Ctrl-C stops everything):"
      : `Warning: the server answered the dev key with HTTP ${answer.status}: ${answer.body.slice(0, 300)}`,
    "",
    `    ${curl}`,
    "",
    `The dashboard: ${dashboard.url}/ (sign in with the dev key${dashboard.signInLink === undefined ? ")" : ", or open this one-time link within 15 minutes:"}`,
    ...(dashboard.signInLink === undefined ? [] : ["", `    ${dashboard.signInLink}`]),
    "",
  ].join("\n");
}

function isSuccessEnvelope(body: string): boolean {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === "object" && value !== null && "code" in value && value.code === 0;
  } catch {
    return false;
  }
}
