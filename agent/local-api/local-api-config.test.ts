import { describe, expect, test } from "vitest";
import { ConfigError } from "../config";
import { resolveLocalApiConfig } from "./local-api-config";

const KEY = `tmk_${"a".repeat(12)}_${"b".repeat(43)}`;
const OTHER_KEY = `tmk_${"c".repeat(12)}_${"d".repeat(43)}`;
const AGENT_TOKEN = `tma_${"a".repeat(12)}_${"b".repeat(43)}`;
const FILE = "/home/studio/.tikmatrix-agent/config.json";

describe("the local API's settings", () => {
  test("off unless asked for, whatever else is set", () => {
    expect(resolveLocalApiConfig({ flags: {}, env: {} })).toBeUndefined();
    expect(resolveLocalApiConfig({ flags: { apiKey: KEY, localApiPort: "9000" }, env: { TIKMATRIX_API_KEY: KEY } })).toBeUndefined();
    expect(resolveLocalApiConfig({ flags: {}, env: { TIKMATRIX_LOCAL_API: "0" }, file: { path: FILE, local_api: true, api_key: KEY } })).toBeUndefined();
  });

  test("on: TikMatrix's port 50809 by default, the key from any source", () => {
    expect(resolveLocalApiConfig({ flags: { localApi: true, apiKey: KEY }, env: {} })).toEqual({ port: 50809, apiKey: KEY });
    expect(resolveLocalApiConfig({ flags: { localApi: true }, env: { TIKMATRIX_API_KEY: ` ${KEY} ` } })).toEqual({ port: 50809, apiKey: KEY });
    expect(resolveLocalApiConfig({ flags: {}, env: {}, file: { path: FILE, local_api: true, api_key: KEY, local_api_port: 50810 } })).toEqual({ port: 50810, apiKey: KEY });
    expect(resolveLocalApiConfig({ flags: {}, env: { TIKMATRIX_LOCAL_API: "true", TIKMATRIX_LOCAL_API_PORT: "50900" }, file: { path: FILE, api_key: KEY } })).toEqual({ port: 50900, apiKey: KEY });
  });

  test("flags > environment > config.json", () => {
    const file = { path: FILE, local_api: false, api_key: OTHER_KEY, local_api_port: "1" };
    expect(resolveLocalApiConfig({ flags: { localApi: true, apiKey: KEY, localApiPort: "50811" }, env: { TIKMATRIX_API_KEY: OTHER_KEY, TIKMATRIX_LOCAL_API_PORT: "2" }, file })).toEqual({ port: 50811, apiKey: KEY });
    expect(resolveLocalApiConfig({ flags: { localApi: true }, env: { TIKMATRIX_API_KEY: KEY, TIKMATRIX_LOCAL_API_PORT: "2" }, file })).toEqual({ port: 2, apiKey: KEY });
    // A blank variable is not set (as in config.ts).
    expect(resolveLocalApiConfig({ flags: { localApi: true }, env: { TIKMATRIX_API_KEY: "  " }, file: { ...file, local_api_port: 3 } })).toEqual({ port: 3, apiKey: OTHER_KEY });
  });

  test("each wrong setting is named, with where it came from, and a secret is never echoed", () => {
    const fails = (settings: Parameters<typeof resolveLocalApiConfig>[0], message: string) => {
      let error: unknown;
      try {
        resolveLocalApiConfig(settings);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toBe(message);
      for (const secret of [KEY, AGENT_TOKEN]) expect((error as Error).message).not.toContain(secret);
    };
    fails(
      { flags: { localApi: true }, env: {} },
      'the local API (--local-api) needs an API key of the workspace: give --api-key tmk_…, TIKMATRIX_API_KEY or "api_key" in config.json (npm run admin -- create-key <workspace>)',
    );
    fails({ flags: { localApi: true, apiKey: AGENT_TOKEN }, env: {} }, "API key (--api-key) is an agent token (tma_…); the local API needs an API key (tmk_…): npm run admin -- create-key <workspace>");
    fails({ flags: {}, env: { TIKMATRIX_LOCAL_API: "1", TIKMATRIX_API_KEY: "tmk_short" } }, "API key (TIKMATRIX_API_KEY) is not a credential of this service (expected tmk_…)");
    fails({ flags: {}, env: {}, file: { path: FILE, local_api: true, api_key: KEY, local_api_port: 70000 } }, `local API port (local_api_port in ${FILE}) must be a port number from 1 to 65535, got "70000"`);
    fails({ flags: { localApi: true, apiKey: KEY, localApiPort: "0" }, env: {} }, 'local API port (--local-api-port) must be a port number from 1 to 65535, got "0"');
    fails({ flags: { localApi: true, apiKey: KEY, localApiPort: "8080x" }, env: {} }, 'local API port (--local-api-port) must be a port number from 1 to 65535, got "8080x"');
    fails({ flags: {}, env: { TIKMATRIX_LOCAL_API: "maybe" } }, 'local API (TIKMATRIX_LOCAL_API) must be 1 or 0 (true or false), got "maybe"');
  });
});
