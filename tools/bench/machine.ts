import { readFile } from "node:fs/promises";
import { availableParallelism, cpus, release, totalmem } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { REPO_ROOT } from "../lib/repo";

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  os: string;
  wrangler: string;
  miniflare: string;
}

/** What the figures ran on: they mean little without it. */
export async function describeMachine(): Promise<Machine> {
  return {
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? "unknown",
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${process.platform} ${release()}`,
    wrangler: await packageVersion("wrangler"),
    miniflare: await packageVersion("miniflare"),
  };
}

async function packageVersion(name: string): Promise<string> {
  const text = await readFile(join(REPO_ROOT, "node_modules", name, "package.json"), "utf8").catch(() => "{}");
  const parsed = z.object({ version: z.string() }).safeParse(JSON.parse(text));
  return parsed.success ? parsed.data.version : "unknown";
}
