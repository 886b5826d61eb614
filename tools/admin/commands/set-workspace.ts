import { UserError } from "../../lib/errors";
import type { Command } from "../command";
import { setWorkspaceSettings } from "../ops/workspaces";
import { printJson, printLines } from "../output";
import { MAX_RETENTION_DAYS, MAX_RETRY_COUNT, MIN_RETENTION_DAYS, parsePlatform, parseRetentionDays, parseRetryCount, parseTimezone } from "../validate";

/** The admin's side of `PATCH /api/v1/workspace`: the same settings (but the battery limits), the same limits. */
export const setWorkspaceCommand: Command = {
  name: "set-workspace",
  synopsis: "<workspace> [--timezone IANA] [--platform tiktok|instagram] [--max-retry-count N] [--retention-days N]",
  summary: "change a workspace's timezone, default platform, retries or retention",
  details: [
    "  --timezone IANA       zone for task times, e.g. Europe/Berlin",
    "  --platform P          platform of device-mode tasks",
    `  --max-retry-count N   retries of a failed task, 0 to ${MAX_RETRY_COUNT} (also --max-retry)`,
    `  --retention-days N    days finished tasks stay in D1 before the hourly job moves them to R2, ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS}`,
  ],
  positionals: ["workspace"],
  options: {
    timezone: { type: "string" },
    platform: { type: "string" },
    "max-retry-count": { type: "string" },
    "max-retry": { type: "string" },
    "retention-days": { type: "string" },
  },
  async run(context) {
    const timezone = context.option("timezone");
    const platform = context.option("platform");
    const retries = context.option("max-retry-count") ?? context.option("max-retry");
    const retention = context.option("retention-days");
    if (context.option("max-retry-count") !== undefined && context.option("max-retry") !== undefined) {
      throw new UserError("give --max-retry-count or its short form --max-retry, not both");
    }
    if (timezone === undefined && platform === undefined && retries === undefined && retention === undefined) {
      throw new UserError("nothing to change: give --timezone, --platform, --max-retry-count or --retention-days");
    }
    const change = {
      ...(timezone === undefined ? {} : { timezone: parseTimezone(timezone) }),
      ...(platform === undefined ? {} : { defaultPlatform: parsePlatform(platform) }),
      ...(retries === undefined ? {} : { maxRetryCount: parseRetryCount(retries) }),
      ...(retention === undefined ? {} : { retentionDays: parseRetentionDays(retention) }),
    };
    const workspace = await setWorkspaceSettings(await context.database(), context.positionals[0] ?? "", change);
    if (context.json) return printJson(workspace);
    printLines(
      `Workspace ${workspace.name}: timezone ${workspace.timezone}, platform ${workspace.default_platform}, max retries ${workspace.max_retry_count}, retention ${workspace.retention_days} days`,
    );
  },
};
