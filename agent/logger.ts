/** Where the agent's own messages go (not a task's log lines: those go to the server). */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Lines on stderr with a time and a tag (the phone), so several phones' lines can be told apart. */
export function consoleLogger(tag: string): Logger {
  const line = (level: string, message: string) => {
    process.stderr.write(`${new Date().toISOString()} ${level} [${tag}] ${message}\n`);
  };
  return {
    info: (message) => line("info ", message),
    warn: (message) => line("warn ", message),
    error: (message) => line("error", message),
  };
}
