import { execFile } from "node:child_process";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { promisify } from "node:util";
import type { ServicePlan } from "./install-plan";

const run = promisify(execFile);

/**
 * Carries out a plan: removes and writes its files, then runs its commands in order; a step
 * that fails (and may not) stops the plan with the command's own words. For uninstalling the
 * commands come first (stop the service, then remove its file).
 */
export async function applyPlan(plan: ServicePlan, order: "files-first" | "commands-first", out: (line: string) => void): Promise<void> {
  const files = async () => {
    for (const path of plan.remove) await rm(path, { force: true });
    for (const { path, content } of plan.write) {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, content);
      out(`wrote ${path}`);
    }
  };
  if (order === "files-first") await files();
  for (const step of plan.steps) {
    const [command = "", ...args] = step.command;
    try {
      await run(command, args, { windowsHide: true, timeout: 60_000 });
      out(`ran ${step.command.join(" ")}`);
    } catch (error) {
      if (step.mayFail) continue;
      const detail = error as { stderr?: string; stdout?: string; message: string };
      throw new Error(`${step.command.join(" ")} failed: ${(detail.stderr || detail.stdout || detail.message).trim()}`);
    }
  }
  if (order === "commands-first") await files();
  for (const note of plan.notes) out(note);
}
