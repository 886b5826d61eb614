import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, request, type ServerResponse } from "node:http";
import { type AddressInfo, connect, type Socket } from "node:net";

/**
 * The Worker as an agent sees it, on 127.0.0.1, with its static `/agent/*` (a deployment's
 * build, worker/web/public/agent/) played by the test, so nothing is written into the
 * repository's assets that other tests' wrangler dev serve. Every other request, and every
 * WebSocket upgrade, is passed through byte for byte to `upstream`.
 */
export interface WorkerFront {
  readonly url: string;
  /**
   * From now on /agent/latest.json describes this build and /agent/<its file> serves it.
   * Until then a request for latest.json waits: the agent checks a few seconds after it
   * starts, and a test decides when the deploy happens (while a task runs), not that clock.
   */
  publish(version: string, tarball: Buffer): void;
  close(): Promise<void>;
}

interface Build {
  latest: { name: string; version: string; file: string; sha256: string; size: number };
  tarball: Buffer;
}

export async function startWorkerFront(upstream: string): Promise<WorkerFront> {
  const target = new URL(upstream);
  const port = Number(target.port);
  const tunnels = new Set<Socket>();
  let build: Build | undefined;
  const waiting: Array<() => void> = [];

  const forward = (incoming: IncomingMessage, response: ServerResponse) => {
    const outgoing = request({ host: target.hostname, port, method: incoming.method, path: incoming.url, headers: incoming.headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    // The network to the server cut (the relay behind): the agent sees its request fail.
    outgoing.on("error", () => response.destroy());
    incoming.pipe(outgoing);
  };

  const server = createServer((incoming, response) => {
    const answer = () => {
      if (build === undefined) return;
      if (incoming.url === "/agent/latest.json") response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(build.latest));
      else if (incoming.url === `/agent/${build.latest.file}`) response.writeHead(200, { "content-type": "application/gzip" }).end(build.tarball);
      else forward(incoming, response);
    };
    if (incoming.url === "/agent/latest.json" && build === undefined) waiting.push(answer);
    else if (build === undefined) forward(incoming, response);
    else answer();
  });

  server.on("upgrade", (incoming: IncomingMessage, client: Socket, head: Buffer) => {
    const tunnel = connect(port, target.hostname);
    for (const socket of [client, tunnel]) {
      tunnels.add(socket);
      socket.on("error", () => socket.destroy());
      socket.on("close", () => tunnels.delete(socket));
    }
    client.on("close", () => tunnel.destroy());
    tunnel.on("close", () => client.destroy());
    tunnel.on("connect", () => {
      const headers = incoming.rawHeaders.map((part, i) => (i % 2 === 0 ? `${part}: ` : `${part}\r\n`)).join("");
      tunnel.write(`${incoming.method ?? "GET"} ${incoming.url ?? "/"} HTTP/1.1\r\n${headers}\r\n`);
      tunnel.write(head);
      client.pipe(tunnel);
      tunnel.pipe(client);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    publish(version, tarball) {
      const file = `tikmatrix-agent-${version}.tgz`;
      build = { tarball, latest: { name: "tikmatrix-agent", version, file, sha256: createHash("sha256").update(tarball).digest("hex"), size: tarball.length } };
      for (const answer of waiting.splice(0)) answer();
    },
    async close() {
      for (const socket of tunnels) socket.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
