import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { delimiter, dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { parseCredential } from "../shared/credentials";
import { validate } from "../shared/validation";
import { loadAgentId, readAgentId } from "./agent-id";
import { ConfigError } from "./config-error";
import { type LocalApiConfig, resolveLocalApiConfig } from "./local-api/local-api-config";
import { parseNetwork } from "../shared/net/public-address";

/** The agent's settings, resolved: flags > environment > config file > defaults. */
export interface AgentConfig {
  /** Base URL of the API, without a trailing slash. */
  server: string;
  /** An agent token of the workspace (`tma_…`). */
  token: string;
  adbHost: string;
  adbPort: number;
  stateDir: string;
  agentId: string;
  /**
   * Absolute folders local materials may come from (a material_list path, a local folder):
   * a task comes from whoever holds an API key, and must not publish the PC's other files.
   */
  materialRoots: string[];
  /** CIDRs downloads may reach although they are not public (a studio's NAS); by default none. */
  downloadPrivateNetworks: string[];
  /** The bound of the copies of library materials kept in <state dir>/library, in bytes. */
  libraryCacheBytes: number;
  /** TikMatrix's local port served by this agent (agent/local-api/), or undefined when off (the default). */
  localApi: LocalApiConfig | undefined;
  /** Update to the build the Worker serves, when running as a service (agent/update/); default on. */
  autoUpdate: boolean;
}

export { ConfigError };

export const ENV = {
  server: "TIKMATRIX_SERVER",
  token: "TIKMATRIX_TOKEN",
  adbHost: "TIKMATRIX_ADB_HOST",
  adbPort: "TIKMATRIX_ADB_PORT",
  stateDir: "TIKMATRIX_STATE_DIR",
  agentId: "TIKMATRIX_AGENT_ID",
  /** Folders separated by the platform's path delimiter (`:`, or `;` on Windows), as in PATH. */
  materialRoots: "TIKMATRIX_MATERIAL_ROOTS",
  /** CIDRs separated by commas. */
  downloadPrivateNetworks: "TIKMATRIX_DOWNLOAD_PRIVATE_NETWORKS",
  libraryCacheGb: "TIKMATRIX_LIBRARY_CACHE_GB",
  /** 0, false, no or off: do not update from the Worker (auto-update is on by default). */
  autoUpdate: "TIKMATRIX_AUTO_UPDATE",
} as const;

const DEFAULTS = { adbHost: "127.0.0.1", adbPort: "5037", libraryCacheGb: "20" } as const;

const FLAGS = {
  server: { type: "string" },
  token: { type: "string" },
  "adb-host": { type: "string" },
  "adb-port": { type: "string" },
  "state-dir": { type: "string" },
  "agent-id": { type: "string" },
  "material-root": { type: "string", multiple: true },
  "download-private-network": { type: "string", multiple: true },
  "library-cache-gb": { type: "string" },
  "local-api": { type: "boolean" },
  "local-api-port": { type: "string" },
  "api-key": { type: "string" },
  "no-auto-update": { type: "boolean" },
  config: { type: "string" },
} as const;

/**
 * The config file. It cannot move the state directory, because by default it lives there.
 * Unknown keys are refused so that a misspelt setting is not silently ignored.
 */
const fileSchema = z.strictObject({
  server: z.string().optional(),
  token: z.string().optional(),
  adb_host: z.string().optional(),
  adb_port: z.union([z.number(), z.string()]).optional(),
  agent_id: z.string().optional(),
  material_roots: z.array(z.string()).optional(),
  download_private_networks: z.array(z.string()).optional(),
  library_cache_gb: z.union([z.number(), z.string()]).optional(),
  local_api: z.boolean().optional(),
  local_api_port: z.union([z.number(), z.string()]).optional(),
  api_key: z.string().optional(),
  auto_update: z.boolean().optional(),
});
type FileSettings = z.output<typeof fileSchema>;

type Env = Readonly<Record<string, string | undefined>>;

/** A raw value with where it came from, for error messages. */
interface Source {
  value: string;
  from: string;
}

/**
 * What `status` and `doctor` need: the adb server, and the Worker if it is set. They check
 * what is there rather than require it, so a PC set up halfway can still be diagnosed; a
 * value that is set but wrong is refused as `run` refuses it.
 */
export interface LocalConfig {
  server: string | undefined;
  token: string | undefined;
  adbHost: string;
  adbPort: number;
  stateDir: string;
  /** The config file these settings were read from (it may not exist yet): `pair` writes the token there. */
  configPath: string;
  /** This PC's agent id as `run` would use it, or undefined when none is set and `run` never made one here (none is made). */
  agentId: string | undefined;
}

/** The flag names `run` takes (and `status` and `doctor`, so one command line serves all three), for the help. */
export const FLAG_NAMES = Object.keys(FLAGS) as (keyof typeof FLAGS)[];

export async function loadConfig(argv: readonly string[], env: Env, home = homedir()): Promise<AgentConfig> {
  const { stateDir, pick, pickList, flags, file } = await readSettings(argv, env, home);
  const server = checkServer(pick("server", ENV.server, "server"));
  const token = checkToken(pick("token", ENV.token, "token"));
  const { adbHost, adbPort } = adbOf(pick);
  const agentIdSource = pick("agent-id", ENV.agentId, "agent_id");
  const agentId = agentIdSource === undefined ? await loadAgentId(stateDir) : checkAgentId(agentIdSource);

  const roots = pickList("material-root", ENV.materialRoots, (text) => text.split(delimiter), "material_roots");
  const materialRoots = roots === undefined ? [join(stateDir, "materials")] : checkRoots(roots, home);
  const networks = pickList("download-private-network", ENV.downloadPrivateNetworks, (text) => text.split(","), "download_private_networks");
  const downloadPrivateNetworks = networks === undefined ? [] : checkNetworks(networks);
  const libraryCacheBytes = checkCacheSize(pick("library-cache-gb", ENV.libraryCacheGb, "library_cache_gb") ?? { value: DEFAULTS.libraryCacheGb, from: "default" });
  const localApi = resolveLocalApiConfig({ flags: { localApi: flags["local-api"], localApiPort: flags["local-api-port"], apiKey: flags["api-key"] }, env, file: { path: file.path, ...file.settings } });
  const autoUpdate = flags["no-auto-update"] === true ? false : env[ENV.autoUpdate] !== undefined && env[ENV.autoUpdate] !== "" ? !/^(0|false|no|off)$/i.test(env[ENV.autoUpdate] ?? "") : (file.settings.auto_update ?? true);
  return { server, token, adbHost, adbPort, stateDir, agentId, materialRoots, downloadPrivateNetworks, libraryCacheBytes, localApi, autoUpdate };
}

export async function loadLocalConfig(argv: readonly string[], env: Env, home = homedir()): Promise<LocalConfig> {
  const { stateDir, pick, file } = await readSettings(argv, env, home);
  const server = pick("server", ENV.server, "server");
  const token = pick("token", ENV.token, "token");
  const agentId = pick("agent-id", ENV.agentId, "agent_id");
  return {
    server: server === undefined ? undefined : checkServer(server),
    token: token === undefined ? undefined : checkToken(token),
    ...adbOf(pick),
    stateDir,
    configPath: file.path,
    agentId: agentId === undefined ? await readAgentId(stateDir) : checkAgentId(agentId),
  };
}

type Pick = (flag: SingleFlag, envName: string, fileKey: SingleKey) => Source | undefined;
type PickList = (flag: ListFlag, envName: string, split: (text: string) => string[], fileKey: ListKey) => Sources | undefined;

/** The flags, the state directory and the config file read, and how one setting is taken from them. */
async function readSettings(argv: readonly string[], env: Env, home: string) {
  const flags = parseFlags(argv);
  const stateDir = resolve(expandHome(flags["state-dir"] ?? nonEmpty(env[ENV.stateDir]) ?? join(home, ".tikmatrix-agent"), home));
  const explicitFile = flags.config;
  const file = await readConfigFile(explicitFile === undefined ? join(stateDir, "config.json") : resolve(expandHome(explicitFile, home)), explicitFile !== undefined);

  const pick: Pick = (flag, envName, fileKey) => {
    const fromFlag = flags[flag];
    if (fromFlag !== undefined) return { value: fromFlag, from: `--${flag}` };
    const fromEnv = nonEmpty(env[envName]);
    if (fromEnv !== undefined) return { value: fromEnv, from: envName };
    const fromFile = file.settings[fileKey];
    if (fromFile !== undefined) return { value: String(fromFile), from: `${fileKey} in ${file.path}` };
    return undefined;
  };

  // Lists: the first source that gives the setting gives all of it; they are not merged.
  const pickList: PickList = (flag, envName, split, fileKey) => {
    const fromFlag = flags[flag];
    if (fromFlag !== undefined) return { values: fromFlag, from: `--${flag}`, base: process.cwd() };
    const fromEnv = nonEmpty(env[envName]);
    if (fromEnv !== undefined) return { values: split(fromEnv), from: envName, base: process.cwd() };
    const fromFile = file.settings[fileKey];
    if (fromFile !== undefined) return { values: fromFile, from: `${fileKey} in ${file.path}`, base: dirname(file.path) };
    return undefined;
  };
  return { stateDir, pick, pickList, flags, file };
}

function adbOf(pick: Pick): { adbHost: string; adbPort: number } {
  const adbHost = pick("adb-host", ENV.adbHost, "adb_host")?.value ?? DEFAULTS.adbHost;
  const adbPort = checkPort(pick("adb-port", ENV.adbPort, "adb_port") ?? { value: DEFAULTS.adbPort, from: "default" });
  return { adbHost, adbPort };
}

type ListFlag = "material-root" | "download-private-network";
type SingleFlag = Exclude<keyof typeof FLAGS, ListFlag | "local-api" | "no-auto-update">;
type ListKey = "material_roots" | "download_private_networks";
type SingleKey = Exclude<keyof FileSettings, ListKey>;

/** A list setting's raw values, where they came from, and the folder relative paths start from. */
interface Sources {
  values: readonly string[];
  from: string;
  base: string;
}

/** Each folder absolute (`~` expanded; relative to the config file's folder for the file's entries), blanks left out. */
function checkRoots(source: Sources, home: string): string[] {
  const roots = source.values.map((value) => value.trim()).filter((value) => value !== "");
  return [...new Set(roots.map((root) => resolve(source.base, expandHome(root, home))))];
}

function checkNetworks(source: Sources): string[] {
  const networks = source.values.map((value) => value.trim()).filter((value) => value !== "");
  const bad = networks.find((network) => parseNetwork(network) === undefined);
  if (bad !== undefined) {
    throw new ConfigError(`download private network (${source.from}) must be a network such as 192.168.1.0/24 or fd00::/8, or one address, got "${bad}"`);
  }
  return networks;
}

function parseFlags(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new ConfigError(flagError(error));
  }
}

