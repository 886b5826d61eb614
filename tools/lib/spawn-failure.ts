import { UserError } from "./errors";

/**
 * What a failed spawn means to the user. A missing binary under node_modules/.bin means
 * the dependencies are not installed, which they can fix; anything else is unexpected.
 */
export function spawnFailure(error: Error, command: string): Error {
  const missing = "code" in error && error.code === "ENOENT";
  return missing ? new UserError(`${command} not found: run \`npm ci\` first`) : error;
}
