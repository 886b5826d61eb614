// The intent arguments `am start` and `am broadcast` take (AOSP Intent.parseCommandArgs),
// limited to what automation sends. An option the fake does not know is an error rather
// than ignored, so the agent cannot come to rely on something no test exercised.

export interface Component {
  pkg: string;
  cls: string;
}

export interface Intent {
  action?: string;
  data?: string;
  type?: string;
  categories: string[];
  component?: Component;
  /** Intent.FLAG_* bits, as `flg=0x…` prints them. */
  flags: number;
  /** --es, --eu, --ez, --ei, --el: the value as typed; the kind tells how it was given. */
  extras: Map<string, { kind: "string" | "uri" | "bool" | "int" | "long"; value: string }>;
  /** -W: wait for the launch and print its status. */
  wait: boolean;
  /** -S: force-stop the target app first. */
  stopFirst: boolean;
}

export const FLAG_GRANT_READ_URI_PERMISSION = 0x1;
export const FLAG_GRANT_WRITE_URI_PERMISSION = 0x2;

const EXTRA_KINDS = { "--es": "string", "-e": "string", "--eu": "uri", "--ez": "bool", "--ei": "int", "--el": "long" } as const;
const WITH_OPERAND = new Set(["-a", "-d", "-t", "-c", "-f", "-n", "--user"]);

function isExtraOption(option: string): option is keyof typeof EXTRA_KINDS {
  return Object.hasOwn(EXTRA_KINDS, option);
}

export function parseIntent(args: string[]): Intent | { error: string } {
  const intent: Intent = { categories: [], flags: 0, extras: new Map(), wait: false, stopFirst: false };
  const rest = [...args];
  const value = (): string | undefined => rest.shift();
  while (rest.length > 0) {
    const option = value() ?? "";
    if (isExtraOption(option)) {
      const key = value();
      const extra = value();
      if (key === undefined || extra === undefined) return { error: `Error: No value specified for ${option}` };
      intent.extras.set(key, { kind: EXTRA_KINDS[option], value: extra });
      continue;
    }
    switch (option) {
      case "-W":
        intent.wait = true;
        continue;
      case "-S":
        intent.stopFirst = true;
        continue;
      case "--grant-read-uri-permission":
        intent.flags |= FLAG_GRANT_READ_URI_PERMISSION;
        continue;
      case "--grant-write-uri-permission":
        intent.flags |= FLAG_GRANT_WRITE_URI_PERMISSION;
        continue;
    }
    if (!WITH_OPERAND.has(option)) return { error: `Error: Unknown option: ${option}` };
    const operand = value();
    if (operand === undefined) return { error: `Error: No value specified for ${option}` };
    switch (option) {
      case "-a":
        intent.action = operand;
        break;
      case "-d":
        intent.data = operand;
        break;
      case "-t":
        intent.type = operand;
        break;
      case "-c":
        intent.categories.push(operand);
        break;
      case "-f": {
        const flags = Number(operand);
        if (!Number.isInteger(flags)) return { error: `Error: Bad flags ${operand}` };
        intent.flags |= flags;
        break;
      }
      case "-n": {
        const component = parseComponent(operand);
        if (component === undefined) return { error: `Error: Bad component name: ${operand}` };
        intent.component = component;
        break;
      }
      // --user: the one user there is.
    }
  }
  return intent;
}

/** "pkg/.Cls" is short for "pkg/pkg.Cls" (ComponentName.unflattenFromString). */
export function parseComponent(text: string): Component | undefined {
  const slash = text.indexOf("/");
  if (slash <= 0 || slash === text.length - 1) return undefined;
  const pkg = text.slice(0, slash);
  const cls = text.slice(slash + 1);
  return { pkg, cls: cls.startsWith(".") ? pkg + cls : cls };
}

/** ComponentName.flattenToShortString: the class relative to the package when it can be. */
export function shortComponent({ pkg, cls }: Component): string {
  return `${pkg}/${cls.startsWith(`${pkg}.`) ? cls.slice(pkg.length) : cls}`;
}

/** Intent.toShortString as am prints it in "Starting: Intent { … }". */
export function describeIntent(intent: Intent): string {
  const parts: string[] = [];
  if (intent.action !== undefined) parts.push(`act=${intent.action}`);
  if (intent.categories.length > 0) parts.push(`cat=[${intent.categories.join(",")}]`);
  if (intent.data !== undefined) parts.push(`dat=${intent.data}`);
  if (intent.type !== undefined) parts.push(`typ=${intent.type}`);
  if (intent.flags !== 0) parts.push(`flg=0x${intent.flags.toString(16)}`);
  if (intent.component !== undefined) parts.push(`cmp=${shortComponent(intent.component)}`);
  if (intent.extras.size > 0) parts.push("(has extras)");
  return `Intent { ${parts.join(" ")} }`;
}

export function stringExtra(intent: Intent, key: string): string | undefined {
  return intent.extras.get(key)?.value;
}
