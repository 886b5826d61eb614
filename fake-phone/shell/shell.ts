import type { CommandResult } from "../adb/services.js";
import { type PhoneState, runCommand } from "./commands.js";
import { parseShellLine } from "./shell-line.js";

/** Runs a command line as /system/bin/sh would, within what parseShellLine understands. */
export async function runShellLine(line: string, phone: PhoneState): Promise<CommandResult> {
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  let exitCode = 0;
  for (const command of parseShellLine(line)) {
    if (command.after === "&&" && exitCode !== 0) continue;
    if (command.after === "||" && exitCode === 0) continue;
    const result = await runCommand(command.argv, phone);
    exitCode = result.exitCode;
    if (!command.dropStdout) stdout.push(result.stdout);
    if (command.stderrToStdout) stdout.push(result.stderr);
    else if (!command.dropStderr) stderr.push(result.stderr);
  }
  return { stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr), exitCode };
}
