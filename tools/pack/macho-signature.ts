const MH_MAGIC_64 = 0xfeedfacf;
const FAT_MAGIC = 0xcafebabe;
const LC_SEGMENT_64 = 0x19;
const LC_CODE_SIGNATURE = 0x1d;
const HEADER_SIZE = 32;
/** Apple silicon's page; a segment's vmsize is whole pages. */
const PAGE = 0x4000;

/**
 * A 64-bit Mach-O executable without its code signature, as `codesign --remove-signature`
 * leaves it: the LC_CODE_SIGNATURE command gone, __LINKEDIT ending where the signature began,
 * the file cut there. Node's release for macOS is signed by its publisher; the blob injected
 * into it breaks that signature, and a Mac refuses a binary whose signature does not match
 * while it can sign, ad hoc, one that has none (`codesign --sign -`, which Node's own
 * single-executable instructions end with, and which cannot run here). Returns a new buffer.
 */
export function withoutCodeSignature(binary: Buffer): Buffer {
  if (binary.length < HEADER_SIZE) throw new Error("not a Mach-O executable: too short");
  if (binary.readUInt32BE(0) === FAT_MAGIC) throw new Error("a universal (fat) Mach-O: take the arm64 slice's own binary");
  if (binary.readUInt32LE(0) !== MH_MAGIC_64) throw new Error(`not a 64-bit little-endian Mach-O executable (magic 0x${binary.readUInt32LE(0).toString(16)})`);
  const ncmds = binary.readUInt32LE(16);
  const sizeofcmds = binary.readUInt32LE(20);
  let signature: { offset: number; size: number; dataoff: number; datasize: number } | undefined;
  let linkedit: number | undefined;
  let offset = HEADER_SIZE;
  for (let i = 0; i < ncmds; i++) {
    const cmd = binary.readUInt32LE(offset);
    const cmdsize = binary.readUInt32LE(offset + 4);
    if (cmdsize < 8 || offset + cmdsize > HEADER_SIZE + sizeofcmds) throw new Error(`load command ${i} overruns the header (size ${cmdsize})`);
    if (cmd === LC_CODE_SIGNATURE) signature = { offset, size: cmdsize, dataoff: binary.readUInt32LE(offset + 8), datasize: binary.readUInt32LE(offset + 12) };
    if (cmd === LC_SEGMENT_64 && segmentName(binary, offset) === "__LINKEDIT") linkedit = offset;
    offset += cmdsize;
  }
  if (signature === undefined) return Buffer.from(binary);
  if (linkedit === undefined) throw new Error("signed, but there is no __LINKEDIT segment");
  const fileoff = Number(binary.readBigUInt64LE(linkedit + 40));
  const filesize = Number(binary.readBigUInt64LE(linkedit + 48));
  // The signature is the last thing in __LINKEDIT and in the file (codesign pads it to the end).
  if (signature.dataoff < fileoff || signature.dataoff + signature.datasize > fileoff + filesize || fileoff + filesize !== binary.length) {
    throw new Error(`the signature (at ${signature.dataoff}, ${signature.datasize} bytes) is not at the end of __LINKEDIT and of the file`);
  }
  const out = Buffer.from(binary.subarray(0, signature.dataoff));
  const newFilesize = signature.dataoff - fileoff;
  out.writeBigUInt64LE(BigInt(newFilesize), linkedit + 48);
  out.writeBigUInt64LE(BigInt(Math.ceil(newFilesize / PAGE) * PAGE), linkedit + 32);
  // The commands after it move up; the freed bytes at the end of the commands become zeros.
  const end = HEADER_SIZE + sizeofcmds;
  out.copy(out, signature.offset, signature.offset + signature.size, end);
  out.fill(0, end - signature.size, end);
  out.writeUInt32LE(ncmds - 1, 16);
  out.writeUInt32LE(sizeofcmds - signature.size, 20);
  return out;
}

/** The load commands' type numbers, in order: what a test or a build log can check. */
export function loadCommands(binary: Buffer): number[] {
  const commands: number[] = [];
  let offset = HEADER_SIZE;
  for (let i = 0; i < binary.readUInt32LE(16); i++) {
    commands.push(binary.readUInt32LE(offset));
    offset += binary.readUInt32LE(offset + 4);
  }
  return commands;
}

export const MACHO_COMMANDS = { LC_SEGMENT_64, LC_CODE_SIGNATURE } as const;

function segmentName(binary: Buffer, command: number): string {
  const raw = binary.subarray(command + 8, command + 24);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? raw.length : end).toString("latin1");
}
