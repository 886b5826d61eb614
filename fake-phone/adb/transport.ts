import { randomBytes } from "node:crypto";
import { type AddressInfo, type Server, type Socket, createServer } from "node:net";
import { PacketReader } from "./packet-reader.js";
import { A_AUTH, A_CLSE, A_CNXN, A_OKAY, A_OPEN, A_VERSION, A_WRTE, type Packet, commandName, encodePacket } from "./packet.js";
import { DeviceStream, type StreamSink } from "./stream.js";

/** What the phone does with the bytes of one opened service stream. */
export interface ServiceHandler {
  onData(data: Buffer): void;
  /** The host closed the stream. */
  onHostClose?(): void;
}

/** Returns undefined to refuse the service (the host then reports "closed"). */
export type OpenService = (name: string, stream: DeviceStream) => ServiceHandler | undefined;

export interface DeviceIdentity {
  product: string;
  model: string;
  device: string;
}

export interface TransportOptions {
  identity: DeviceIdentity;
  openService: OpenService;
  /** A fixed port, so the serial is known in advance (`npm start -- --simulate`); default: any free one. */
  port?: number;
  /** False: the host's key is not one the user accepted, and the "Allow USB debugging?" prompt is never answered. */
  authorized?: boolean;
}

export interface DeviceTransport {
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

/** AUTH packets' arg0 (AOSP adb/adb_auth.h). */
const ADB_AUTH_TOKEN = 1;
const ADB_AUTH_SIGNATURE = 2;

/** Largest payload we accept; the host's own may be larger, the smaller one wins. */
export const DEVICE_MAX_DATA = 256 * 1024;
// Only what is implemented: with shell_v2 the host opens "shell,v2,…", with stat_v2 push
// stats with STA2. Advertising abb_exec or sendrecv_v2 would send the host down paths we lack.
const FEATURES = "shell_v2,cmd,stat_v2";
// The host may announce up to 1 MiB (adb's MAX_PAYLOAD) in its own CNXN.
const HOST_MAX_DATA_LIMIT = 1024 * 1024;

/**
 * A TCP server on 127.0.0.1 speaking the device side of the ADB transport protocol,
 * for the real adb server to reach through `adb connect 127.0.0.1:<port>`.
 */
export async function startTransport(options: TransportOptions): Promise<DeviceTransport> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    serveConnection(socket, options);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    host: "127.0.0.1",
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function serveConnection(socket: Socket, options: TransportOptions): void {
  socket.setNoDelay(true);
  const reader = new PacketReader(HOST_MAX_DATA_LIMIT);
  const streams = new Map<number, { stream: DeviceStream; handler: ServiceHandler }>();
  let nextLocalId = 1;
  let maxPayload = DEVICE_MAX_DATA;
  let online = false;

  const send = (command: number, arg0: number, arg1: number, data?: Buffer): void => {
    if (!socket.destroyed) socket.write(encodePacket(command, arg0, arg1, data));
  };
  const sink: StreamSink = {
    sendWrite: (localId, remoteId, data) => send(A_WRTE, localId, remoteId, data),
    sendClose: (localId, remoteId) => send(A_CLSE, localId, remoteId),
    forget: (localId) => streams.delete(localId),
  };

  const handle = (packet: Packet): void => {
    switch (packet.command) {
      case A_CNXN: {
        if (options.authorized === false) {
          // adbd with ro.adb.secure=1 (every user build) answers CNXN with AUTH TOKEN; the host
          // signs it with its keys, and with none accepted sends its public key, at which the
          // phone shows its prompt (AOSP adb daemon/auth.cpp). The host lists it "unauthorized".
          send(A_AUTH, ADB_AUTH_TOKEN, 0, randomBytes(20));
          return;
        }
        // A phone with ro.adb.secure=0 answers CNXN with its own CNXN and skips AUTH.
        maxPayload = Math.min(DEVICE_MAX_DATA, packet.arg1 || DEVICE_MAX_DATA);
        const { product, model, device } = options.identity;
        const banner = `device::ro.product.name=${product};ro.product.model=${model};ro.product.device=${device};features=${FEATURES}`;
        send(A_CNXN, A_VERSION, DEVICE_MAX_DATA, Buffer.from(banner, "utf8"));
        online = true;
        return;
      }
      case A_OPEN: {
        if (!online) return;
        const name = packet.data.toString("utf8").replace(/\0+$/, "");
        const localId = nextLocalId++;
        const stream = new DeviceStream(localId, packet.arg0, maxPayload, sink);
        const handler = options.openService(name, stream);
        if (handler === undefined) {
          send(A_CLSE, 0, packet.arg0);
          return;
        }
        streams.set(localId, { stream, handler });
        send(A_OKAY, localId, packet.arg0);
        return;
      }
      case A_WRTE: {
        // Late WRTE for a stream we already closed: the host has not seen our CLSE yet.
        const entry = streams.get(packet.arg1);
        if (entry === undefined) return;
        send(A_OKAY, packet.arg1, packet.arg0);
        entry.handler.onData(packet.data);
        return;
      }
      case A_OKAY: {
        streams.get(packet.arg1)?.stream.acknowledged();
        return;
      }
      case A_CLSE: {
        const entry = streams.get(packet.arg1);
        if (entry === undefined) return;
        entry.stream.closedByHost();
        entry.handler.onHostClose?.();
        return;
      }
      case A_AUTH:
        // A signature by a key the phone does not trust: a new token, as adbd sends, so the
        // host tries its next key and then its public key (ADB_AUTH_RSAPUBLICKEY), which waits
        // on the prompt nobody answers. An authorized phone never sends AUTH, so the host has none to send.
        if (options.authorized === false && packet.arg0 === ADB_AUTH_SIGNATURE) send(A_AUTH, ADB_AUTH_TOKEN, 0, randomBytes(20));
        return;
      default:
        throw new Error(`unexpected ADB command ${commandName(packet.command)}`);
    }
  };

  socket.on("data", (chunk: Buffer) => {
    try {
      for (const packet of reader.push(chunk)) handle(packet);
    } catch (error) {
      // A protocol error leaves the byte stream unsynchronised: a real adbd drops the link too.
      console.error("fake phone transport:", error);
      socket.destroy();
    }
  });
  const closeAll = (): void => {
    for (const { stream, handler } of [...streams.values()]) {
      stream.closedByHost();
      handler.onHostClose?.();
    }
  };
  socket.on("close", closeAll);
  socket.on("error", () => socket.destroy());
}
