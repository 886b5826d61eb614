import type { CommandResult } from "../adb/services.js";
import { textResult } from "../screen/screen-model.js";
import type { PhoneState } from "./commands.js";

/** `pm path|grant|revoke|list packages`, with PackageManagerShellCommand's answers. */
export function pmCommand([sub, ...args]: string[], phone: PhoneState): CommandResult {
  switch (sub) {
    case "path": {
      const installed = args[0] === undefined ? undefined : phone.packages.get(args[0]);
      // Real pm prints nothing and exits 1 for a package that is not installed.
      return installed === undefined ? textResult("", 1) : textResult(`package:${installed.apk}\n`);
    }
    case "grant":
    case "revoke": {
      const [pkg, permission] = args.filter((arg) => !arg.startsWith("--user") && !/^\d+$/.test(arg));
      return phone.permissions.command(sub, pkg, permission, pkg !== undefined && phone.packages.has(pkg));
    }
    case "list":
      if (args[0] !== "packages") return textResult("", 255, `pm list: unsupported ${args[0] ?? ""}\n`);
      return textResult([...phone.packages.keys()].filter((pkg) => args[1] === undefined || pkg.includes(args[1])).map((pkg) => `package:${pkg}\n`).join(""));
    default:
      return textResult("", 255, `pm: unsupported ${sub ?? ""}\n`);
  }
}
