import { setTimeout as sleep } from "node:timers/promises";

/**
 * Signals every process in the group led by `pid` (a child spawned with
 * `detached: true`). Returns false when the group is already gone, which is the normal
 * outcome of a sweep after the leader exited.
 */
export function killGroup(pid: number | undefined, signal: NodeJS.Signals | 0): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(-pid, signal);
    return true;
  } catch (error) {
    if (isErrno(error, "ESRCH")) return false;
    throw error;
  }
}

/**
 * Waits until no process of the group is left (signal 0 only tests for one), so that a
 * caller that exits afterwards leaves nothing behind. Bounded: a zombie nobody reaps
 * would otherwise hold it forever.
 */
export async function waitForGroupGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (killGroup(pid, 0)) {
    if (Date.now() >= deadline) return false;
    await sleep(50);
  }
  return true;
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && "code" in error && error.code === code;
}
