import { UserError } from "./errors";

/**
 * Runs an entry point and sets the exit code. A UserError is the user's to fix: its
 * message alone goes to stderr and the code is 1. Anything else is a bug and is rethrown
 * so its stack trace shows.
 */
export async function runMain(main: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    process.stderr.write(`error: ${error.message}\n`);
    process.exitCode = 1;
  }
}
