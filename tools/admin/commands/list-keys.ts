import type { Command } from "../command";
import { KIND_LABEL, listCredentials } from "../ops/credentials";
import { formatTable, formatTime, printJson, printLines } from "../output";

export const listKeysCommand: Command = {
  name: "list-keys",
  synopsis: "<workspace>",
  summary: "list a workspace's API keys and agent tokens (ids only; secrets are never stored)",
  positionals: ["workspace"],
  options: {},
  async run(context) {
    const listing = await listCredentials(await context.database(), context.positionals[0] ?? "");
    if (context.json) return printJson(listing);
    const { workspace, credentials } = listing;
    if (credentials.length === 0) {
      return printLines(`Workspace ${workspace.name} (${workspace.id}) has no keys or tokens.`);
    }
    printLines(
      `Workspace ${workspace.name} (${workspace.id}):`,
      ...formatTable(
        ["ID", "KIND", "NAME", "CREATED", "LAST USED", "REVOKED"],
        credentials.map((c) => [
          c.id,
          KIND_LABEL[c.kind],
          c.name,
          formatTime(c.created_at),
          formatTime(c.last_used_at),
          c.revoked_at === null ? "-" : formatTime(c.revoked_at),
        ]),
      ),
    );
  },
};
