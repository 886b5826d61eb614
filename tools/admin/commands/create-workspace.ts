import { PLANS } from "../../../shared/plans";
import type { Command } from "../command";
import { createWorkspace } from "../ops/workspaces";
import { printJson, printLines } from "../output";
import { MAX_RETRY_COUNT, parsePlan, parsePlatform, parseRetryCount, parseShard, parseTimezone, parseWorkspaceName } from "../validate";

export const createWorkspaceCommand: Command = {
  name: "create-workspace",
  synopsis: "<name> [--plan P] [--timezone IANA] [--platform tiktok|instagram] [--max-retry-count N] [--shard DB_N]",
  summary: "create a workspace (a studio)",
  details: [
    "  --plan P              starter, pro, team or business (default pro)",
    "  --timezone IANA       zone for task times, e.g. Europe/Berlin (default UTC)",
    "  --platform P          platform of device-mode tasks (default tiktok)",
    `  --max-retry-count N   retries of a failed task, 0 to ${MAX_RETRY_COUNT} (default 3)`,
    "  --shard DB_N          the D1 binding its data goes on, for good (default DB; docs/shards.md)",
  ],
  positionals: ["name"],
  options: {
    plan: { type: "string" },
    timezone: { type: "string" },
    platform: { type: "string" },
    "max-retry-count": { type: "string" },
    shard: { type: "string" },
  },
  async run(context) {
    const input = {
      name: parseWorkspaceName(context.positionals[0] ?? ""),
      plan: parsePlan(context.option("plan") ?? "pro"),
      timezone: parseTimezone(context.option("timezone") ?? "UTC"),
      defaultPlatform: parsePlatform(context.option("platform") ?? "tiktok"),
      maxRetryCount: parseRetryCount(context.option("max-retry-count") ?? "3"),
      shard: parseShard(context.option("shard") ?? "DB"),
    };
    const workspace = await createWorkspace(await context.database(), input);
    if (context.json) return printJson(workspace);
    printLines(
      `Created workspace ${workspace.name} (${workspace.id}) in ${context.where}:`,
      `  plan ${PLANS[input.plan].name}, timezone ${workspace.timezone}, platform ${workspace.default_platform}, max retries ${workspace.max_retry_count}, data on ${workspace.shard}`,
      `Next: npm run admin -- create-key ${workspace.name}`,
    );
  },
};
