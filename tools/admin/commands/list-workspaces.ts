import { isPlanId, PLANS } from "../../../shared/plans";
import type { Command } from "../command";
import { listWorkspaces } from "../ops/workspaces";
import { formatTable, formatTime, printJson, printLines } from "../output";

export const listWorkspacesCommand: Command = {
  name: "list-workspaces",
  synopsis: "",
  summary: "list workspaces with their plan and number of live keys and tokens",
  positionals: [],
  options: {},
  async run(context) {
    const workspaces = await listWorkspaces(await context.database());
    if (context.json) return printJson({ workspaces });
    if (workspaces.length === 0) {
      return printLines(`No workspaces in ${context.where}. Create one: npm run admin -- create-workspace <name>`);
    }
    printLines(
      ...formatTable(
        ["ID", "NAME", "PLAN", "TIMEZONE", "PLATFORM", "SHARD", "KEYS", "TOKENS", "CREATED"],
        workspaces.map((w) => [
          w.id,
          w.name,
          isPlanId(w.plan) ? PLANS[w.plan].name : w.plan,
          w.timezone,
          w.default_platform,
          w.shard,
          String(w.active_api_keys),
          String(w.active_agent_tokens),
          formatTime(w.created_at),
        ]),
      ),
    );
  },
};
