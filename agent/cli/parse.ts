/** What the command line asks for; the options themselves are read by config.ts. */
export type Invocation = { command: "run" | "status" | "doctor"; args: string[] } | { command: "help" } | { command: "version" };

/** The subcommands, in the order the help lists them. */
export const COMMANDS = ["run", "status", "doctor", "help"] as const;

/** A command line that names no command or option the agent has: exit code 2, as for a bad setting. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/**
 * `tikmatrix-agent [command] [options]`. Without a command it is `run`, so the command lines
 * studios already use (`npm run agent -- --server … --token …`) mean what they meant.
 * `--help` or `-h` anywhere asks for the help, `--version` for the version: people add them
 * to whatever they typed last.
 */
export function parseCommandLine(argv: readonly string[]): Invocation {
  // After "--" nothing is an option: parseArgs refuses what follows, naming it.
  const end = argv.indexOf("--");
  const options = end < 0 ? argv : argv.slice(0, end);
  if (options.includes("--help") || options.includes("-h")) return { command: "help" };
  if (options.includes("--version")) return { command: "version" };
  const [first, ...rest] = argv;
  if (first === undefined || first.startsWith("-")) return { command: "run", args: [...argv] };
  if (first === "help") return { command: "help" };
  if (first === "run" || first === "status" || first === "doctor") return { command: first, args: rest };
  throw new UsageError(`unknown command "${first}": the commands are ${COMMANDS.join(", ")} (tikmatrix-agent --help)`);
}
