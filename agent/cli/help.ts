import { ENV, type FLAG_NAMES } from "../config";
import { LOCAL_API_ENV } from "../local-api/local-api-config";
import { AGENT_VERSION } from "../version";

type Flag = (typeof FLAG_NAMES)[number];

// A Record over every flag config.ts parses: a flag added there does not type-check until
// it is described here, so the help cannot fall behind.
const OPTIONS: Record<Flag, { value: string; env?: string; text: string }> = {
  server: { value: "URL", env: ENV.server, text: "the Worker's address, e.g. https://tikmatrix-edge.<you>.workers.dev (required by run)" },
  token: { value: "tma_…", env: ENV.token, text: "an agent token of the workspace (required by run); an API key (tmk_…) is refused" },
  "adb-host": { value: "HOST", env: ENV.adbHost, text: "the adb server (default 127.0.0.1)" },
  "adb-port": { value: "PORT", env: ENV.adbPort, text: "its port (default 5037)" },
  "state-dir": { value: "DIR", env: ENV.stateDir, text: "outbox, caches, agent id, config.json, logs/ (default ~/.tikmatrix-agent)" },
  "agent-id": { value: "ID", env: ENV.agentId, text: "this PC's name on the server (default: made once, kept in the state dir)" },
  "material-root": { value: "DIR", env: ENV.materialRoots, text: "a folder local materials may come from; repeatable (default <state-dir>/materials)" },
  "download-private-network": { value: "CIDR", env: ENV.downloadPrivateNetworks, text: "a private network downloads may reach (a NAS); repeatable (default none)" },
  "library-cache-gb": { value: "GB", env: ENV.libraryCacheGb, text: "room for copies of library materials (default 20)" },
  "local-api": { value: "", env: LOCAL_API_ENV.localApi, text: "also serve TikMatrix's local API on 127.0.0.1:50809, forwarding to the Worker (needs --api-key)" },
  "local-api-port": { value: "PORT", env: LOCAL_API_ENV.localApiPort, text: "its port (default 50809, TikMatrix's own)" },
  "api-key": { value: "tmk_…", env: LOCAL_API_ENV.apiKey, text: "an API key of the workspace, for the local API only" },
  "no-auto-update": { value: "", env: ENV.autoUpdate, text: "do not update to the agent build the Worker serves (as a service it updates itself: auto_update in the config file)" },
  config: { value: "FILE", text: "the config file (default <state-dir>/config.json)" },
};

/** `tikmatrix-agent --help`; also the package's README (tools/pack/). */
export function usage(): string {
  const width = Math.max(...Object.entries(OPTIONS).map(([flag, { value }]) => `--${flag} ${value}`.length));
  const options = Object.entries(OPTIONS).flatMap(([flag, { value, env, text }]) => [
    `  ${`--${flag} ${value}`.padEnd(width)}  ${text}`,
    ...(env === undefined ? [] : [`  ${"".padEnd(width)}  environment: ${env}`]),
  ]);
  return [
    `tikmatrix-agent ${AGENT_VERSION}: runs TikMatrix tasks on the Android phones plugged into this PC.`,
    "",
    "Usage: tikmatrix-agent [command] [options]",
    "",
    "Commands:",
    "  run      link every phone the adb server lists and run its tasks, until Ctrl-C (the default)",
    "  pair     show a code to approve in the dashboard (Settings) or with `npm run admin -- approve-agent`;",
    "           the agent token then arrives by itself and goes into the config file with --server",
    "  status   each phone the adb server lists (adb state, model, Android) and, with --server and",
    "           the token, whether the server has it linked and the task it runs",
    "  doctor   check adb, each phone (authorised, ADBKeyBoard, TikTok, Instagram, language, storage)",
    "           and the Worker with the token; exit code 0 when all is well, 1 otherwise",
    "  install-service    start the agent with this user's session and again after a crash:",
    "                     a Task Scheduler task at logon (Windows), a systemd user unit (Linux),",
    "                     a launchd agent (macOS); it runs as you, so with the adb key the phones trust",
    "  uninstall-service  stop it and remove it",
    "  service-run        run under a supervisor that restarts it (what the Windows task starts)",
    "  help     this text (also --help, -h); --version prints the version",
    "",
    "Options (run, status and doctor take the same ones; flags win over the environment,",
    "which wins over the config file's keys: server, token, adb_host, adb_port, agent_id,",
    "material_roots, download_private_networks, library_cache_gb, local_api, local_api_port, api_key, auto_update):",
    ...options,
    "",
    `Log: <state-dir>/logs/agent.log (run only), rotated at 10 MB, 5 old files kept.`,
    "",
    "First time on a PC (any shell): pair, check, then start it with Windows:",
    "  tikmatrix-agent pair --server https://tikmatrix-edge.example.workers.dev",
    "  tikmatrix-agent doctor",
    "  tikmatrix-agent install-service",
    "",
    "Examples, PowerShell:",
    `  $env:${ENV.token} = "tma_…"      # an environment variable keeps the token out of the process list`,
    "  tikmatrix-agent doctor --server https://tikmatrix-edge.example.workers.dev",
    "  tikmatrix-agent --server https://tikmatrix-edge.example.workers.dev --material-root D:\\Posts",
    "",
    "Examples, cmd:",
    `  set ${ENV.token}=tma_…`,
    "  tikmatrix-agent run --server https://tikmatrix-edge.example.workers.dev",
    "",
    "Examples, sh/bash/zsh (Linux, macOS):",
    `  export ${ENV.token}=tma_…`,
    "  tikmatrix-agent run --server https://tikmatrix-edge.example.workers.dev --material-root ~/Videos",
    "  tikmatrix-agent status --adb-port 5037",
    "",
  ].join("\n");
}

export function printHelp(): number {
  process.stdout.write(usage());
  return 0;
}
