import { describe, expect, it } from "vitest";
import { importSecretsKey, open, seal, SecretsKeyError } from "./sealed-box";
import { putSecrets, takeSecrets } from "./task-secrets";

const KEY_TEXT = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
const PATHS = [["chatgpt_settings", "api_key"]] as const;

describe("the sealed box", () => {
  it("opens what it sealed, for the same workspace and key only", async () => {
    const key = await importSecretsKey(KEY_TEXT);
    const box = await seal(key, "ws_a", "sk-secret");
    expect(box).toMatch(/^v1\.[\w-]+\.[\w-]+$/);
    expect(box).not.toContain("sk-secret");
    expect(await open(key, "ws_a", box)).toBe("sk-secret");
    expect(await open(key, "ws_b", box)).toBeUndefined();
    const other = await importSecretsKey(btoa(String.fromCharCode(...new Uint8Array(32).fill(7))));
    expect(await open(other, "ws_a", box)).toBeUndefined();
  });

  it("seals the same text differently each time (a fresh IV)", async () => {
    const key = await importSecretsKey(KEY_TEXT);
    expect(await seal(key, "ws_a", "same")).not.toBe(await seal(key, "ws_a", "same"));
  });

  it.each(["", "v2.AAAA.AAAA", "v1.AAAA", "v1.!!!.AAAA", "v1.AAAAAAAAAAAAAAAA.AAAA.extra", "v1.AAAAAAAAAAAAAAAA.A"])("answers undefined for the malformed box %j", async (box) => {
    expect(await open(await importSecretsKey(KEY_TEXT), "ws_a", box)).toBeUndefined();
  });

  it.each([undefined, "", "  ", "c2hvcnQ=", "not base64 at all!"])("refuses the key %j, naming TASK_SECRETS_KEY", async (text) => {
    await expect(importSecretsKey(text)).rejects.toThrow(SecretsKeyError);
    await expect(importSecretsKey(text)).rejects.toThrow(/TASK_SECRETS_KEY/);
  });

  it("takes the key in base64url too, as `openssl rand -base64 32` or a URL-safe generator prints it", async () => {
    const url = KEY_TEXT.replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
    const box = await seal(await importSecretsKey(KEY_TEXT), "ws_a", "x");
    expect(await open(await importSecretsKey(url), "ws_a", box)).toBe("x");
  });
});

describe("a config's secret fields", () => {
  it("are taken out of a copy, and put back as they were", () => {
    const given = { task_duration: 60, chatgpt_settings: { api_key: "sk-1", model: "m" } };
    const { config, secrets } = takeSecrets(given, PATHS);
    expect(config).toEqual({ task_duration: 60, chatgpt_settings: { model: "m" } });
    expect(secrets).toEqual({ "chatgpt_settings.api_key": "sk-1" });
    expect(given.chatgpt_settings.api_key).toBe("sk-1");
    expect(putSecrets(config, secrets)).toEqual(given);
  });

  it("are none when the config has no such field, or not a string there", () => {
    expect(takeSecrets({ task_duration: 60 }, PATHS)).toEqual({ config: { task_duration: 60 }, secrets: {} });
    expect(takeSecrets({ chatgpt_settings: "x" }, PATHS).secrets).toEqual({});
    expect(takeSecrets({ chatgpt_settings: { api_key: 5 } }, PATHS).secrets).toEqual({});
  });
});
