import { describe, expect, test } from "vitest";
import { parseDevArgs } from "./dev-args";

describe("parseDevArgs", () => {
  test("adds the loopback address and keeps other arguments in order", () => {
    const dev = parseDevArgs(["--port", "8799", "--var", "X:1"], { ip: "127.0.0.1" });
    expect(dev.args).toEqual(["--port", "8799", "--var", "X:1", "--ip", "127.0.0.1"]);
    expect(dev.port).toBe(8799);
    expect(dev.persistTo).toBeUndefined();
  });

  test("leaves a user's --ip alone, in either form", () => {
    expect(parseDevArgs(["--ip", "0.0.0.0"], { ip: "127.0.0.1" })).toMatchObject({ args: ["--ip", "0.0.0.0"], ip: "0.0.0.0" });
    expect(parseDevArgs(["--ip=::1"], { ip: "127.0.0.1" })).toMatchObject({ args: ["--ip=::1"], ip: "::1" });
  });

  test("adds a default port only when one is given and the user chose none", () => {
    expect(parseDevArgs([], { ip: "127.0.0.1", port: 8787 }).args).toEqual(["--ip", "127.0.0.1", "--port", "8787"]);
    expect(parseDevArgs(["--port=9000"], { ip: "127.0.0.1", port: 8787 })).toMatchObject({ port: 9000 });
    expect(parseDevArgs([], { ip: "127.0.0.1" }).port).toBeUndefined();
  });

  test("makes --persist-to absolute in place, in either form", () => {
    const spaced = parseDevArgs(["--persist-to", "/tmp/state"], { ip: "127.0.0.1" });
    expect(spaced.args.slice(0, 2)).toEqual(["--persist-to", "/tmp/state"]);
    expect(spaced.persistTo).toBe("/tmp/state");
    const relative = parseDevArgs(["--persist-to=rel/dir"], { ip: "127.0.0.1" });
    expect(relative.persistTo).toMatch(/^\/.*\/rel\/dir$/);
    expect(relative.args[0]).toBe(`--persist-to=${relative.persistTo ?? ""}`);
  });
});
