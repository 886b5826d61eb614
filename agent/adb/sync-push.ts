import type { FileHandle } from "node:fs/promises";
import type { Client } from "@devicefarmer/adbkit";
import { sendFileFrames } from "./file-sender";
import { doneRequest, sendRequest } from "./sync-frames";

type Connection = Awaited<ReturnType<ReturnType<Client["getDevice"]>["transport"]>>;
type Parser = Connection["parser"];

/** The phone (adbd) refused the push: FAIL with its reason, e.g. a read-only path or a full disk. */
class SyncFailError extends Error {}

/**
 * Pushes an open local file to `remotePath` over `connection`, a transport to the phone
 * (host:transport:<serial> already accepted), as adbkit's Sync.pushFile would (mode 0644,
 * mtime the push's start), but written from reused buffers (see file-sender.ts). Sends DONE
 * only once the whole, unchanged file has been handed to the socket: on any failure or
 * abort the caller closes the connection without it, and adbd drops the partial file.
 */
export async function pushOverSync(connection: Connection, file: FileHandle, name: string, remotePath: string, signal: AbortSignal): Promise<void> {
  await openSyncService(connection);
  const mtime = Math.floor(Date.now() / 1000);
  connection.write(sendRequest(remotePath));

  // adbd answers once, after DONE; but when it cannot create the file it FAILs at once and
  // drops the DATA that follows, so the answer is read while sending and stops the sender.
  let doneSent = false;
  const refused = new AbortController();
  const answered = readAnswer(connection.parser).then(() => {
    if (!doneSent) throw new Error("the phone answered OKAY before the file was sent");
  });
  answered.catch((error: unknown) => refused.abort(error));

  let writeFailed = false;
  const write = (frames: Buffer): Promise<void> =>
    new Promise((resolve, reject) =>
      connection.write(frames, (error) => {
        if (error === undefined || error === null) return resolve();
        writeFailed = true;
        reject(error);
      }),
    );
  try {
    await sendFileFrames(file, name, write, AbortSignal.any([signal, refused.signal]));
  } catch (error) {
    if (refused.signal.aborted) throw refused.signal.reason;
    if (!writeFailed || signal.aborted) throw error;
    // The socket broke: the phone may have refused first (the server then closes the
    // stream), and its reason says more than the broken pipe. The answer settles soon, as
    // the socket is gone; the caller's deadline covers the rest.
    const answer = await answered.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    throw answer instanceof SyncFailError ? answer : error;
  }
  doneSent = true;
  connection.write(doneRequest(mtime));
  await answered;
}

/** `sync:` on the transport; the adb server answers OKAY, or FAIL with a hex length and reason. */
async function openSyncService(connection: Connection): Promise<void> {
  connection.write(Buffer.from("0005sync:", "ascii"));
  const reply = await connection.parser.readAscii(4);
  if (reply === "OKAY") return;
  if (reply === "FAIL") throw new SyncFailError((await connection.parser.readValue()).toString("utf8"));
  throw new Error(`unexpected answer to sync: ${JSON.stringify(reply)}`);
}

/** The sync answer to DONE: OKAY and 4 bytes, or FAIL, a u32 LE length and the reason. */
async function readAnswer(parser: Parser): Promise<void> {
  const id = await parser.readAscii(4);
  const value = (await parser.readBytes(4)).readUInt32LE(0);
  if (id === "OKAY") return;
  if (id === "FAIL") throw new SyncFailError((await parser.readBytes(value)).toString("utf8"));
  throw new Error(`unexpected sync answer ${JSON.stringify(id)}`);
}
