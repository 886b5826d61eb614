import { parseCredential } from "../../shared/credentials";
import { ConfigError } from "../config-error";

/** TikMatrix's own port: the studio's scripts call http://localhost:50809/api/v1. */
export const TIKMATRIX_PORT = 50809;

/** The local API's settings, as agent/config.ts is to read them. */
export const LOCAL_API_ENV = {
  localApi: "TIKMATRIX_LOCAL_API",
  localApiPort: "TIKMATRIX_LOCAL_API_PORT",
  apiKey: "TIKMATRIX_API_KEY",
} as const;

export interface LocalApiSettings {
  /** Parsed flags: `--local-api` (boolean), `--local-api-port`, `--api-key`. */
  flags: { localApi?: boolean | undefined; localApiPort?: string | undefined; apiKey?: string | undefined };
  env: Readonly<Record<string, string | undefined>>;
  /** config.json's keys, with the file's path for messages; absent when there is no file. */
  file?: { path: string; local_api?: boolean | undefined; local_api_port?: number | string | undefined; api_key?: string | undefined } | undefined;
}

/** What startLocalApi needs beyond the server and a logger. */
export interface LocalApiConfig {
  port: number;
  apiKey: string;
}

interface Source<T> {
  value: T;
  from: string;
}

/**
 * The local API's options from flags > TIKMATRIX_* env > config.json > defaults (the order
 * of agent/config.ts), or undefined when it is off (the default: TikMatrix itself may be
 * running on its port). A wrong setting throws a ConfigError naming it and where it came from.
 */
export function resolveLocalApiConfig(settings: LocalApiSettings): LocalApiConfig | undefined {
  const { flags, env, file } = settings;
  const inFile = (key: string) => `${key} in ${file?.path ?? "config.json"}`;
  const pick = <T>(flag: [string, T | undefined], envName: string, fileValue: [string, T | undefined]): Source<T | string> | undefined => {
    if (flag[1] !== undefined) return { value: flag[1], from: flag[0] };
    const fromEnv = env[envName]?.trim();
    if (fromEnv !== undefined && fromEnv !== "") return { value: fromEnv, from: envName };
    if (fileValue[1] !== undefined) return { value: fileValue[1], from: inFile(fileValue[0]) };
    return undefined;
  };

  const enabled = pick(["--local-api", flags.localApi], LOCAL_API_ENV.localApi, ["local_api", file?.local_api]);
  if (enabled === undefined || !checkSwitch(enabled)) return undefined;
  const port = pick(["--local-api-port", flags.localApiPort], LOCAL_API_ENV.localApiPort, ["local_api_port", file?.local_api_port]);
  const apiKey = pick(["--api-key", flags.apiKey], LOCAL_API_ENV.apiKey, ["api_key", file?.api_key]);
  return {
    port: port === undefined ? TIKMATRIX_PORT : checkPort(port),
    apiKey: checkApiKey(apiKey, enabled.from),
  };
}

function checkSwitch(source: Source<boolean | string>): boolean {
  if (typeof source.value === "boolean") return source.value;
  const text = source.value.trim().toLowerCase();
  if (["1", "true", "yes", "on"].includes(text)) return true;
  if (["0", "false", "no", "off"].includes(text)) return false;
  throw new ConfigError(`local API (${source.from}) must be 1 or 0 (true or false), got ${JSON.stringify(source.value)}`);
}

function checkPort(source: Source<number | string>): number {
  const text = String(source.value).trim();
  const port = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ConfigError(`local API port (${source.from}) must be a port number from 1 to 65535, got ${JSON.stringify(String(source.value))}`);
  }
  return port;
}

function checkApiKey(source: Source<string> | undefined, enabledBy: string): string {
  if (source === undefined) {
    throw new ConfigError(
      `the local API (${enabledBy}) needs an API key of the workspace: give --api-key tmk_…, ${LOCAL_API_ENV.apiKey} or "api_key" in config.json (npm run admin -- create-key <workspace>)`,
    );
  }
  const key = source.value.trim();
  const parsed = parseCredential(key);
  // Never echo the value: it is a secret, whatever kind it turns out to be.
  if (parsed === null) throw new ConfigError(`API key (${source.from}) is not a credential of this service (expected tmk_…)`);
  if (parsed.kind !== "api_key") {
    const what = parsed.kind === "agent_token" ? "an agent token (tma_…)" : `a ${parsed.kind.replace("_", " ")} credential`;
    throw new ConfigError(`API key (${source.from}) is ${what}; the local API needs an API key (tmk_…): npm run admin -- create-key <workspace>`);
  }
  return key;
}
