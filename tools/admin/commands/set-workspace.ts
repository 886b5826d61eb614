import { UserError } from "../../lib/errors";
import type { Command } from "../command";
import { setWorkspaceSettings } from "../ops/workspaces";
import { printJson, printLines } from "../output";
import { MAX_RETRY_COUNT, parsePlatform, parseRetryCount, parseTimezone } from "../validate";

/** The admin's side of `PATCH /api/v1/workspace`: the same three settings, the same limits. */
export const setWorkspaceCommand: Command = {
  name: "set-workspace",
  synopsis: "<workspace> [--timezone IANA] [--platform tiktok|instagram] [--max-retry-count N]",
  summary: "change a workspace's timezone, default platform or retries",
  details: [
    "  --timezone IANA       zone for task times, e.g. Europe/Berlin",
    "  --platform P          platform of device-mode tasks",
    `  --max-retry-count N   retries of a failed task, 0 to ${MAX_RETRY_COUNT} (also --max-retry)`,
  ],
  positionals: ["workspace"],
  options: {
    timezone: { type: "string" },
    platform: { type: "string" },
    "max-retry-count": { type: "string" },
    "max-retry": { type: "string" },
  },
  async run(context) {
    const timezone = context.option("timezone");
    const platform = context.option("platform");
    const retries = context.option("max-retry-count") ?? context.option("max-retry");
    if (context.option("max-retry-count") !== undefined && context.option("max-retry") !== undefined) {
      throw new UserError("give --max-retry-count or its short form --max-retry, not both");
    }
    if (timezone === undefined && platform === undefined && retries === undefined) {
      throw new UserError("nothing to change: give --timezone, --platform or --max-retry-count");
    }
    const change = {
      ...(timezone === undefined ? {} : { timezone: parseTimezone(timezone) }),
      ...(platform === undefined ? {} : { defaultPlatform: parsePlatform(platform) }),
      ...(retries === undefined ? {} : { maxRetryCount: parseRetryCount(retries) }),
    };
    const workspace = await setWorkspaceSettings(await context.database(), context.positionals[0] ?? "", change);
    if (context.json) return printJson(workspace);
    printLines(
      `Workspace ${workspace.name}: timezone ${workspace.timezone}, platform ${workspace.default_platform}, max retries ${workspace.max_retry_count}`,
    );
  },
};
