/**
 * `npm run dev [-- wrangler dev flags]`: the Worker on the local D1, in the foreground.
 * Listens on 127.0.0.1 unless --ip is given. Exits with wrangler's exit code.
 */
import { parseDevArgs } from "./lib/dev-args";
import { devSecretsArgs } from "./lib/dev-secrets";
import { startDevServer } from "./lib/dev-server";
import { prepareLocalDatabase } from "./lib/prepare-local";
import { runMain } from "./lib/run-main";

await runMain(async () => {
  const dev = parseDevArgs(process.argv.slice(2), { ip: "127.0.0.1" });
  await prepareLocalDatabase(dev.persistTo);
  return startDevServer([...(await devSecretsArgs(dev.persistTo)), ...dev.args]).exited;
});
