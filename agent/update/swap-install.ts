import { existsSync } from "node:fs";
import { readFile, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { untarGz } from "./untar";

/**
 * Replaces the installed package with another version's: unpacked beside it first, then two
 * renames (the old folder aside, the new one in its place), so a failure before the second
 * leaves the old agent whole; the old folder is removed at the next start (`cleanUpOld`).
 * The running process keeps what it loaded; the restart runs the new files.
 */
export async function swapInstall(packageRoot: string, tarball: Buffer, newVersion: string): Promise<void> {
  const parent = dirname(packageRoot);
  const staging = join(parent, `.${basename(packageRoot)}-${newVersion}-staging`);
  await rm(staging, { recursive: true, force: true });
  await untarGz(tarball, staging);
  const unpacked = join(staging, "package");
  const manifest = JSON.parse(await readFile(join(unpacked, "package.json"), "utf8")) as { name?: string; version?: string };
  if (manifest.name !== "tikmatrix-agent" || manifest.version !== newVersion) throw new Error(`the downloaded package is ${manifest.name}@${manifest.version}, not tikmatrix-agent@${newVersion}`);
  const aside = join(parent, `.${basename(packageRoot)}-old`);
  await rm(aside, { recursive: true, force: true });
  await rename(packageRoot, aside);
  try {
    await rename(unpacked, packageRoot);
  } catch (error) {
    await rename(aside, packageRoot); // the old agent back where it was
    throw error;
  }
  await rm(staging, { recursive: true, force: true });
}

/** The folder an earlier update set aside, once the new version runs. */
export async function cleanUpOld(packageRoot: string): Promise<void> {
  await rm(join(dirname(packageRoot), `.${basename(packageRoot)}-old`), { recursive: true, force: true });
}

/** The installed package's root when this agent runs from one (lib/tikmatrix-agent.js); undefined from source. */
export function installedPackageRoot(bundleFile: string): string | undefined {
  const root = dirname(dirname(bundleFile));
  if (basename(dirname(bundleFile)) !== "lib" || !existsSync(join(root, "package.json"))) return undefined;
  return root;
}
