import { ByteQueue } from "./byte-queue.js";
import { type Packet, HEADER_SIZE, decodeHeader } from "./packet.js";

// Splits the TCP byte stream into whole packets; a packet is copied out only once all of it
// has arrived, so large pushes stay linear.
export class PacketReader {
  private readonly queue = new ByteQueue();

  constructor(private readonly maxData: number) {}

  push(chunk: Buffer): Packet[] {
    this.queue.push(chunk);
    const packets: Packet[] = [];
    for (;;) {
      const headerBytes = this.queue.peek(HEADER_SIZE);
      if (headerBytes === undefined) return packets;
      const header = decodeHeader(headerBytes);
      // A corrupt length would otherwise make us wait forever for bytes that never come.
      if (header.dataLength > this.maxData) throw new Error(`ADB packet of ${header.dataLength} bytes exceeds ${this.maxData}`);
      if (this.queue.length < HEADER_SIZE + header.dataLength) return packets;
      this.queue.take(HEADER_SIZE);
      const data = header.dataLength === 0 ? Buffer.alloc(0) : this.queue.take(header.dataLength);
      if (data === undefined) throw new Error("PacketReader: payload vanished");
      packets.push({ command: header.command, arg0: header.arg0, arg1: header.arg1, data });
    }
  }
}