/** parseArgs' messages, shorter and pointing at the help; the option or word is named either way. */
function flagError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof Error && "code" in error ? error.code : undefined;
  const named = /'([^']*)'/.exec(message)?.[1];
  if (named === undefined) return message;
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `unknown option ${named} (tikmatrix-agent --help lists the options)`;
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") return `unexpected argument "${named}" (options start with --; tikmatrix-agent --help lists them)`;
  return message;
}

async function readConfigFile(path: string, required: boolean): Promise<{ path: string; settings: FileSettings }> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    // The default file is optional; one named with --config must exist.
    if (!required && error instanceof Error && "code" in error && error.code === "ENOENT") return { path, settings: {} };
    throw new ConfigError(`cannot read the config file ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`the config file ${path} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = validate(fileSchema, json);
  if (!parsed.ok) throw new ConfigError(`the config file ${path}: ${parsed.message}`);
  return { path, settings: parsed.value };
}

function checkServer(source: Source | undefined): string {
  if (source === undefined) throw new ConfigError(`the server is not set: give --server https://… or ${ENV.server}`);
  let url: URL;
  try {
    url = new URL(source.value);
  } catch {
    throw new ConfigError(`server (${source.from}) is not a URL: "${source.value}"`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ConfigError(`server (${source.from}) must be an http:// or https:// URL, got "${source.value}"`);
  }
  if (url.search !== "" || url.hash !== "") throw new ConfigError(`server (${source.from}) must not have a query or fragment`);
  return url.toString().replace(/\/+$/, "");
}

function checkToken(source: Source | undefined): string {
  if (source === undefined) throw new ConfigError(`the agent token is not set: give --token tma_… or ${ENV.token}`);
  const parsed = parseCredential(source.value.trim());
  // Never echo the value: it is a secret, and an API key pasted here is one too.
  if (parsed === null) throw new ConfigError(`token (${source.from}) is not a credential of this service (expected tma_…)`);
  if (parsed.kind !== "agent_token") {
    throw new ConfigError(`token (${source.from}) is an API key (tmk_…); the agent needs an agent token (tma_…): npm run admin -- create-agent-token`);
  }
  return source.value.trim();
}

function checkPort(source: Source): number {
  const port = /^\d+$/.test(source.value.trim()) ? Number(source.value.trim()) : Number.NaN;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ConfigError(`adb port (${source.from}) must be a port number from 1 to 65535, got "${source.value}"`);
  }
  return port;
}

function checkCacheSize(source: Source): number {
  const gb = /^\d+(\.\d+)?$/.test(source.value.trim()) ? Number(source.value.trim()) : Number.NaN;
  if (!(gb >= 0.1 && gb <= 100_000)) throw new ConfigError(`library cache size (${source.from}) must be a number of GB from 0.1 to 100000, got "${source.value}"`);
  return Math.round(gb * 1024 ** 3);
}

function checkAgentId(source: Source): string {
  const id = source.value.trim();
  if (id.length < 1 || id.length > 128) throw new ConfigError(`agent id (${source.from}) must be 1 to 128 characters long`);
  return id;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}

function expandHome(path: string, home: string): string {
  return path === "~" || path.startsWith("~/") ? join(home, path.slice(1)) : path;
}
