import { resolveUserPath } from "./repo";

/** What the tools need to know about the arguments passed through to `wrangler dev`. */
export interface DevArgs {
  /** The arguments for wrangler dev, with defaults added and --persist-to made absolute. */
  args: string[];
  /** Absolute local state directory, when the user chose one. */
  persistTo: string | undefined;
  ip: string;
  /** Undefined when wrangler picks (8787, or a free port if that one is taken). */
  port: number | undefined;
}

export interface DevDefaults {
  /** Listening only on loopback: a dev server with a dev key must not face the LAN. */
  ip: string;
  port?: number;
}

/**
 * Reads --ip, --port and --persist-to out of the pass-through arguments (both `--x v`
 * and `--x=v` forms) without otherwise changing them, and adds --ip (and --port, if a
 * default is given) when absent. --persist-to is resolved against the user's directory,
 * because wrangler runs from the repository root.
 */
export function parseDevArgs(input: readonly string[], defaults: DevDefaults): DevArgs {
  const args = [...input];

  const persist = findValue(args, "--persist-to");
  let persistTo: string | undefined;
  if (persist !== undefined) {
    persistTo = resolveUserPath(persist.value);
    args[persist.index] = persist.inline ? `--persist-to=${persistTo}` : persistTo;
  }

  let ip = findValue(args, "--ip")?.value;
  if (ip === undefined) {
    ip = defaults.ip;
    args.push("--ip", ip);
  }

  const portText = findValue(args, "--port")?.value;
  let port = portText === undefined ? undefined : Number(portText);
  if (port === undefined && defaults.port !== undefined) {
    port = defaults.port;
    args.push("--port", String(port));
  }
  return { args, persistTo, ip, port: port !== undefined && Number.isSafeInteger(port) ? port : undefined };
}

interface FoundValue {
  value: string;
  /** Where the value is in the list; `inline` when it is `--flag=value` at that index. */
  index: number;
  inline: boolean;
}

/** The last occurrence wins, as with yargs, which wrangler uses. */
function findValue(args: readonly string[], flag: string): FoundValue | undefined {
  let found: FoundValue | undefined;
  args.forEach((arg, i) => {
    const next = args[i + 1];
    if (arg === flag && next !== undefined) found = { value: next, index: i + 1, inline: false };
    if (arg.startsWith(`${flag}=`)) found = { value: arg.slice(flag.length + 1), index: i, inline: true };
  });
  return found;
}
