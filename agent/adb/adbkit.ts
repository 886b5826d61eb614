import { createRequire } from "node:module";

// adbkit is CommonJS with an __esModule default: Node's ESM loader hands a default import
// the whole exports object while TypeScript types it as the class, so load it with require.
// (Same as fake-phone/testing/adbkit.ts; production code must not import test code.)
const require = createRequire(import.meta.url);
const adbkit = require("@devicefarmer/adbkit") as typeof import("@devicefarmer/adbkit");

export const Adb = adbkit.Adb;
