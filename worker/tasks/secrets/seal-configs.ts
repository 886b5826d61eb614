import type { SecretPath } from "../../../shared/scripts";
import { invalid } from "../../http/api-error";
import { SecretsKeyError } from "./sealed-box";
import { sealSecrets, takeSecrets } from "./task-secrets";

/** A task config as stored: its JSON without secrets, and the secrets sealed (null when none). */
export interface StoredConfig {
  config: string;
  secrets: string | null;
}

/**
 * The create's configs as they are stored. Each is sealed once and the box shared by the tasks
 * made from it (one box, one IV, one plain text: no nonce is reused across different texts).
 * A config with secrets on a deployment without a key is refused, naming the field and the fix,
 * never the value.
 */
export async function sealConfigs(configs: readonly Record<string, unknown>[], paths: readonly SecretPath[], keyText: string | undefined, workspaceId: string): Promise<StoredConfig[]> {
  const stored: StoredConfig[] = [];
  for (const given of configs) {
    const { config, secrets } = takeSecrets(given, paths);
    try {
      stored.push({ config: JSON.stringify(config), secrets: await sealSecrets(keyText, workspaceId, secrets) });
    } catch (error) {
      if (!(error instanceof SecretsKeyError)) throw error;
      throw invalid(`script_config.${Object.keys(secrets).join(", script_config.")}: cannot be kept secret, as ${error.message} (README, "Deploy to Cloudflare")`);
    }
  }
  return stored;
}
