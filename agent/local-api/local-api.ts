import { Agent as HttpAgent, createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import type { AddressInfo } from "node:net";
import { ApiCode } from "../../shared/api-codes";
import { ConfigError } from "../config-error";
import type { Logger } from "../logger";
import { sendEnvelope } from "./envelope";
import { forward, type Upstream } from "./forward";
import { TIKMATRIX_PORT } from "./local-api-config";
import { isLoopbackHost, refusal } from "./local-only";

export { TIKMATRIX_PORT };

export interface LocalApiOptions {
  /** The Worker's base URL, as the agent's `server` setting (no trailing slash). */
  server: string;
  /** An API key of the workspace (`tmk_…`), added to every call. */
  apiKey: string;
  /** Loopback only (127.0.0.0/8, ::1, localhost): anything else is refused. */
  host?: string;
  /** 0 for one the OS picks (tests). */
  port?: number;
  log: Logger;
  /** How long a connection to the Worker may take to open; 30 s by default. */
  connectTimeoutMs?: number;
}

export interface LocalApi {
  /** `http://127.0.0.1:50809`: the base URL TikMatrix clients call (`/api/v1` under it). */
  url: string;
  host: string;
  port: number;
  /** Stops listening and cuts the calls in flight (the agent is shutting down). */
  close(): Promise<void>;
}

/**
 * A setting the local API cannot start with, said so the user can fix it. A ConfigError, so
 * main.ts reports it and exits 2 as it does for any other setting.
 */
export class LocalApiError extends ConfigError {}

/**
 * TikMatrix's local API on this PC, served by forwarding every call under /api to the Worker
 * with the workspace's API key: the studio's scripts that call http://localhost:50809/api/v1
 * keep working once TikMatrix is replaced by the Worker and this agent.
 */
export async function startLocalApi(options: LocalApiOptions): Promise<LocalApi> {
  const host = options.host ?? "127.0.0.1";
  const port = options.port ?? TIKMATRIX_PORT;
  // The port lends the API key to whoever connects: on any other interface it would hand the
  // workspace to the whole LAN.
  if (!isLoopbackHost(host)) {
    throw new LocalApiError(`the local API listens on this PC only (127.0.0.1, ::1 or localhost), not on ${JSON.stringify(host)}: anyone who could reach it would act with the workspace's API key`);
  }
  const server = parseServer(options.server);
  const agentOptions = { keepAlive: true, maxSockets: 64 };
  const upstream: Upstream = {
    server,
    apiKey: options.apiKey,
    agent: server.protocol === "https:" ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions),
    connectTimeoutMs: options.connectTimeoutMs ?? 30_000,
    log: options.log,
  };

  const http = createServer((req, res) => handle(req, res, upstream));
  // No request timeout: a material upload of hundreds of MB over a slow uplink takes longer
  // than Node's default 300 s. The connection is loopback; a stuck client costs a socket.
  http.requestTimeout = 0;
  const address = await listen(http, host, port);
  const shown = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${shown}:${address.port}`;
  options.log.info(`TikMatrix's local API on ${url}/api/v1, forwarded to ${server.origin}`);
  return {
    url,
    host: address.address,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
        upstream.agent.destroy();
      }),
  };
}

function handle(req: IncomingMessage, res: ServerResponse, upstream: Upstream): void {
  const refused = refusal(req.headers);
  if (refused !== undefined) return sendEnvelope(res, 401, ApiCode.Unauthorized, refused);
  // Parsed, so `/api/../x`, `/api/%2e%2e/x` and an absolute-form target cannot step out of /api:
  // what is forwarded is the path the URL parser settled on, never the raw target.
  const target = parseTarget(req.url ?? "");
  // In any case, as the Worker reads it (worker/app.ts): /API/V1/TASK is a mistyped API path.
  const path = target?.pathname.toLowerCase();
  if (target === undefined || path === undefined || (path !== "/api" && !path.startsWith("/api/"))) {
    const shown = target?.pathname ?? (req.url ?? "").slice(0, 200);
    return sendEnvelope(res, 404, ApiCode.NotFound, `no route for ${req.method} ${shown}: TikMatrix's local API serves /api/v1 only`);
  }
  forward(req, res, `${target.pathname}${target.search}`, upstream);
}

function parseTarget(raw: string): URL | undefined {
  try {
    // A fixed base: only the path and query of the client's target are ever used.
    return new URL(raw, "http://local-api.invalid");
  } catch {
    return undefined;
  }
}

function parseServer(server: string): URL {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new LocalApiError(`server is not a URL: ${JSON.stringify(server)}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new LocalApiError(`server must be an http:// or https:// URL, got ${JSON.stringify(server)}`);
  return url;
}

function listen(server: Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const where = `${host.includes(":") ? `[${host}]` : host}:${port}`;
      if (error.code === "EADDRINUSE") {
        reject(new LocalApiError(`${where} is in use: is TikMatrix itself running? Close it or pass --local-api-port`));
      } else if (error.code === "EACCES") {
        reject(new LocalApiError(`${where} may not be opened by this user (${error.code}): pass --local-api-port with a port above 1023`));
      } else if (error.code === "EADDRNOTAVAIL" || error.code === "EAFNOSUPPORT") {
        reject(new LocalApiError(`${where} is not an address of this PC (${error.code})`));
      } else {
        reject(error);
      }
    };
    server.once("error", onError);
    server.listen({ host, port, exclusive: true }, () => {
      server.off("error", onError);
      resolve(server.address() as AddressInfo);
    });
  });
}
