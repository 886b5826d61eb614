/** What the command line asks for; the options themselves are read by config.ts. */
/** The subcommands that take the agent's options, in the order the help lists them. */
const WITH_OPTIONS = ["run", "pair", "status", "doctor", "install-service", "uninstall-service", "service-run"] as const;
type WithOptions = (typeof WITH_OPTIONS)[number];

export type Invocation = { command: WithOptions; args: string[] } | { command: "help" } | { command: "version" };

/** The subcommands, in the order the help lists them. */
export const COMMANDS = [...WITH_OPTIONS, "help"] as const;

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
  const command = WITH_OPTIONS.find((name) => name === first);
  if (command !== undefined) return { command, args: rest };
  throw new UsageError(`unknown command "${first}": the commands are ${COMMANDS.join(", ")} (tikmatrix-agent --help)`);
}
