import { UserError } from "../lib/errors";

/**
 * A measurement that could not be taken or whose answer was wrong (a non-zero code, a
 * count that does not match the seed). main() prints the message and exits 1.
 */
export class BenchFailure extends UserError {}
