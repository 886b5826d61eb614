import { expect, test } from "vitest";
import { Shutdown, type Stoppable } from "./shutdown";

function recorder(log: string[], name: string, stopMs = 0): Stoppable {
  return {
    name,
    stop: () => new Promise((resolve) => setTimeout(() => resolve(log.push(`stop ${name}`)), stopMs)),
    kill: () => Promise.resolve(log.push(`kill ${name}`)),
  };
}

test("stops the last started first, one after the other", async () => {
  const log: string[] = [];
  const shutdown = new Shutdown();
  for (const name of ["phones", "adb", "agent"]) shutdown.add(recorder(log, name, 5));
  await shutdown.close();
  expect(log).toEqual(["stop agent", "stop adb", "stop phones"]);
});

test("something registered once stopping has begun is stopped too, and close() waits for it", async () => {
  const log: string[] = [];
  const shutdown = new Shutdown();
  shutdown.add(recorder(log, "phones", 20));
  void shutdown.close();
  expect(shutdown.stopping).toBe(true);
  shutdown.add(recorder(log, "adb server started late"));
  await shutdown.close();
  expect(log).toEqual(["stop phones", "stop adb server started late"]);
});

test("force kills what has not stopped yet, and a failing stop does not keep the rest running", async () => {
  const log: string[] = [];
  const shutdown = new Shutdown();
  shutdown.add(recorder(log, "phones"));
  shutdown.add({ name: "broken", stop: () => Promise.reject(new Error("gone")) });
  shutdown.add(recorder(log, "agent", 50));
  void shutdown.close();
  shutdown.force();
  await shutdown.close();
  expect(log).toEqual(["kill agent", "kill phones", "stop agent", "stop phones"]);
});
