// The ADB transport packet: a 24-byte little-endian header followed by the payload.
// Layout and constants from AOSP adb/protocol.txt.

export const A_CNXN = 0x4e584e43;
export const A_AUTH = 0x48545541;
export const A_OPEN = 0x4e45504f;
export const A_OKAY = 0x59414b4f;
export const A_CLSE = 0x45534c43;
export const A_WRTE = 0x45545257;

/** Protocol version that lets both sides skip the payload checksum. */
export const A_VERSION = 0x01000001;
export const HEADER_SIZE = 24;

export interface Packet {
  command: number;
  arg0: number;
  arg1: number;
  data: Buffer;
}

export function encodePacket(command: number, arg0: number, arg1: number, data: Buffer = Buffer.alloc(0)): Buffer {
  const header = Buffer.alloc(HEADER_SIZE);
  header.writeUInt32LE(command, 0);
  header.writeUInt32LE(arg0 >>> 0, 4);
  header.writeUInt32LE(arg1 >>> 0, 8);
  header.writeUInt32LE(data.length, 12);
  // Checksum 0 is accepted from A_VERSION on; computing it would only cost time.
  header.writeUInt32LE(0, 16);
  header.writeUInt32LE((command ^ 0xffffffff) >>> 0, 20);
  return data.length === 0 ? header : Buffer.concat([header, data]);
}

export interface PacketHeader {
  command: number;
  arg0: number;
  arg1: number;
  dataLength: number;
}

export function decodeHeader(header: Buffer): PacketHeader {
  const command = header.readUInt32LE(0);
  const magic = header.readUInt32LE(20);
  if (magic !== (command ^ 0xffffffff) >>> 0) {
    throw new Error(`bad ADB packet magic ${magic.toString(16)} for command ${command.toString(16)}`);
  }
  return {
    command,
    arg0: header.readUInt32LE(4),
    arg1: header.readUInt32LE(8),
    dataLength: header.readUInt32LE(12),
  };
}

export function commandName(command: number): string {
  return Buffer.from([command & 0xff, (command >>> 8) & 0xff, (command >>> 16) & 0xff, command >>> 24]).toString("latin1");
}
