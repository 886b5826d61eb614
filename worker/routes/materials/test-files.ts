/** Bytes that start as the real formats do, so the library's signature check reads them as such. */
export function mp4(size = 4096, seed = 1): Uint8Array {
  const bytes = filler(size, seed);
  bytes.set([0x00, 0x00, 0x00, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d], 0); // size, "ftyp", "isom"
  return bytes;
}

export function png(size = 2048, seed = 2): Uint8Array {
  const bytes = filler(size, seed);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d], 0);
  return bytes;
}

export function jpeg(size = 2048, seed = 3): Uint8Array {
  const bytes = filler(size, seed);
  bytes.set([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01], 0);
  return bytes;
}

/** Distinct bytes per seed, so two files of one size are two materials. */
function filler(size: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let state = seed * 2654435761;
  for (let i = 0; i < size; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return [...new Uint8Array(await crypto.subtle.digest("SHA-256", bytes))].map((b) => b.toString(16).padStart(2, "0")).join("");
}
