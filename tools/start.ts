/**
 * `npm start [-- --simulate N] [-- wrangler dev flags]`: everything a studio owner needs
 * on one machine. Brings the local database up to date, makes sure there is a "dev"
 * workspace with a saved dev API key and dev agent token, serves the API on
 * http://127.0.0.1:8787, and runs the agent against it: on the phones plugged in
 * (the adb server on 5037), or with --simulate on N simulated phones behind a private
 * adb server. Ctrl-C stops all of it.
 */
import { parseDevArgs } from "./lib/dev-args";
import { devSecretsArgs } from "./lib/dev-secrets";
import { type DevServer, startDevServer } from "./lib/dev-server";
import { UserError } from "./lib/errors";
import { killGroup } from "./lib/process-group";
import { isListening } from "./lib/port";
import { type LocalTarget, prepareLocalDatabase } from "./lib/prepare-local";
import { runMain } from "./lib/run-main";
import { waitForHttp } from "./lib/wait-for-http";
import { startLocalAgent } from "./start/agent";
import { parseStartArgs } from "./start/args";
import { issueSignInLink } from "./admin/ops/sign-in-link";
import { curlLine, keyBanner, localBaseUrl, probeHost, readyMessage } from "./start/banner";
import { DEV_WORKSPACE, ensureDevCredentials } from "./start/dev-credentials";
import { type StartPaths, startPaths } from "./start/paths";
import { type PhonePlan, planPhones, setUpPhones } from "./start/phones";
import { phonesBanner } from "./start/phones-banner";
import { Shutdown } from "./start/shutdown";
import { waitForDevicesOnline } from "./start/wait-devices";

const DEFAULT_PORT = 8787;
/** wrangler dev is ready in about 4 s here; beyond this something else is wrong. */
const READY_TIMEOUT_MS = 60_000;
/** The agent links a phone about a second after it starts; past this the banner says which lag. */
const LINK_TIMEOUT_MS = 30_000;

interface Stack {
  server: DevServer;
  baseUrl: string;
  target: LocalTarget;
  paths: StartPaths;
  plan: PhonePlan;
  shutdown: Shutdown;
}

await runMain(async () => {
  const start = parseStartArgs(process.argv.slice(2));
  // The port is always passed explicitly, so the printed curl line is right (wrangler
  // would otherwise move to a free port silently when 8787 is taken).
  const dev = parseDevArgs(start.wranglerArgs, { ip: "127.0.0.1", port: DEFAULT_PORT });
  const port = dev.port ?? DEFAULT_PORT;
  // Checked first: with the port taken, the readiness probe below would reach the other
  // server (often an earlier `npm start`) and announce a server that is not ours.
  if (await isListening(port, probeHost(dev.ip))) {
    throw new UserError(`port ${port} is already in use (another npm start?); stop it or pass --port N`);
  }
  const shutdown = new Shutdown();
  let server: DevServer | undefined;
  let unlisten: () => void = () => undefined;
  try {
    // Before wrangler: a simulated phone's port that is taken fails here, in a second.
    const plan = await planPhones(start.simulate, start.simulatePort, shutdown);
    const target = await prepareLocalDatabase(dev.persistTo);
    // Stopped through the shutdown below, after the agent: the agent's goodbye (its phones
    // offline) must reach a server that is still up.
    const started = startDevServer([...(await devSecretsArgs(dev.persistTo)), ...dev.args], { forwardSignals: false });
    server = started;
    shutdown.add({ name: "wrangler dev", stop: () => started.stop(), kill: async () => killGroup(started.pid, "SIGKILL") });
    unlisten = shutdown.listen(() => process.stderr.write("\nStopping everything (Ctrl-C again to force)…\n"));
    return await serve({ server, baseUrl: localBaseUrl(dev.ip, port), target, paths: startPaths(dev.persistTo), plan, shutdown });
  } catch (error) {
    const interrupted = shutdown.stopping;
    await Promise.all([shutdown.close(), server?.stop()]);
    // A start-up step cut short by Ctrl-C is no error of its own.
    if (interrupted && server !== undefined) return server.exited;
    throw error;
  } finally {
    unlisten();
  }
});

async function serve({ server, baseUrl, target, paths, plan, shutdown }: Stack): Promise<number> {
  let serverExited = false;
  void server.exited.then(() => (serverExited = true));
  // While wrangler boots: the credentials (a few wrangler d1 calls) and the adb side.
  const [credentials, setup] = await Promise.all([ensureDevCredentials(target, paths), setUpPhones(plan, paths.sampleVideo, shutdown)]);
  process.stdout.write(`${keyBanner(credentials)}\n`);
  const apiKey = credentials.apiKey.token;

  // The first request is the one the user is told to try, so a broken setup shows here.
  const url = `${baseUrl}/api/v1/license/check`;
  const stop = Promise.race([server.exited, shutdown.requested]);
  const answer = await waitForHttp(url, { headers: { authorization: `Bearer ${apiKey}` } }, READY_TIMEOUT_MS, stop);
  if (answer === null && !shutdown.stopping) {
    // wrangler's own error is above; say what it means for the rest.
    process.stderr.write(`\nThe API did not come up (wrangler dev ${serverExited ? "exited" : `gave no answer in ${READY_TIMEOUT_MS / 1000} s`}), so no agent is started.\n`);
  }

  let stillOffline: string[] = [];
  if (answer !== null && setup !== undefined && !shutdown.stopping) {
    const agentStartedAt = Date.now();
    const { agent, stoppable } = startLocalAgent({ server: baseUrl, token: credentials.agentToken.token, adbPort: setup.adbPort, stateDir: paths.agentState });
    shutdown.add(stoppable);
    if (setup.serials !== undefined) {
      stillOffline = await waitForDevicesOnline(baseUrl, apiKey, setup.serials, agentStartedAt, LINK_TIMEOUT_MS, Promise.race([stop, agent.exited]));
    }
  }
  if (answer !== null && !shutdown.stopping) {
    const phones =
      plan.kind === "none"
        ? plan.message
        : setup === undefined
          ? ""
          : phonesBanner({ baseUrl, apiKey, agentTokenFile: credentials.agentToken.file, setup, samplePath: paths.sampleVideo, stillOffline });
    // With simulated phones the point is to look around: a sign-in link saves typing the key.
    const signInLink = plan.kind === "simulated" ? (await issueSignInLink(target, DEV_WORKSPACE, baseUrl)).url : undefined;
    process.stdout.write(`${readyMessage(answer, curlLine(baseUrl, apiKey), { url: baseUrl, signInLink })}\n${phones}\n`);
  }
  const code = await server.exited;
  await shutdown.close();
  return code;
}

