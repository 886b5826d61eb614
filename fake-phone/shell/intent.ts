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
  /** Limits an implicit intent to one app (Intent.setPackage): a trailing package name. */
  package?: string;
  /** Intent.FLAG_* bits, as `flg=0x…` prints them. */
  flags: number;
  /** --es, --eu, --ez, --ei, --el: the value as typed; the kind tells how it was given. */
  extras: Map<string, { kind: "string" | "uri" | "bool" | "int" | "long"; value: string }>;
  /** -W: wait for the launch and print its status. */
  wait: boolean;
  /** -S: force-stop the target app first. */
  stopFirst: boolean;
}

export const ACTION_MAIN = "android.intent.action.MAIN";
export const ACTION_VIEW = "android.intent.action.VIEW";
export const CATEGORY_LAUNCHER = "android.intent.category.LAUNCHER";
export const CATEGORY_DEFAULT = "android.intent.category.DEFAULT";
export const CATEGORY_BROWSABLE = "android.intent.category.BROWSABLE";

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
    // The first argument that is not an option ends them: the URI, component or package.
    if (!(rest[0] ?? "").startsWith("-")) return withTrailingArgument(intent, rest);
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

/**
 * Intent.parseCommandArgs's one trailing argument, as the base intent the options fill in:
 * with a ':' a URI (Intent.parseUri: a plain URI is a VIEW of it), with a '/' a component,
 * else a package; the last two as MAIN / LAUNCHER. When the options gave an action, the base
 * intent's categories are dropped, so `-a VIEW -d <url> <pkg>` is a VIEW limited to the package.
 */
function withTrailingArgument(intent: Intent, rest: string[]): Intent | { error: string } {
  const [arg = "", ...more] = rest;
  // am reads no further; an argument after it would be silently ignored on a phone: refused here.
  if (more.length > 0) return { error: `Error: Unexpected argument: ${more[0]}` };
  let base: Pick<Intent, "action" | "data" | "categories" | "component" | "package">;
  if (arg.includes(":")) base = { action: ACTION_VIEW, data: arg, categories: [] };
  else if (arg.includes("/")) {
    const component = parseComponent(arg);
    if (component === undefined) return { error: `Error: Bad component name: ${arg}` };
    base = { action: ACTION_MAIN, categories: [CATEGORY_LAUNCHER], component };
  } else base = { action: ACTION_MAIN, categories: [CATEGORY_LAUNCHER], package: arg };
  // Intent.fillIn takes each field of the base only where the options left it empty; the
  // base's categories not at all when the options named an action.
  const categories = intent.categories.length > 0 || intent.action !== undefined ? intent.categories : base.categories;
  return {
    ...intent,
    action: intent.action ?? base.action,
    data: intent.data === undefined && intent.type === undefined ? base.data : intent.data,
    categories,
    component: intent.component ?? base.component,
    package: intent.package ?? base.package,
  };
}

/** What an activity's intent filter declares, as far as the apps here need (IntentFilter). */
export interface IntentFilter {
  actions: readonly string[];
  categories: readonly string[];
  /** Data schemes and hosts; a filter without schemes takes only intents without data. */
  schemes?: readonly string[];
  hosts?: readonly string[];
}

/**
 * IntentFilter.match for an implicit activity start: the action among the filter's (no action
 * passes any filter that has one), every category in the filter, and startActivity's implied
 * CATEGORY_DEFAULT (resolution uses MATCH_DEFAULT_ONLY); data by scheme and host; no type.
 */
export function matchesFilter(intent: Intent, filter: IntentFilter): boolean {
  if (intent.action !== undefined ? !filter.actions.includes(intent.action) : filter.actions.length === 0) return false;
  if (!filter.categories.includes(CATEGORY_DEFAULT)) return false;
  if (!intent.categories.every((category) => filter.categories.includes(category))) return false;
  if (intent.type !== undefined) return false;
  const schemes = filter.schemes ?? [];
  if (intent.data === undefined) return schemes.length === 0;
  const uri = parseUri(intent.data);
  if (uri === undefined || !schemes.includes(uri.scheme)) return false;
  return filter.hosts === undefined || filter.hosts.includes(uri.host);
}

/** Scheme (lower case), host and path of a URI, as Uri.getScheme/getHost/getPath give them; undefined for none. */
export function parseUri(text: string): { scheme: string; host: string; path: string } | undefined {
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):(?:\/\/([^/?#]*))?([^?#]*)/.exec(text);
  if (match === null) return undefined;
  const authority = (match[2] ?? "").replace(/^.*@/, "").replace(/:\d*$/, "");
  return { scheme: (match[1] ?? "").toLowerCase(), host: authority, path: match[3] ?? "" };
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
  if (intent.data !== undefined) parts.push(`dat=${safeUri(intent.data)}`);
  if (intent.type !== undefined) parts.push(`typ=${intent.type}`);
  if (intent.flags !== 0) parts.push(`flg=0x${intent.flags.toString(16)}`);
  if (intent.package !== undefined) parts.push(`pkg=${intent.package}`);
  if (intent.component !== undefined) parts.push(`cmp=${shortComponent(intent.component)}`);
  if (intent.extras.size > 0) parts.push("(has extras)");
  return `Intent { ${parts.join(" ")} }`;
}

/**
 * Uri.toSafeString, which Intent.toString uses: a web address keeps only its host ("/..."
 * for the rest, its path can be private); other schemes print whole (content://, file://).
 */
function safeUri(text: string): string {
  const uri = parseUri(text);
  if (uri === undefined || !["http", "https", "ftp", "rtsp"].includes(uri.scheme)) return text;
  const port = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*:(\d+)/.exec(text)?.[1];
  return `${text.slice(0, text.indexOf(":"))}://${uri.host}${port === undefined ? "" : `:${port}`}/...`;
}

export function stringExtra(intent: Intent, key: string): string | undefined {
  return intent.extras.get(key)?.value;
}
