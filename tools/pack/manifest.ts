import { AGENT_VERSION } from "../../agent/version";

export const PACKAGE_NAME = "tikmatrix-agent";
/** Where the bundle and the apps' screen data sit in the package: load-apps.ts reads the JSON next to the code. */
export const LIB_DIR = "lib";
export const BIN_FILE = `${LIB_DIR}/tikmatrix-agent.js`;

interface RootPackage {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/**
 * The package's package.json. Its dependencies have the versions the repository pins (and
 * its tests ran with), and are bundled into the tarball (`bundleDependencies`): installing it
 * needs no registry, so a studio PC behind a poor connection, or with none, can take the file
 * from a USB stick, and what runs there is byte for byte what was packed.
 */
export function agentManifest(dependencies: readonly string[], root: RootPackage): Record<string, unknown> {
  const versions = Object.fromEntries(
    dependencies.map((name) => {
      const pinned = root.dependencies?.[name] ?? root.devDependencies?.[name];
      if (pinned === undefined) throw new Error(`the agent imports ${name}, which the repository's package.json does not list`);
      if (!/^\d+\.\d+\.\d+$/.test(pinned)) throw new Error(`${name} is "${pinned}" in package.json: the agent's package takes exact versions only, pin it`);
      return [name, pinned];
    }),
  );
  return {
    name: PACKAGE_NAME,
    version: AGENT_VERSION,
    description: "TikMatrix's agent for studio PCs: runs the tasks of a TikMatrix-compatible Worker on the Android phones plugged into this PC, over adb.",
    type: "module",
    bin: { [PACKAGE_NAME]: BIN_FILE },
    files: [`${LIB_DIR}/`],
    // 20.12 brought node:sea, which load-apps.ts imports (to read the executable's own screen data).
    engines: { node: ">=20.12" },
    dependencies: versions,
    bundleDependencies: Object.keys(versions),
  };
}
