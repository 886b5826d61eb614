/**
 * `node --import tsx tools/bench/phone-process.ts COUNT`, started by phone-process-rack.ts
 * with an IPC channel: COUNT fake phones (fake-phone/, through its public API) in a process
 * of their own, so the bench process that measures a push holds only the pusher. Sends
 * `ready` with their serials, answers `take` requests (phone-messages.ts), and stops the
 * phones and exits once the channel closes: when the bench disconnects, or dies.
 */
import { createHash } from "node:crypto";
import { FakePhone } from "../../fake-phone";
import { type PhoneReply, phoneRequest } from "./phone-messages";

async function main(): Promise<void> {
  const send = process.send?.bind(process);
  if (send === undefined) throw new Error("phone-process.ts is started by the bench with an IPC channel (phone-process-rack.ts)");
  const count = Number(process.argv[2]);
  if (!Number.isInteger(count) || count < 1) throw new Error(`phone count "${process.argv[2] ?? ""}" is not a whole number above 0`);
  const reply = (message: PhoneReply) => send(message);

  const phones = new Map<string, FakePhone>();
  const stop = async () => {
    await Promise.all([...phones.values()].map((phone) => phone.stop()));
  };
  // Registered before the phones start: a bench gone meanwhile still ends this process.
  process.once("disconnect", () => {
    void stop().then(() => process.exit(0));
  });
  for (let i = 0; i < count; i++) {
    const phone = await FakePhone.start();
    phones.set(phone.serial, phone);
  }
  process.on("message", (raw: unknown) => {
    const request = phoneRequest.parse(raw);
    const phone = phones.get(request.serial);
    if (phone === undefined) {
      reply({ type: "failed", id: request.id, message: `no phone ${request.serial} in this process` });
      return;
    }
    const file = phone.files.read(request.path);
    phone.files.remove(request.path);
    reply({
      type: "taken",
      id: request.id,
      file: file === undefined ? null : { size: file.data.length, sha256: createHash("sha256").update(file.data).digest("hex") },
    });
  });
  reply({ type: "ready", serials: [...phones.keys()] });
}

main().catch((error: unknown) => {
  // The bench reads this from stderr when the process exits 1 (child-run.ts).
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
