import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { installPlan, type PlanContext, uninstallPlan } from "./install-plan";
import { launchdPlist } from "./launchd-plist";
import { systemdUnit, systemdWord } from "./systemd-unit";
import { windowsArgument, windowsTaskFile, windowsTaskXml } from "./windows-task";

const run = promisify(execFile);

/** A studio PC's paths at their most awkward: spaces, an ampersand, a percent sign, a quote. */
const WINDOWS: PlanContext = {
  platform: "win32",
  home: "C:\\Users\\Lin & Co",
  stateDir: "C:\\Users\\Lin & Co\\.tikmatrix-agent",
  program: "C:\\Program Files\\nodejs\\node.exe",
  programArgs: ["C:\\Users\\Lin & Co\\AppData\\Roaming\\npm\\node_modules\\tikmatrix-agent\\agent.js"],
  env: { USERDOMAIN: "STUDIO-PC-3", USERNAME: "Lin" },
};

describe("the Windows task", () => {
  const xml = windowsTaskXml({ program: WINDOWS.program, args: [...WINDOWS.programArgs, "service-run", "--state-dir", WINDOWS.stateDir], workingDirectory: WINDOWS.stateDir, stateDir: WINDOWS.stateDir }, "STUDIO-PC-3\\Lin");

  it("starts at the studio user's logon as that user, without a stored password, with no time limit, on batteries too", () => {
    expect(xml).toContain("<LogonTrigger>\r\n      <Enabled>true</Enabled>\r\n      <UserId>STUDIO-PC-3\\Lin</UserId>");
    expect(xml).toContain("<LogonType>InteractiveToken</LogonType>");
    expect(xml).toContain("<ExecutionTimeLimit>PT0S</ExecutionTimeLimit>");
    expect(xml).toContain("<DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>");
    expect(xml).toContain("<MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>");
    expect(xml).not.toContain("<Password>");
  });

  it("runs the agent's supervisor, each path one argument, the XML escaped", () => {
    expect(xml).toContain("<Command>C:\\Program Files\\nodejs\\node.exe</Command>");
    expect(xml).toContain('<Arguments>&quot;C:\\Users\\Lin &amp; Co\\AppData\\Roaming\\npm\\node_modules\\tikmatrix-agent\\agent.js&quot; service-run --state-dir &quot;C:\\Users\\Lin &amp; Co\\.tikmatrix-agent&quot;</Arguments>');
    expect(xml).toContain("<WorkingDirectory>C:\\Users\\Lin &amp; Co\\.tikmatrix-agent</WorkingDirectory>");
    expect(xml).not.toMatch(/&(?!amp;|quot;|lt;|gt;|apos;)/);
  });

  it("is written as UTF-16 little-endian with its byte-order mark, as it declares", () => {
    const file = windowsTaskFile(xml);
    expect([...file.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(file.subarray(2).toString("utf16le")).toBe(xml);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-16"?>')).toBe(true);
  });

  it("quotes arguments as the C runtime splits them (CommandLineToArgvW)", () => {
    expect(windowsArgument("plain")).toBe("plain");
    expect(windowsArgument("C:\\a b\\")).toBe('"C:\\a b\\\\"');
    expect(windowsArgument('say "hi"')).toBe('"say \\"hi\\""');
    expect(windowsArgument("")).toBe('""');
    expect(windowsArgument("C:\\no-space\\")).toBe("C:\\no-space\\");
  });
});

describe("the systemd user unit", () => {
  const spec = { program: "/usr/bin/node", args: ["/home/lin/agent 100%/agent.js", "run", "--state-dir", "/home/lin/.tikmatrix-agent"], workingDirectory: "/home/lin/.tikmatrix-agent", stateDir: "/home/lin/.tikmatrix-agent" };

  it("restarts after any failure without giving up, and lets the agent close its links on stop", () => {
    const unit = systemdUnit(spec);
    expect(unit).toContain("Restart=on-failure\nRestartSec=5");
    expect(unit).toContain("StartLimitIntervalSec=0");
    expect(unit).toContain("KillSignal=SIGTERM");
    expect(unit).toContain("WantedBy=default.target");
    expect(unit).toContain('ExecStart=/usr/bin/node "/home/lin/agent 100%%/agent.js" run --state-dir /home/lin/.tikmatrix-agent');
    expect(systemdWord("$HOME")).toBe("$$HOME");
  });

  it.runIf(existsSync("/usr/bin/systemd-analyze"))("passes systemd-analyze verify", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tikmatrix-unit-"));
    try {
      const path = join(dir, "tikmatrix-agent.service");
      await writeFile(path, systemdUnit({ ...spec, program: process.execPath, args: ["/tmp/agent 100%/agent.js", "run"] }));
      const result = await run("systemd-analyze", ["verify", "--man=no", path]).then(
        (ok) => ({ code: 0, stderr: ok.stderr }),
        (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
      );
      // Without a running systemd (a container), verify still parses the unit and reports its syntax errors.
      expect(result.stderr).not.toMatch(/Unknown key|Failed to parse|Invalid|bad-setting|Missing/i);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("the launchd agent", () => {
  it("starts at login and again after an unclean exit, with every argument its own string", () => {
    const plist = launchdPlist({ program: "/opt/homebrew/bin/node", args: ["/Users/lin/A & B/agent.js", "run"], workingDirectory: "/Users/lin/.tikmatrix-agent", stateDir: "/Users/lin/.tikmatrix-agent" });
    expect(plist).toContain("<key>RunAtLoad</key>\n  <true/>");
    expect(plist).toContain("<key>KeepAlive</key>\n  <dict>\n    <key>SuccessfulExit</key>\n    <false/>");
    expect(plist).toContain("    <string>/Users/lin/A &amp; B/agent.js</string>\n    <string>run</string>");
    expect(plist).toContain("<string>/Users/lin/.tikmatrix-agent/logs/launchd.err.log</string>");
  });
});

describe("the install and uninstall plans", () => {
  it("Windows: the task file in the state dir, created and started with schtasks; removed with /End and /Delete", () => {
    const plan = installPlan(WINDOWS);
    expect(plan.write.map((w) => w.path)).toEqual([join(WINDOWS.stateDir, "service", "tikmatrix-agent-task.xml")]);
    expect(plan.steps.map((s) => s.command[0] + " " + s.command[1])).toEqual(["schtasks /Create", "schtasks /Run"]);
    const gone = uninstallPlan(WINDOWS);
    expect(gone.steps.map((s) => s.command.slice(0, 2).join(" "))).toEqual(["schtasks /End", "schtasks /Delete"]);
    expect(gone.remove).toEqual(plan.write.map((w) => w.path));
  });

  it("Linux: a user unit under XDG_CONFIG_HOME, enabled and started; macOS: a LaunchAgent bootstrapped in the user's GUI domain", () => {
    const linux = installPlan({ platform: "linux", home: "/home/lin", stateDir: "/home/lin/.tikmatrix-agent", program: "/usr/bin/node", programArgs: ["/opt/agent.js"], env: { XDG_CONFIG_HOME: "/home/lin/.cfg", USER: "lin" } });
    expect(linux.write[0]?.path).toBe("/home/lin/.cfg/systemd/user/tikmatrix-agent.service");
    expect(linux.steps.map((s) => s.command.join(" "))).toEqual(["systemctl --user daemon-reload", "systemctl --user enable --now tikmatrix-agent.service"]);
    expect(linux.notes.join("\n")).toContain("loginctl enable-linger lin");
    const mac = installPlan({ platform: "darwin", home: "/Users/lin", stateDir: "/Users/lin/.tikmatrix-agent", program: "/usr/local/bin/node", programArgs: ["/opt/agent.js"], env: {}, uid: 502 });
    expect(mac.write[0]?.path).toBe("/Users/lin/Library/LaunchAgents/com.tikmatrix.agent.plist");
    expect(mac.steps.map((s) => s.command.join(" "))).toEqual(["launchctl bootout gui/502/com.tikmatrix.agent", "launchctl bootstrap gui/502 /Users/lin/Library/LaunchAgents/com.tikmatrix.agent.plist"]);
  });
});
