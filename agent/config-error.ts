/** A setting that is missing or wrong: the message names the setting and where it came from. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}
