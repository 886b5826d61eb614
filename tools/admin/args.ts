import { parseArgs } from "node:util";
import { type D1Target, describeTarget } from "../lib/d1";
import { applyLocalMigrations } from "../lib/migrations";
import { UsageError } from "../lib/errors";
import { resolveUserPath } from "../lib/repo";
import type { Command, CommandContext } from "./command";

/** Flags every subcommand takes. */
const GLOBAL_OPTIONS = {
  remote: { type: "boolean" },
  "persist-to": { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

export const GLOBAL_USAGE = [
  "  --remote           act on the deployed D1 database (wrangler d1 execute --remote)",
  "  --persist-to DIR   local state directory, as for wrangler dev (default .wrangler/state)",
  "  --json             print one JSON object instead of text",
  "  -h, --help         show help",
];

export type ParsedInvocation = { help: true } | { help: false; context: CommandContext };

/** Parses the arguments after the subcommand name; wrong flags or counts are usage errors. */
export function parseInvocation(command: Command, args: readonly string[]): ParsedInvocation {
  const { values, positionals } = parseOrExplain(command, args);
  if (values.help === true) return { help: true };
  if (positionals.length !== command.positionals.length) {
    const expected = command.positionals.map((name) => `<${name}>`).join(" ") || "no arguments";
    throw new UsageError(`${command.name} takes ${expected}, got ${positionals.length} argument(s)`);
  }
  const persistTo = stringFlag(values, "persist-to");
  if (values.remote === true && persistTo !== undefined) {
    throw new UsageError("--remote and --persist-to do not go together: --persist-to names a local database");
  }
  const target: D1Target =
    values.remote === true
      ? { remote: true }
      : persistTo === undefined
        ? { remote: false }
        : { remote: false, persistTo: resolveUserPath(persistTo) };
  return {
    help: false,
    context: {
      database: databaseOnce(target),
      where: describeTarget(target),
      remote: target.remote,
      json: values.json === true,
      positionals,
      option: (name) => stringFlag(values, name),
    },
  };
}

type FlagValues = Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;

function parseOrExplain(command: Command, args: readonly string[]): { values: FlagValues; positionals: string[] } {
  try {
    return parseArgs({
      args: [...args],
      options: { ...command.options, ...GLOBAL_OPTIONS },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    // parseArgs throws TypeError (code ERR_PARSE_ARGS_*) for unknown or malformed flags.
    if (error instanceof TypeError) throw new UsageError(error.message);
    throw error;
  }
}

function stringFlag(values: FlagValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
}

/** Migrates a local database once per process, however often a command asks for it. */
function databaseOnce(target: D1Target): () => Promise<D1Target> {
  let ready: Promise<D1Target> | undefined;
  return () => {
    ready ??= target.remote ? Promise.resolve(target) : applyLocalMigrations(target.persistTo).then(() => target);
    return ready;
  };
}
