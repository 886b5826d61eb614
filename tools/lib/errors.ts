/**
 * A failure the user can act on (bad input, unknown name, wrangler refusing). main()
 * prints only its message and exits 1; anything else thrown is a bug and keeps its stack.
 */
export class UserError extends Error {
  override readonly name = "UserError";
}

/** The command line itself was wrong: print the message and the usage, exit 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
