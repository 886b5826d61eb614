import type { FileStore } from "../system/files.js";
import { SHELL_EXIT, SHELL_STDERR, SHELL_STDOUT, encodeShellPacket } from "./shell-v2.js";
import type { DeviceStream } from "./stream.js";
import { openSync } from "./sync.js";
import type { OpenService, ServiceHandler } from "./transport.js";

export interface CommandResult {
  stdout: Buffer;
  stderr: Buffer;
  exitCode: number;
}

/** Runs one shell command line (as sent after "shell:") on the phone. */
export type ShellRunner = (line: string) => Promise<CommandResult>;

export interface PhoneServices {
  runShell: ShellRunner;
  files: FileStore;
}

/**
 * The services a phone answers on OPEN. Anything else is refused with CLSE, which the
 * adb server turns into "closed" for its client, as adbd does for unknown services.
 */
export function phoneServices(phone: PhoneServices): OpenService {
  return (name, stream) => {
    if (name === "sync:") return openSync(stream, phone.files);
    const shell = /^shell(,[^:]*)?:([\s\S]*)$/.exec(name);
    if (shell !== null) {
      const options = (shell[1] ?? "").split(",");
      const command = shell[2] ?? "";
      // An empty command asks for an interactive shell, which tests have no use for.
      if (command.length === 0) return undefined;
      return runCommand(stream, phone.runShell, command, options.includes("v2"));
    }
    const exec = /^exec:([\s\S]+)$/.exec(name);
    if (exec !== null) return runCommand(stream, phone.runShell, exec[1] ?? "", false);
    return undefined;
  };
}

function runCommand(stream: DeviceStream, runShell: ShellRunner, command: string, v2: boolean): ServiceHandler {
  runShell(command).then(
    (result) => {
      if (v2) {
        if (result.stdout.length > 0) stream.write(encodeShellPacket(SHELL_STDOUT, result.stdout));
        if (result.stderr.length > 0) stream.write(encodeShellPacket(SHELL_STDERR, result.stderr));
        stream.write(encodeShellPacket(SHELL_EXIT, Buffer.from([result.exitCode & 0xff])));
      } else {
        // v1 has one channel and no exit status: stdout and stderr interleave as on a pty.
        stream.write(Buffer.concat([result.stdout, result.stderr]));
      }
      stream.end();
    },
    (error: unknown) => {
      const message = Buffer.from(`fake phone: ${error instanceof Error ? error.message : String(error)}\n`);
      if (v2) {
        stream.write(encodeShellPacket(SHELL_STDERR, message));
        stream.write(encodeShellPacket(SHELL_EXIT, Buffer.from([255])));
      } else {
        stream.write(message);
      }
      stream.end();
    },
  );
  // stdin (v2 ids 0 and 4) is not used by any command the phone knows: drop it.
  return { onData: () => undefined };
}
