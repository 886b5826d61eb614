import type { D1Target } from "../lib/d1";

/** A subcommand's own flags; all take a value (the shared boolean flags are global). */
export type CommandOptions = Readonly<Record<string, { type: "string"; short?: string }>>;

export interface CommandContext {
  /**
   * The database to act on, ready for use: a local one has its migrations applied on
   * the first call. Commands validate their input before calling this, so a typo costs
   * no wrangler run.
   */
  database(): Promise<D1Target>;
  /** "the local D1 database in …" or "the remote (deployed) D1 database". */
  where: string;
  /** Acting on the deployed database (--remote). */
  remote: boolean;
  /** Print one JSON object on stdout instead of text. */
  json: boolean;
  positionals: readonly string[];
  /** A value flag of this command, if given. */
  option(name: string): string | undefined;
}

export interface Command {
  name: string;
  /** Argument synopsis after the name, e.g. "<workspace> [--name N]". */
  synopsis: string;
  summary: string;
  /** Extra lines for `--help`. */
  details?: readonly string[];
  /** Names of the positional arguments, all required. */
  positionals: readonly string[];
  options: CommandOptions;
  run(context: CommandContext): Promise<void>;
}
