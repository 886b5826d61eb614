/** Where the agent's own messages go (not a task's log lines: those go to the server). */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Somewhere else every line goes besides stderr (the rotating file of `run`: log-file.ts). */
export type LogSink = (line: string) => void;

// Module-wide, not passed down: the fleet and its links make their loggers with consoleLogger
// deep inside, and a studio wants all of those lines in the file, not only the ones of code
// that was handed a file.
const sinks = new Set<LogSink>();

/** Adds a sink for every logger's lines from now on; the function returned removes it. */
export function addLogSink(sink: LogSink): () => void {
  sinks.add(sink);
  return () => sinks.delete(sink);
}

/** Lines on stderr (and each sink) with a time and a tag (the phone), so several phones' lines can be told apart. */
export function consoleLogger(tag: string): Logger {
  const line = (level: string, message: string) => {
    const text = `${new Date().toISOString()} ${level} [${tag}] ${message}\n`;
    process.stderr.write(text);
    for (const sink of sinks) sink(text);
  };
  return {
    info: (message) => line("info ", message),
    warn: (message) => line("warn ", message),
    error: (message) => line("error", message),
  };
}
