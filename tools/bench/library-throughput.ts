import { createHash, randomBytes } from "node:crypto";
import { copyFile, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { LibraryCache } from "../../agent/library/library-cache";
import { prepareLocalDatabase } from "../lib/prepare-local";
import { createAgentWorkspace } from "./agent-setup";
import type { Cleanup } from "./cleanup";
import { BenchFailure } from "./failure";
import { startBenchServer } from "./server";

const MB = 2 ** 20;
/** A long video's size. */
export const LIBRARY_BYTES = 200 * MB;
const PART_BYTES = 10 * MB;

export interface LibraryFigure {
  bytes: number;
  /** MB/s of each way, with a plain copy of the same bytes on the same disk as the yardstick. */
  singleMBps: number;
  multipartMBps: number;
  agentFetchMBps: number;
  plainCopyMBps: number;
}

/**
 * Section 9: one 200 MB file into the material library on wrangler dev (local R2 and D1),
 * (a) as a single upload, (b) as a multipart upload of 10 MB parts sent one after another,
 * then (c) fetched by the agent's LibraryCache from the agent route and checked against its
 * SHA-256; beside (d) fs.copyFile of the same bytes, the machine's own disk speed. Each way
 * once: a 200 MB transfer takes seconds, long enough not to need rounds.
 */
export async function measureLibrary(cleanup: Cleanup, signal: AbortSignal, progress: (line: string) => void): Promise<LibraryFigure> {
  const { dir, release: removeTempDir } = await cleanup.tempDir("bench-library");
  try {
    const persistTo = join(dir, "d1");
    await mkdir(persistTo);
    const workspace = await createAgentWorkspace(await prepareLocalDatabase(persistTo), "bench-library");
    const file = join(dir, "long.mp4");
    // Two distinct files, so the multipart upload is not answered as a duplicate of the first.
    const [first, second] = [mp4(), mp4()];
    await writeFile(file, first);
    const started = performance.now();
    await copyFile(file, join(dir, "copy.mp4"));
    const plainCopyMBps = rate(LIBRARY_BYTES, performance.now() - started);
    await rm(join(dir, "copy.mp4"));
    progress("starting wrangler dev");
    const server = await startBenchServer(persistTo, workspace.key, cleanup, signal);
    try {
      const api = async (method: string, path: string, body: string | Uint8Array, type: string) => {
        const response = await fetch(`${server.baseUrl}/api/v1${path}`, { method, headers: { authorization: `Bearer ${workspace.key}`, "content-type": type }, body, signal });
        const answer = (await response.json()) as { code: number; message: string; data: Record<string, unknown> };
        if (answer.code !== 0) throw new BenchFailure(`${method} ${path} answered ${answer.code}: ${answer.message}`);
        return answer.data;
      };
      progress("single upload of 200 MB");
      let t = performance.now();
      const single = await api("POST", "/materials", await readFile(file), "video/mp4");
      const singleMBps = rate(LIBRARY_BYTES, performance.now() - t);
      progress("multipart upload of 200 MB in 10 MB parts");
      t = performance.now();
      const upload = await api("POST", "/materials/uploads", JSON.stringify({ content_type: "video/mp4", size: LIBRARY_BYTES, part_size: PART_BYTES }), "application/json");
      for (let n = 1; n * PART_BYTES <= LIBRARY_BYTES; n++) {
        await api("PUT", `/materials/uploads/${String(upload.upload_id)}/parts/${n}`, second.subarray((n - 1) * PART_BYTES, n * PART_BYTES), "application/octet-stream");
      }
      const completed = await api("POST", `/materials/uploads/${String(upload.upload_id)}/complete`, "", "application/json");
      const multipartMBps = rate(LIBRARY_BYTES, performance.now() - t);
      if (completed.sha256 !== sha256(second)) throw new BenchFailure("the multipart upload's SHA-256 is not the file's");
      progress("the agent's fetch of the first file");
      const cache = new LibraryCache({ server: server.baseUrl, token: workspace.agentToken, dir: join(dir, "library"), maxBytes: 2 * LIBRARY_BYTES });
      t = performance.now();
      const path = await cache.acquire({ id: Number(single.id), sha256: String(single.sha256), size: LIBRARY_BYTES, ext: ".mp4" }, signal);
      const agentFetchMBps = rate(LIBRARY_BYTES, performance.now() - t);
      cache.release(path);
      return { bytes: LIBRARY_BYTES, singleMBps, multipartMBps, agentFetchMBps, plainCopyMBps };
    } finally {
      await server.stop();
    }
  } finally {
    await removeTempDir();
  }
}

function mp4(): Buffer {
  const bytes = randomBytes(LIBRARY_BYTES);
  bytes.set([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d], 0);
  return bytes;
}

function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function rate(bytes: number, ms: number): number {
  return bytes / MB / (ms / 1000);
}
