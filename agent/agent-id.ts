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
  const path = join(stateDir, FILE);
  try {
    const saved = (await readFile(path, "utf8")).trim();
    if (saved !== "") return saved;
  } catch (error) {
    if (!(error instanceof Error && "code" in error && error.code === "ENOENT")) throw error;
  }
  const host = hostname().toLowerCase().replace(/[^a-z0-9-]+/g, "-").slice(0, 40) || "agent";
  const id = `${host}-${randomBytes(4).toString("hex")}`;
  await mkdir(stateDir, { recursive: true, mode: 0o700 });
  await writeFileAtomic(path, `${id}\n`);
  return id;
}
