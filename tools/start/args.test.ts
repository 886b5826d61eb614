import { describe, expect, test } from "vitest";
import { parseStartArgs } from "./args";

describe("parseStartArgs", () => {
  test("takes --simulate and --simulate-port out, in either form, and passes the rest to wrangler in order", () => {
    expect(parseStartArgs(["--port", "8799", "--simulate", "3", "--simulate-port=9001", "--var", "X:1"])).toEqual({
      simulate: 3,
      simulatePort: 9001,
      wranglerArgs: ["--port", "8799", "--var", "X:1"],
    });
    expect(parseStartArgs(["--simulate=20"])).toMatchObject({ simulate: 20, simulatePort: 7701, wranglerArgs: [] });
  });

  test("without --simulate the agent uses real phones", () => {
    expect(parseStartArgs(["--port", "8799"])).toEqual({ simulate: undefined, simulatePort: 7701, wranglerArgs: ["--port", "8799"] });
  });

  test("a bad --simulate value is an error that names the flag and the range", () => {
    for (const bad of [["--simulate", "0"], ["--simulate", "21"], ["--simulate", "two"], ["--simulate=1.5"], ["--simulate"], ["--simulate="]]) {
      expect(() => parseStartArgs(bad), bad.join(" ")).toThrow(/--simulate /);
    }
    expect(() => parseStartArgs(["--simulate", "x"])).toThrow('--simulate takes a number of phones from 1 to 20, got "x"');
  });

  test("--simulate-port needs --simulate, and room for every phone below 65536", () => {
    expect(() => parseStartArgs(["--simulate-port", "9000"])).toThrow("--simulate-port goes with --simulate N");
    expect(() => parseStartArgs(["--simulate", "3", "--simulate-port", "65534"])).toThrow(/--simulate-port takes the first phone's port, from 1024 to 65533/);
    expect(() => parseStartArgs(["--simulate", "1", "--simulate-port", "80"])).toThrow(/--simulate-port/);
  });
});
