import { join } from "node:path";
import type { Client } from "@devicefarmer/adbkit";
import type { TestAdbServer } from "../../fake-phone/testing";
import { REPO_ROOT } from "../lib/repo";
import { startChild } from "./child-run";
import type { Cleanup } from "./cleanup";
import { BenchFailure } from "./failure";
import { type PhoneReply, phoneReply, type PhoneRequest } from "./phone-messages";
import { startPrivateAdb } from "./private-adb";

const ENTRY = join(REPO_ROOT, "tools", "bench", "phone-process.ts");
/** Node with tsx and the phones listening: a second or two on a loaded machine. */
const READY_TIMEOUT_MS = 30_000;
/** Hashing 50 MB in the phone process: a fraction of a second. */
const REQUEST_TIMEOUT_MS = 30_000;
/** The process's whole life, a bound only: the push section takes a minute or two. */
const LIFETIME_MS = 30 * 60_000;

/** A file as the phone stored it, by digest. */
export interface StoredDigest {
  size: number;
  /** Hex. */
  sha256: string;
}

export interface PhoneProcessRack {
  /** A private adb server on its own 127.0.0.1 port, never the developer's 5037. */
  adb: TestAdbServer;
  /** An adbkit client of that server. */
  client: Client;
  /** The phones' serials, all listed as "device". */
  serials: string[];
  /** The size and SHA-256 of what phone `serial` stores at `path` (null: nothing), which it then removes. */
  take(serial: string, path: string): Promise<StoredDigest | null>;
  /** Closes the channel (the phone process stops its phones and exits), then stops the adb server. */
  stop(): Promise<void>;
}

/**
 * A private adb server with `count` fake phones attached, as phone-rack.ts has, but the
 * phones run in a child Node process (phone-process.ts), so that what this process
 * measures does not share its event loop with the phones' side of the transfer. The
 * child is a child-run.ts child with an IPC channel: stopped with its tree by the
 * cleanup on failure or Ctrl-C, and ending by itself if this process dies (its channel
 * closes).
 */
export async function startPhoneProcessRack(count: number, cleanup: Cleanup, signal: AbortSignal): Promise<PhoneProcessRack> {
  const server = await startPrivateAdb(cleanup);
  // Started after the server, so the cleanup stops it first.
  const child = startChild(
    "the phone process",
    process.execPath,
    ["--import", "tsx", ENTRY, String(count)],
    { cwd: REPO_ROOT, env: process.env, timeoutMs: LIFETIME_MS, ipc: true },
    cleanup,
    signal,
  );
  // A message outside phone-messages.ts means the two sides disagree: the process is stopped, and this is why.
  let strange: BenchFailure | undefined;
  // Whatever ends the process: an early exit fails every request still waiting.
  const ended: Promise<Error> = child.finished.then(
    () => strange ?? new BenchFailure(`the phone process exited while the bench still needed it:\n${child.outputTail()}`),
    (error: unknown) => strange ?? (error instanceof Error ? error : new BenchFailure(String(error))),
  );
  const waiting = new Map<number, (reply: PhoneReply) => void>();
  let ready: (serials: string[]) => void = () => undefined;
  const serials = new Promise<string[]>((resolve) => (ready = resolve));
  child.process.on("message", (raw: unknown) => {
    const reply = phoneReply.safeParse(raw);
    if (!reply.success) {
      strange = new BenchFailure(`the phone process sent ${JSON.stringify(raw).slice(0, 200)}, not a reply of phone-messages.ts`);
      child.process.kill("SIGTERM");
      return;
    }
    if (reply.data.type === "ready") return ready(reply.data.serials);
    waiting.get(reply.data.id)?.(reply.data);
  });

  /** `reply`, unless the process ends first or `timeoutMs` passes. */
  const answer = async <T>(what: string, timeoutMs: number, reply: Promise<T>): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new BenchFailure(`the phone process gave no answer to ${what} within ${timeoutMs / 1000} s:\n${child.outputTail()}`)), timeoutMs);
    });
    const gone = ended.then((error) => Promise.reject(error));
    try {
      return await Promise.race([reply, late, gone]);
    } finally {
      clearTimeout(timer);
    }
  };
  let nextId = 0;
  const take = async (serial: string, path: string): Promise<StoredDigest | null> => {
    const request: PhoneRequest = { type: "take", id: nextId++, serial, path };
    const reply = new Promise<PhoneReply>((resolve, reject) => {
      waiting.set(request.id, resolve);
      // With a callback a failed send is reported here, not as the child's "error" event.
      child.process.send(request, (error) => {
        if (error !== null) reject(new BenchFailure(`could not ask the phone process for ${path}: ${error.message}`));
      });
    });
    try {
      const got = await answer(`take ${path}`, REQUEST_TIMEOUT_MS, reply);
      if (got.type === "failed") throw new BenchFailure(`the phone process could not take ${path}: ${got.message}`);
      if (got.type !== "taken") throw new BenchFailure(`the phone process answered take ${path} with ${got.type}`);
      return got.file;
    } finally {
      waiting.delete(request.id);
    }
  };
  const stop = async () => {
    try {
      if (child.process.connected) child.process.disconnect();
      await child.finished;
    } finally {
      await server.stop();
    }
  };

  try {
    const listed = await answer("its start", READY_TIMEOUT_MS, serials);
    if (listed.length !== count) throw new BenchFailure(`the phone process started ${listed.length} phones, not ${count}`);
    await server.attach(listed, signal);
    return { adb: server.adb, client: server.client, serials: listed, take, stop };
  } catch (error) {
    // The cleanup would stop both too, but only at the bench's end; this section's failure ends them now.
    await stop().catch(() => undefined);
    throw error;
  }
}
