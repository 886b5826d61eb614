import type { StandingKind } from "../../../shared/credentials";
import type { Command } from "../command";
import { issueCredential, KIND_LABEL } from "../ops/credentials";
import { printJson, printLines } from "../output";
import { parseCredentialName } from "../validate";

/** Default names read "api key 2026-05-03": what it is and the day it was issued. */
const DEFAULT_NAME: Readonly<Record<StandingKind, string>> = { api_key: "api key", agent_token: "agent token" };

/**
 * create-key and create-agent-token differ only in the kind they issue. The token goes
 * alone on the last line of stdout so scripts can take it with `tail -n 1`.
 */
export function issueCommand(name: string, kind: StandingKind, summary: string): Command {
  const label = KIND_LABEL[kind];
  return {
    name,
    synopsis: "<workspace> [--name N]",
    summary,
    details: [
      "  <workspace>   the workspace's name or id",
      `  --name N      a label for listings (default "${DEFAULT_NAME[kind]} <today's date>")`,
    ],
    positionals: ["workspace"],
    options: { name: { type: "string" } },
    async run(context) {
      const workspaceRef = context.positionals[0] ?? "";
      const given = context.option("name");
      const credentialName =
        given === undefined ? `${DEFAULT_NAME[kind]} ${new Date().toISOString().slice(0, 10)}` : parseCredentialName(given);
      const issued = await issueCredential(await context.database(), workspaceRef, kind, credentialName);
      if (context.json) {
        return printJson({
          id: issued.row.id,
          workspace_id: issued.workspace.id,
          workspace_name: issued.workspace.name,
          kind,
          name: issued.row.name,
          created_at: issued.row.created_at,
          token: issued.credential.token,
        });
      }
      printLines(
        `${capitalize(label)} ${issued.row.id} ("${issued.row.name}") for workspace ${issued.workspace.name} (${issued.workspace.id}) in ${context.where}.`,
        "It is shown once and only its hash is stored: save it now.",
        issued.credential.token,
      );
    },
  };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
