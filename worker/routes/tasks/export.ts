import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { historyExport } from "../../retention/export-stream";
import { readExportRange } from "./export-range";

/**
 * `GET /task/export?from=&to=`: the workspace's finished tasks of a period as NDJSON, from the
 * history in R2 and from D1 together (docs/api.md "History"). Bad parameters answer in the
 * envelope before a byte is streamed; a failure mid-stream cuts the body off.
 */
export const exportRoutes = new Hono<AppEnv>().get("/export", (c) => {
  const workspace = c.get("workspace");
  const range = readExportRange(c, workspace.timezone, Date.now());
  const body = historyExport(c.get("db"), c.env.MEDIA, { workspaceId: workspace.id, timeZone: workspace.timezone, range });
  return new Response(body, { headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store" } });
});
