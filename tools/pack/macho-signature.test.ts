import { describe, expect, test } from "vitest";
import { loadCommands, MACHO_COMMANDS, withoutCodeSignature } from "./macho-signature";

const LC_UUID = 0x1b;

/**
 * A small 64-bit Mach-O laid out as a signed one is: header, __TEXT and __LINKEDIT segments,
 * a UUID command after the signature's command (to see the commands behind it move up), and
 * the signature as the last bytes of __LINKEDIT and of the file.
 */
function signedBinary(signatureBytes = 0x300): { binary: Buffer; dataoff: number } {
  const commands = [segment("__TEXT", 0, 0x1000), segment("__LINKEDIT", 0x1000, 0x800 + signatureBytes), signature(0x1800, signatureBytes), uuid()];
  const sizeofcmds = commands.reduce((sum, command) => sum + command.length, 0);
  const header = Buffer.alloc(32);
  header.writeUInt32LE(0xfeedfacf, 0);
  header.writeUInt32LE(0x0100000c, 4); // arm64
  header.writeUInt32LE(2, 12); // an executable
  header.writeUInt32LE(commands.length, 16);
  header.writeUInt32LE(sizeofcmds, 20);
  const binary = Buffer.alloc(0x1800 + signatureBytes, 0xab);
  Buffer.concat([header, ...commands]).copy(binary, 0);
  return { binary, dataoff: 0x1800 };
}

function segment(name: string, fileoff: number, filesize: number): Buffer {
  const command = Buffer.alloc(72);
  command.writeUInt32LE(MACHO_COMMANDS.LC_SEGMENT_64, 0);
  command.writeUInt32LE(72, 4);
  command.write(name, 8, "latin1");
  command.writeBigUInt64LE(BigInt(fileoff), 40);
  command.writeBigUInt64LE(BigInt(filesize), 48);
  command.writeBigUInt64LE(BigInt(Math.ceil(filesize / 0x4000) * 0x4000), 32);
  return command;
}

function signature(dataoff: number, datasize: number): Buffer {
  const command = Buffer.alloc(16);
  command.writeUInt32LE(MACHO_COMMANDS.LC_CODE_SIGNATURE, 0);
  command.writeUInt32LE(16, 4);
  command.writeUInt32LE(dataoff, 8);
  command.writeUInt32LE(datasize, 12);
  return command;
}

function uuid(): Buffer {
  const command = Buffer.alloc(24, 0x5a);
  command.writeUInt32LE(LC_UUID, 0);
  command.writeUInt32LE(24, 4);
  return command;
}

describe("withoutCodeSignature", () => {
  test("drops the signature's command and bytes, and __LINKEDIT ends where they began", () => {
    const { binary, dataoff } = signedBinary();
    const unsigned = withoutCodeSignature(binary);
    expect(unsigned.length).toBe(dataoff);
    expect(loadCommands(unsigned)).toEqual([MACHO_COMMANDS.LC_SEGMENT_64, MACHO_COMMANDS.LC_SEGMENT_64, LC_UUID]);
    expect(unsigned.readUInt32LE(20)).toBe(binary.readUInt32LE(20) - 16);
    const linkedit = 32 + 72;
    expect(Number(unsigned.readBigUInt64LE(linkedit + 48))).toBe(0x800);
    expect(Number(unsigned.readBigUInt64LE(linkedit + 32))).toBe(0x4000);
    // The UUID command moved up whole, and the 16 bytes it left are zeros.
    const uuidAt = 32 + 72 + 72;
    expect(unsigned.subarray(uuidAt + 8, uuidAt + 24).every((byte) => byte === 0x5a)).toBe(true);
    expect(unsigned.subarray(uuidAt + 24, uuidAt + 40).every((byte) => byte === 0)).toBe(true);
    // The code and data before the signature are untouched.
    expect(unsigned.subarray(0x1000, dataoff).equals(binary.subarray(0x1000, dataoff))).toBe(true);
  });

  test("an unsigned binary comes back as it was; removing twice is removing once", () => {
    const once = withoutCodeSignature(signedBinary().binary);
    expect(withoutCodeSignature(once).equals(once)).toBe(true);
  });

  test("what it cannot take apart safely it refuses, naming why", () => {
    const fat = Buffer.alloc(64);
    fat.writeUInt32BE(0xcafebabe, 0);
    expect(() => withoutCodeSignature(fat)).toThrow(/universal \(fat\)/);
    expect(() => withoutCodeSignature(Buffer.from("MZ not a mach-o at all, a PE header..."))).toThrow(/not a 64-bit little-endian Mach-O/);
    const { binary } = signedBinary();
    expect(() => withoutCodeSignature(Buffer.concat([binary, Buffer.alloc(16)]))).toThrow(/not at the end of __LINKEDIT and of the file/);
  });
});
