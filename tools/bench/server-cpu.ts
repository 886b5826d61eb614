import { setTimeout as sleep } from "node:timers/promises";
import { hasProc, TreeSampler, type TreeFigure } from "./proc-sampler";

/** Often enough for the busiest interval to mean something, rarely enough to cost nothing. */
const SAMPLE_EVERY_MS = 2_000;

/**
 * Runs `work` while sampling the CPU and memory of the process tree under `pid` (wrangler
 * dev: its Node, its workerd processes) from /proc. The tree's CPU shows whether a slow
 * figure was the server working or the server waiting for a core on a busy machine.
 * Without /proc (not Linux) the figure is undefined.
 */
export async function sampleTreeDuring<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; tree: TreeFigure | undefined }> {
  if (!hasProc()) return { result: await work(), tree: undefined };
  const sampler = await TreeSampler.create(pid, labelOf);
  await sampler.sample();
  const done = new AbortController();
  const sampling = (async () => {
    while (!done.signal.aborted) {
      await sleep(SAMPLE_EVERY_MS, undefined, { signal: done.signal }).catch(() => undefined);
      if (!done.signal.aborted) await sampler.sample();
    }
  })();
  try {
    const result = await work();
    done.abort();
    await sampling;
    await sampler.sample();
    return { result, tree: sampler.figure() };
  } finally {
    done.abort();
    await sampling;
  }
}

function labelOf(_pid: number, cmdline: string): string {
  if (cmdline.includes("workerd")) return "workerd";
  if (cmdline.includes("esbuild")) return "esbuild (wrangler's bundler)";
  if (cmdline.includes("wrangler")) return "wrangler (Node)";
  return cmdline.slice(0, 40);
}
