import { SERVICE_DESCRIPTION, SERVICE_NAME, type ServiceSpec, SUPERVISED_ENV } from "./service-spec";

/** Where a user's units live (systemd.unit(5): ~/.config/systemd/user). */
export const SYSTEMD_UNIT_FILE = `${SERVICE_NAME}.service`;

/**
 * A systemd user unit: it runs as the studio user (their adb key), starts with their session
 * (and at boot with `loginctl enable-linger`, which the install prints), and restarts after any
 * failure, 5 s later, without giving up (StartLimitIntervalSec=0: a phone hub that crashes the
 * adb server in a loop must not leave the agent stopped for good). SIGTERM lets the agent close
 * its links; 30 s later systemd kills it.
 */
export function systemdUnit(spec: ServiceSpec): string {
  return [
    "[Unit]",
    `Description=${SERVICE_DESCRIPTION}`,
    "After=network-online.target",
    "Wants=network-online.target",
    "StartLimitIntervalSec=0",
    "",
    "[Service]",
    "Type=simple",
    `Environment=${SUPERVISED_ENV}=1`,
    `ExecStart=${[spec.program, ...spec.args].map(systemdWord).join(" ")}`,
    `WorkingDirectory=${systemdWord(spec.workingDirectory)}`,
    "Restart=on-failure",
    "RestartSec=5",
    "KillSignal=SIGTERM",
    "TimeoutStopSec=30",
    "",
    "[Install]",
    "WantedBy=default.target",
    "",
  ].join("\n");
}

/**
 * A word of ExecStart as systemd.service(5) splits it: double-quoted when it has a space,
 * quote, backslash or specifier; `%` doubled (else it is a specifier), `$` doubled (else it
 * is a variable), backslash and quote escaped.
 */
export function systemdWord(word: string): string {
  const escaped = word.replace(/%/g, "%%").replace(/\$/g, "$$$$");
  if (escaped !== "" && !/[\s"'\\;]/.test(escaped)) return escaped;
  return `"${escaped.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}
