import type { Command } from "../command";
import { credentialIdOf, KIND_LABEL, revokeCredential } from "../ops/credentials";
import { formatTime, printJson, printLines } from "../output";

export const revokeCommand: Command = {
  name: "revoke",
  synopsis: "<key-or-token-id>",
  summary: "revoke an API key or agent token (takes effect on its next request)",
  details: ["  <key-or-token-id>   the public id (tmk_… / tma_…) as listed, or the whole credential"],
  positionals: ["key-or-token-id"],
  options: {},
  async run(context) {
    const id = credentialIdOf(context.positionals[0] ?? "");
    const outcome = await revokeCredential(await context.database(), id);
    if (context.json) return printJson({ ...outcome.row, status: outcome.status });
    const what = `${KIND_LABEL[outcome.row.kind]} ${outcome.row.id} ("${outcome.row.name}")`;
    printLines(
      outcome.status === "revoked"
        ? `Revoked ${what}.`
        : `${what} was already revoked at ${formatTime(outcome.row.revoked_at)}; nothing changed.`,
    );
  },
};
