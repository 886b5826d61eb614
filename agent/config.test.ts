import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { ConfigError, loadConfig, loadLocalConfig } from "./config";

const AGENT_TOKEN = `tma_abcdefghijkm_${"A".repeat(43)}`;
const OTHER_AGENT_TOKEN = `tma_mnpqrstuvwxy_${"B".repeat(43)}`;
const API_KEY = `tmk_abcdefghijkm_${"A".repeat(43)}`;

let home = "";
let stateDir = "";
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), "tikmatrix-agent-config-"));
  stateDir = join(home, "state");
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

const base = () => ["--state-dir", stateDir];

async function configError(argv: string[], env: Record<string, string> = {}): Promise<string> {
  const error: unknown = await loadConfig(argv, env, home).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error instanceof Error ? error.message : "";
}

describe("agent settings", () => {
  test("status and doctor take the same settings without requiring the server and token, and refuse a wrong one alike", async () => {
    expect(await loadLocalConfig([...base(), "--adb-port", "5038"], {}, home)).toEqual({ server: undefined, token: undefined, adbHost: "127.0.0.1", adbPort: 5038, stateDir, configPath: join(stateDir, "config.json"), agentId: undefined });
    await mkdir(stateDir, { recursive: true });
    await writeFile(join(stateDir, "config.json"), JSON.stringify({ server: "https://a.example/", token: AGENT_TOKEN }));
    expect(await loadLocalConfig(base(), {}, home)).toMatchObject({ server: "https://a.example", token: AGENT_TOKEN });
    const refused: unknown = await loadLocalConfig([...base(), "--token", API_KEY], {}, home).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ConfigError);
    expect(String(refused)).toContain("is an API key");
    // The state dir is not written: doctor looks, it makes no agent id.
    expect((await readdir(stateDir)).sort()).toEqual(["config.json"]);
  });

  test("an unknown option or a stray word is named, with a pointer to the help", async () => {
    expect(await configError([...base(), "--adb-prot", "5037"])).toBe("unknown option --adb-prot (tikmatrix-agent --help lists the options)");
    expect(await configError([...base(), "stray"])).toContain('unexpected argument "stray"');
  });

  test("flags alone give a full config with the defaults filled in", async () => {
    const config = await loadConfig([...base(), "--server", "https://api.example.com/", "--token", AGENT_TOKEN], {}, home);
    expect(config).toMatchObject({ server: "https://api.example.com", token: AGENT_TOKEN, adbHost: "127.0.0.1", adbPort: 5037, stateDir });
  });

  test("the state directory defaults to ~/.tikmatrix-agent", async () => {
    const config = await loadConfig(["--server", "http://127.0.0.1:8787", "--token", AGENT_TOKEN], {}, home);
    expect(config.stateDir).toBe(join(home, ".tikmatrix-agent"));
  });

  test("flags win over the environment, which wins over the config file", async () => {
    await mkdir(stateDir, { recursive: true });
    await writeFile(join(stateDir, "config.json"), JSON.stringify({ server: "https://file.example", token: AGENT_TOKEN, adb_host: "10.0.0.1", adb_port: 6000 }));
    const env = { TIKMATRIX_SERVER: "https://env.example", TIKMATRIX_ADB_PORT: "7000" };
    const config = await loadConfig([...base(), "--adb-port", "8000"], env, home);
    expect(config).toMatchObject({ server: "https://env.example", token: AGENT_TOKEN, adbHost: "10.0.0.1", adbPort: 8000 });
  });

  test("--config names another file, which must exist", async () => {
    const path = join(home, "elsewhere.json");
    await writeFile(path, JSON.stringify({ server: "https://file.example", token: OTHER_AGENT_TOKEN }));
    expect(await loadConfig([...base(), "--config", path], {}, home)).toMatchObject({ token: OTHER_AGENT_TOKEN });
    expect(await configError([...base(), "--config", join(home, "missing.json")])).toContain("cannot read the config file");
  });

  test("the state directory comes from TIKMATRIX_STATE_DIR when no flag names one", async () => {
    const config = await loadConfig(["--server", "https://a.example", "--token", AGENT_TOKEN], { TIKMATRIX_STATE_DIR: stateDir }, home);
    expect(config.stateDir).toBe(stateDir);
  });

  test("the agent id is made once and kept in the state directory", async () => {
    const argv = [...base(), "--server", "https://a.example", "--token", AGENT_TOKEN];
    const first = await loadConfig(argv, {}, home);
    const second = await loadConfig(argv, {}, home);
    expect(first.agentId).toMatch(/^[a-z0-9-]+-[0-9a-f]{8}$/);
    expect(second.agentId).toBe(first.agentId);
    expect((await readFile(join(stateDir, "agent-id"), "utf8")).trim()).toBe(first.agentId);
    expect((await loadConfig([...argv, "--agent-id", "pc-7"], {}, home)).agentId).toBe("pc-7");
  });

  test("a server that is not http(s) is refused, naming where it came from", async () => {
    expect(await configError([...base(), "--token", AGENT_TOKEN], { TIKMATRIX_SERVER: "ftp://x.example" })).toBe(
      'server (TIKMATRIX_SERVER) must be an http:// or https:// URL, got "ftp://x.example"',
    );
    expect(await configError([...base(), "--server", "nonsense", "--token", AGENT_TOKEN])).toContain("server (--server) is not a URL");
  });

  test("a missing server or token says which flag or variable to set", async () => {
    expect(await configError([...base(), "--token", AGENT_TOKEN])).toContain("--server");
    expect(await configError([...base(), "--server", "https://a.example"])).toContain("TIKMATRIX_TOKEN");
  });

  test("an API key given as the token is refused without echoing it", async () => {
    const message = await configError([...base(), "--server", "https://a.example", "--token", API_KEY]);
    expect(message).toContain("token (--token) is an API key");
    expect(message).not.toContain(API_KEY);
    expect(await configError([...base(), "--server", "https://a.example", "--token", "hello"])).toContain("expected tma_");
  });

  test("a bad port, an unknown flag and an unknown file key are each refused by name", async () => {
    const ok = [...base(), "--server", "https://a.example", "--token", AGENT_TOKEN];
    expect(await configError([...ok, "--adb-port", "70000"])).toContain("adb port (--adb-port)");
    expect(await configError([...ok, "--adb-prot", "5037"])).toContain("--adb-prot");
    await mkdir(stateDir, { recursive: true });
    await writeFile(join(stateDir, "config.json"), JSON.stringify({ sever: "https://a.example" }));
    expect(await configError(ok)).toContain("sever");
  });

  test("local materials come from <state dir>/materials alone unless material_roots names other folders", async () => {
    const ok = [...base(), "--server", "https://a.example", "--token", AGENT_TOKEN];
    expect((await loadConfig(ok, {}, home)).materialRoots).toEqual([join(stateDir, "materials")]);
    const media = join(home, "Media");
    expect((await loadConfig([...ok, "--material-root", media, "--material-root", "~/Videos"], {}, home)).materialRoots).toEqual([media, join(home, "Videos")]);
  });

  test("material roots: flags win over TIKMATRIX_MATERIAL_ROOTS (split like PATH), which wins over the file", async () => {
    await mkdir(stateDir, { recursive: true });
    await writeFile(join(stateDir, "config.json"), JSON.stringify({ server: "https://a.example", token: AGENT_TOKEN, material_roots: ["/file/media", "relative/clips"] }));
    // A relative entry of the file is read from the file's folder, whatever the agent's working directory.
    expect((await loadConfig(base(), {}, home)).materialRoots).toEqual([resolve("/file/media"), join(stateDir, "relative", "clips")]);
    const env = { TIKMATRIX_MATERIAL_ROOTS: [join(home, "env-a"), "", join(home, "env-b")].join(delimiter) };
    expect((await loadConfig(base(), env, home)).materialRoots).toEqual([join(home, "env-a"), join(home, "env-b")]);
    expect((await loadConfig([...base(), "--material-root", join(home, "flag")], env, home)).materialRoots).toEqual([join(home, "flag")]);
  });

  test("download private networks: none by default; flags, then TIKMATRIX_DOWNLOAD_PRIVATE_NETWORKS (commas), then the file", async () => {
    const ok = [...base(), "--server", "https://a.example", "--token", AGENT_TOKEN];
    expect((await loadConfig(ok, {}, home)).downloadPrivateNetworks).toEqual([]);
    await mkdir(stateDir, { recursive: true });
    await writeFile(join(stateDir, "config.json"), JSON.stringify({ download_private_networks: ["192.168.1.0/24"] }));
    expect((await loadConfig(ok, {}, home)).downloadPrivateNetworks).toEqual(["192.168.1.0/24"]);
    const env = { TIKMATRIX_DOWNLOAD_PRIVATE_NETWORKS: "10.1.0.0/16, fd00::/8" };
    expect((await loadConfig(ok, env, home)).downloadPrivateNetworks).toEqual(["10.1.0.0/16", "fd00::/8"]);
    expect((await loadConfig([...ok, "--download-private-network", "192.168.7.20"], env, home)).downloadPrivateNetworks).toEqual(["192.168.7.20"]);
  });

  test("a download private network that is not a CIDR is refused by name and source", async () => {
    const ok = [...base(), "--server", "https://a.example", "--token", AGENT_TOKEN];
    expect(await configError([...ok, "--download-private-network", "nas.local"])).toBe(
      'download private network (--download-private-network) must be a network such as 192.168.1.0/24 or fd00::/8, or one address, got "nas.local"',
    );
    expect(await configError(ok, { TIKMATRIX_DOWNLOAD_PRIVATE_NETWORKS: "10.0.0.0/33" })).toContain("(TIKMATRIX_DOWNLOAD_PRIVATE_NETWORKS)");
    await mkdir(stateDir, { recursive: true });
    await writeFile(join(stateDir, "config.json"), JSON.stringify({ material_roots: "C:/Media" }));
    expect(await configError(ok)).toContain("material_roots");
  });

  test("the library cache holds 20 GB unless library_cache_gb says otherwise; a size that is not a number of GB is refused", async () => {
    const ok = [...base(), "--server", "https://a.example", "--token", AGENT_TOKEN];
    expect((await loadConfig(ok, {}, home)).libraryCacheBytes).toBe(20 * 1024 ** 3);
    expect((await loadConfig(ok, { TIKMATRIX_LIBRARY_CACHE_GB: "2.5" }, home)).libraryCacheBytes).toBe(2.5 * 1024 ** 3);
    expect(await configError([...ok, "--library-cache-gb", "lots"])).toBe('library cache size (--library-cache-gb) must be a number of GB from 0.1 to 100000, got "lots"');
    expect(await configError([...ok, "--library-cache-gb", "0"])).toContain("from 0.1");
  });
});
