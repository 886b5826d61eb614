/**
 * `npm run admin -- <command> …`: the operator's tool for workspaces and credentials.
 * Exit codes: 0 done, 1 refused (bad value, unknown name, database error), 2 wrong
 * command line. A user's mistake prints one line on stderr, never a stack trace.
 */
import { UsageError } from "../lib/errors";
import { runMain } from "../lib/run-main";
import { parseInvocation } from "./args";
import type { Command } from "./command";
import { COMMANDS } from "./commands/index";
import { commandUsage, overallUsage } from "./usage";

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    process.stderr.write(`error: no command given\n\n${overallUsage(COMMANDS)}\n`);
    return 2;
  }
  if (name === "help" || name === "--help" || name === "-h") {
    process.stdout.write(`${overallUsage(COMMANDS)}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    const hint = name.startsWith("-") ? "the command comes first" : `unknown command "${name}"`;
    process.stderr.write(`error: ${hint}\n\n${overallUsage(COMMANDS)}\n`);
    return 2;
  }
  return runCommand(command, rest);
}

async function runCommand(command: Command, args: readonly string[]): Promise<number> {
  try {
    const invocation = parseInvocation(command, args);
    if (invocation.help) {
      process.stdout.write(`${commandUsage(command)}\n`);
      return 0;
    }
    await command.run(invocation.context);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\n\n${commandUsage(command)}\n`);
      return 2;
    }
    throw error;
  }
}

await runMain(() => main(process.argv.slice(2)));
