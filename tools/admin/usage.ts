import type { Command } from "./command";
import { GLOBAL_USAGE } from "./args";

const PROGRAM = "npm run admin --";

export function overallUsage(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `usage: ${PROGRAM} <command> [arguments] [--remote | --persist-to DIR] [--json]`,
    "",
    "Manages workspaces, API keys and agent tokens. Acts on the local D1 that `npm run dev`",
    "uses unless --remote is given.",
    "",
    "commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "flags of every command:",
    ...GLOBAL_USAGE,
    "",
    `\`${PROGRAM} <command> --help\` shows a command's arguments.`,
  ].join("\n");
}

export function commandUsage(command: Command): string {
  return [
    `usage: ${PROGRAM} ${command.name} ${command.synopsis}`.trimEnd(),
    "",
    `${command.summary}.`,
    ...(command.details === undefined ? [] : ["", ...command.details]),
    "",
    "flags:",
    ...GLOBAL_USAGE,
  ].join("\n");
}
