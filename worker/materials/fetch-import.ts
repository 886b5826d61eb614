import { invalid } from "../http/api-error";
import { fileNameSchema } from "./fields";
import { importTarget } from "./import-target";

/** Redirects followed, each to a URL checked as the first was. */
const MAX_REDIRECTS = 5;
/** The whole import (headers and bytes); a 2 GB file at a slow 5 MB/s fits. */
export const IMPORT_TIMEOUT_MS = 10 * 60_000;

export interface ImportSource {
  /** The URL the bytes came from, after redirects. */
  url: URL;
  length: number;
  body: ReadableStream<Uint8Array>;
}

/**
 * Fetches a user's URL for the library: redirects are followed by hand, so every hop is
 * checked (a public URL must not redirect into a private one). The answer must be 200 with a
 * Content-Length: R2 stores a stream only of a known length, and the plan's limits are checked
 * from it before the first byte is stored; a body that then runs longer or ends short is refused
 * while it streams (worker/materials/store.ts).
 */
export async function fetchImport(text: string, signal: AbortSignal): Promise<ImportSource> {
  let url = importTarget(text);
  for (let hop = 0; ; hop++) {
    let response: Response;
    try {
      response = await fetch(url, { redirect: "manual", signal, headers: { accept: "video/*, image/*" } });
    } catch (error) {
      throw invalid(`url could not be fetched from ${url.host}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location !== null) {
      await response.body?.cancel();
      if (hop >= MAX_REDIRECTS) throw invalid(`url redirected more than ${MAX_REDIRECTS} times`);
      url = importTarget(new URL(location, url).href);
      continue;
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      throw invalid(`url answered ${response.status} from ${url.host}, not the file (200)`);
    }
    const raw = response.headers.get("content-length");
    if (raw === null || !/^\d{1,16}$/.test(raw) || response.body === null) {
      await response.body?.cancel();
      throw invalid(`url's server at ${url.host} did not say the file's size (Content-Length), which the library needs before storing it: download the file and upload it instead`);
    }
    return { url, length: Number(raw), body: response.body };
  }
}

/** The last segment of the URL's path, when it makes a file name by the upload's rule (`clip.mp4`); else none. */
export function fileNameOfUrl(url: URL): string | undefined {
  let name: string;
  try {
    name = decodeURIComponent(url.pathname.split("/").at(-1) ?? "");
  } catch {
    return undefined;
  }
  const parsed = fileNameSchema.safeParse(name);
  return parsed.success ? parsed.data : undefined;
}
