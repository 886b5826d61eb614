import { describe, expect, it } from "vitest";
import { FLAG_NAMES } from "../config";
import { usage } from "./help";
import { COMMANDS, parseCommandLine, UsageError } from "./parse";

describe("the command line", () => {
  it("is run when it names no command, so `npm run agent -- --server … --token …` means what it did", () => {
    expect(parseCommandLine([])).toEqual({ command: "run", args: [] });
    expect(parseCommandLine(["--server", "https://a.example", "--adb-port", "5038"])).toEqual({ command: "run", args: ["--server", "https://a.example", "--adb-port", "5038"] });
    expect(parseCommandLine(["run", "--server", "https://a.example"])).toEqual({ command: "run", args: ["--server", "https://a.example"] });
    expect(parseCommandLine(["doctor", "--adb-port", "5038"])).toEqual({ command: "doctor", args: ["--adb-port", "5038"] });
    expect(parseCommandLine(["status"])).toEqual({ command: "status", args: [] });
  });

  it("asks for the help with help, --help or -h anywhere, and for the version with --version", () => {
    for (const argv of [["help"], ["--help"], ["-h"], ["run", "--server", "x", "--help"], ["doctor", "-h"]]) expect(parseCommandLine(argv)).toEqual({ command: "help" });
    expect(parseCommandLine(["--version"])).toEqual({ command: "version" });
    expect(parseCommandLine(["status", "--version"])).toEqual({ command: "version" });
    // After "--" nothing is an option: config.ts refuses what follows by name.
    expect(parseCommandLine(["run", "--", "--help"])).toEqual({ command: "run", args: ["--", "--help"] });
  });

  it("refuses an unknown command by name", () => {
    expect(() => parseCommandLine(["strat", "--server", "x"])).toThrow(UsageError);
    expect(() => parseCommandLine(["strat"])).toThrow(/unknown command "strat": the commands are run, pair, status, doctor, install-service, uninstall-service, service-run, help/);
  });

  it("has a help that lists every command and every option config.ts reads", () => {
    const text = usage();
    for (const command of COMMANDS) expect(text).toMatch(new RegExp(`^  ${command} `, "m"));
    for (const flag of FLAG_NAMES) expect(text).toContain(`--${flag} `);
    expect(text).toContain("PowerShell");
    expect(text).toContain("$env:TIKMATRIX_TOKEN");
    expect(text).toContain("set TIKMATRIX_TOKEN=");
    expect(text).toContain("export TIKMATRIX_TOKEN=");
  });
});
