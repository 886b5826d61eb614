import { z } from "zod";

/**
 * What the Worker says of the agent build it was deployed with (`/agent/latest.json`, written
 * by `npm run pack:agent` next to the tarball, served as a static asset).
 */
export const updateManifest = z.object({
  name: z.literal("tikmatrix-agent"),
  version: z.string().regex(/^\d+\.\d+\.\d+$/),
  file: z.string().regex(/^tikmatrix-agent-\d+\.\d+\.\d+\.tgz$/),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().positive().max(500 * 1024 * 1024),
});
export type UpdateManifest = z.output<typeof updateManifest>;

/** a.b.c compared part by part as numbers: 0.10.0 is newer than 0.9.9. */
export function isNewer(candidate: string, current: string): boolean {
  const a = candidate.split(".").map(Number);
  const b = current.split(".").map(Number);
  for (let i = 0; i < 3; i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return false;
}
