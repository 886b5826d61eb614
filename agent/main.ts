/**
 * `tikmatrix-agent [command] [options]` (`npm run agent -- …` from the repository): the
 * program on a studio PC. Without a command it runs the fleet (cli/run.ts), as it always did;
 * `status` and `doctor` look at the adb server and the phones, `--help` lists it all.
 * A command line it cannot read, or a setting that is wrong, exits 2 with one line saying which.
 */
import { ConfigError } from "./config";
import { printHelp } from "./cli/help";
import { doctorCommand } from "./cli/doctor";
import { type Invocation, parseCommandLine, UsageError } from "./cli/parse";
import { pairCommand } from "./cli/pair";
import { runCommand } from "./cli/run";
import { installServiceCommand, serviceRunCommand, uninstallServiceCommand } from "./cli/service";
import { statusCommand } from "./cli/status";
import { printVersion } from "./cli/version";

function execute(invocation: Invocation): Promise<number> | number {
  switch (invocation.command) {
    case "help":
      return printHelp();
    case "version":
      return printVersion();
    case "run":
      return runCommand(invocation.args);
    case "status":
      return statusCommand(invocation.args);
    case "doctor":
      return doctorCommand(invocation.args);
    case "pair":
      return pairCommand(invocation.args);
    case "install-service":
      return installServiceCommand(invocation.args);
    case "uninstall-service":
      return uninstallServiceCommand(invocation.args);
    case "service-run":
      return serviceRunCommand(invocation.args);
  }
}

// No top-level await: the single executable is CommonJS (tools/pack/sea.ts). Any other error
// stays an unhandled rejection, which Node prints with its stack and exits 1 on.
async function main(): Promise<void> {
  try {
    process.exitCode = await execute(parseCommandLine(process.argv.slice(2)));
  } catch (error) {
    if (!(error instanceof ConfigError || error instanceof UsageError)) throw error;
    process.stderr.write(`tikmatrix-agent: ${error.message}\n`);
    process.exitCode = 2;
  }
}

void main();
