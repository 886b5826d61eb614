/**
 * `npm run agent -- --server https://… --token tma_…`: the program on a studio PC.
 * This layer resolves the settings and owns the per-phone links (phone-link.ts); finding
 * phones over adb and running scripts on them come in the next step, so for now it checks
 * the settings, says what it would do, and exits.
 */
import { ConfigError, loadConfig } from "./config";

try {
  const config = await loadConfig(process.argv.slice(2), process.env);
  process.stdout.write(
    [
      `server     ${config.server}`,
      `token      ${config.token.slice(0, 16)}_… (agent token)`,
      `adb        ${config.adbHost}:${config.adbPort}`,
      `state dir  ${config.stateDir}`,
      `agent id   ${config.agentId}`,
      "",
    ].join("\n"),
  );
  process.stderr.write("phone discovery over adb and script execution are not built yet: nothing to run\n");
  process.exitCode = 1;
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`agent: ${error.message}\n`);
  process.exitCode = 2;
}
