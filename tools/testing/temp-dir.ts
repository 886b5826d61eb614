import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A fresh directory for one test file's local state, so .wrangler/state is never touched. */
export function makeTempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `tikmatrix-${prefix}-`));
}

export function removeDir(dir: string | undefined): Promise<void> {
  return dir === undefined ? Promise.resolve() : rm(dir, { recursive: true, force: true });
}
