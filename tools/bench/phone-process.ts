/**
 * `node --import tsx tools/bench/phone-process.ts`, started by phone-rack.ts with an IPC
 * channel: the rack's fake phones (fake-phone/, through its public API) in a process of
 * their own, so the bench process that measures holds none of them. Sends `ready`, answers
 * `add` and `take` requests (phone-messages.ts), and stops the phones and exits once the
 * channel closes: when the bench disconnects, or dies.
 */
import { createHash } from "node:crypto";
import { FakePhone } from "../../fake-phone";
import { type PhoneReply, type PhoneRequest, phoneRequest } from "./phone-messages";

async function main(): Promise<void> {
  const send = process.send?.bind(process);
  if (send === undefined) throw new Error("phone-process.ts is started by the bench with an IPC channel (phone-rack.ts)");
  const phones = new Map<string, FakePhone>();
  // Registered before any phone starts: a bench gone meanwhile still ends this process.
  process.once("disconnect", () => {
    void Promise.all([...phones.values()].map((phone) => phone.stop())).then(() => process.exit(0));
  });
  const answer = async (request: PhoneRequest): Promise<PhoneReply> => {
    if (request.type === "add") {
      const serials: string[] = [];
      for (let i = 0; i < request.count; i++) {
        const phone = await FakePhone.start();
        phones.set(phone.serial, phone);
        serials.push(phone.serial);
      }
      return { type: "added", id: request.id, serials };
    }
    const phone = phones.get(request.serial);
    if (phone === undefined) return { type: "failed", id: request.id, message: `no phone ${request.serial} in this process` };
    const file = phone.files.read(request.path);
    phone.files.remove(request.path);
    return {
      type: "taken",
      id: request.id,
      file: file === undefined ? null : { size: file.data.length, sha256: createHash("sha256").update(file.data).digest("hex") },
    };
  };
  process.on("message", (raw: unknown) => {
    const request = phoneRequest.parse(raw);
    void answer(request).then(send, (error: unknown) => send({ type: "failed", id: request.id, message: String(error) } satisfies PhoneReply));
  });
  send({ type: "ready" } satisfies PhoneReply);
}

main().catch((error: unknown) => {
  // The bench reads this from stderr when the process exits 1 (child-run.ts).
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
