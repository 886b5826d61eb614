import { LibraryCache } from "../library/library-cache";

/**
 * A library cache for tests that post no library material: its server is a closed local port,
 * so a fetch it was not meant to make fails at once instead of reaching anything.
 */
export function unusedLibrary(dir: string): LibraryCache {
  return new LibraryCache({ server: "http://127.0.0.1:9", token: "tma_unused", dir, maxBytes: 1024 ** 3 });
}
