import { randomBytes } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { writeFileAtomic } from "./atomic-file";

const FILE = "agent-id";

/**
 * This PC's agent id, made once and kept in the state directory. It must not change
 * between runs: the server names the agent that holds a phone by it (close 4409), and
 * people find the PC by it, hence the host name in front.
 */
export async function loadAgentId(stateDir: string): Promise<string> {
  const saved = await readAgentId(stateDir);
  if (saved !== undefined) return saved;
  const host = hostname().toLowerCase().replace(/[^a-z0-9-]+/g, "-").slice(0, 40) || "agent";
  const id = `${host}-${randomBytes(4).toString("hex")}`;
  await mkdir(stateDir, { recursive: true, mode: 0o700 });
  await writeFileAtomic(join(stateDir, FILE), `${id}\n`);
  return id;
}

/** The agent id `run` made in this state directory, or undefined before it ever ran there; writes nothing. */
export async function readAgentId(stateDir: string): Promise<string | undefined> {
  try {
    const saved = (await readFile(join(stateDir, FILE), "utf8")).trim();
    return saved === "" ? undefined : saved;
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "ENOENT") return undefined;
    throw error;
  }
}
