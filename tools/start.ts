/**
 * `npm start [-- wrangler dev flags]`: the one command a studio owner runs locally.
 * Brings the local database up to date, makes sure there is a "dev" workspace with a
 * saved dev API key, prints it, and serves the API on http://127.0.0.1:8787 until Ctrl-C.
 */
import { parseDevArgs } from "./lib/dev-args";
import { startDevServer } from "./lib/dev-server";
import { UserError } from "./lib/errors";
import { isListening } from "./lib/port";
import { prepareLocalDatabase } from "./lib/prepare-local";
import { runMain } from "./lib/run-main";
import { waitForHttp } from "./lib/wait-for-http";
import { curlLine, keyBanner, localBaseUrl, probeHost, readyMessage } from "./start/banner";
import { ensureDevKey } from "./start/dev-key";

const DEFAULT_PORT = 8787;
/** wrangler dev is ready in about 4 s here; beyond this something else is wrong. */
const READY_TIMEOUT_MS = 60_000;

await runMain(async () => {
  // The port is always passed explicitly, so the printed curl line is right (wrangler
  // would otherwise move to a free port silently when 8787 is taken).
  const dev = parseDevArgs(process.argv.slice(2), { ip: "127.0.0.1", port: DEFAULT_PORT });
  const port = dev.port ?? DEFAULT_PORT;
  // Checked first: with the port taken, the readiness probe below would reach the other
  // server (often an earlier `npm start`) and announce a server that is not ours.
  if (await isListening(port, probeHost(dev.ip))) {
    throw new UserError(`port ${port} is already in use (another npm start?); stop it or pass --port N`);
  }
  const key = await ensureDevKey(await prepareLocalDatabase(dev.persistTo));
  process.stdout.write(`${keyBanner(key)}\n`);

  const server = startDevServer(dev.args);
  const baseUrl = localBaseUrl(dev.ip, port);
  // The first request is the one the user is told to try, so a broken setup shows here.
  const url = `${baseUrl}/api/v1/license/check`;
  const answer = await waitForHttp(url, { headers: { authorization: `Bearer ${key.token}` } }, READY_TIMEOUT_MS, server.exited);
  if (answer !== null) process.stdout.write(`${readyMessage(answer, curlLine(baseUrl, key.token))}\n`);
  return server.exited;
});
