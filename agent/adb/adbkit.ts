import * as loaded from "@devicefarmer/adbkit";

type Adbkit = typeof import("@devicefarmer/adbkit");

// adbkit is CommonJS marked __esModule. Node's ESM loader (the npm package, tsx) finds none of
// its named exports and hands the whole exports object as `default`; a bundler's CommonJS
// interop (the single executable, tools/pack/sea.ts) hands the named exports themselves. A
// static import serves both, and lets esbuild put adbkit inside the executable.
const adbkit: Adbkit = "Adb" in loaded && typeof loaded.Adb === "function" ? loaded : (loaded as unknown as { default: Adbkit }).default;

export const Adb = adbkit.Adb;
