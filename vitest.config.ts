import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { randomBytes } from "node:crypto";
import { configDefaults, defineConfig } from "vitest/config";
import { testInternet } from "./worker/test/test-internet.ts";

/** The tests of the packed agent, which share one build (e2e/agent-build.ts). */
const AGENT_PACKAGE_TESTS = ["e2e/agent-package.test.ts", "e2e/agent-update.test.ts", "e2e/agent-self-update.test.ts"];

// Two kinds of tests: the Worker's, inside the real workerd runtime with real (local) D1
// and Durable Objects, and the Node side's (admin command, agent, fake phone, tools) in plain Node.
export default defineConfig(async () => {
  const migrations = await readD1Migrations("./migrations");
  return {
    test: {
      // Vitest's default on a 2-core machine is one file at a time. The Node side's files
      // mostly wait on child processes (wrangler, adb, the agent) and timers, so two at once
      // cut the wall time without starving either.
      maxWorkers: 2,
      projects: [
        {
          plugins: [
            cloudflareTest({
              main: "./worker/index.ts",
              wrangler: { configPath: "./wrangler.toml" },
              // The Worker's fetches to the outside (a material import) reach worker/test/test-internet.ts, never a real host.
              // A key of this run's own, as a deployment's TASK_SECRETS_KEY secret would be (tests that need none remove it).
              // A second shard, DB_2, so routing and isolation between databases are tested (worker/shards/).
              miniflare: {
                bindings: { TEST_MIGRATIONS: migrations, TASK_SECRETS_KEY: randomBytes(32).toString("base64") },
                d1Databases: { DB_2: "tikmatrix-edge-shard-2" },
                outboundService: testInternet,
              },
            }),
          ],
          test: {
            name: "worker",
            include: ["worker/**/*.test.ts", "shared/**/*.test.ts"],
            setupFiles: ["./worker/test/apply-migrations.ts"],
          },
        },
        {
          test: {
            name: "node",
            include: ["tools/**/*.test.ts", "agent/**/*.test.ts", "fake-phone/**/*.test.ts", "e2e/**/*.test.ts"],
            exclude: [...configDefaults.exclude, ...AGENT_PACKAGE_TESTS],
            environment: "node",
            testTimeout: 60_000,
            hookTimeout: 120_000,
          },
        },
        {
          // Packing and installing the agent take 15 s or more, so it is done once, in a global
          // setup that Vitest runs only when one of these files is selected; each injects the build.
          test: {
            name: "agent-package",
            include: AGENT_PACKAGE_TESTS,
            globalSetup: ["./e2e/agent-build-setup.ts"],
            environment: "node",
            testTimeout: 60_000,
            hookTimeout: 120_000,
          },
        },
      ],
    },
  };
});
