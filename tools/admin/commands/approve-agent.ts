import { normalizePairingCode } from "../../../shared/pairing-code";
import { UserError } from "../../lib/errors";
import type { Command } from "../command";
import { approvePairing } from "../ops/pairings";
import { printJson, printLines } from "../output";

/** Lets an agent waiting in `tikmatrix-agent pair` into a workspace: it receives its own token, nobody copies one. */
export const approveAgentCommand: Command = {
  name: "approve-agent",
  synopsis: "<code> <workspace>",
  summary: "approve the pairing code an agent shows (tikmatrix-agent pair)",
  details: ["  <code>        the code the agent prints, e.g. ABCD-1234 (case and the dash do not matter)", "  <workspace>   the workspace's name or id"],
  positionals: ["code", "workspace"],
  options: {},
  async run(context) {
    const [input = "", workspaceRef = ""] = context.positionals;
    const code = normalizePairingCode(input);
    if (code === undefined) throw new UserError(`"${input}" is not a pairing code: 8 letters and digits, like ABCD-1234`);
    const approved = await approvePairing(await context.database(), workspaceRef, code);
    if (context.json) return printJson({ code, name: approved.name, workspace_id: approved.workspace.id });
    printLines(`Approved: the agent on ${approved.name} joins workspace ${approved.workspace.name} (${approved.workspace.id}) at its next poll, within seconds.`);
  },
};
