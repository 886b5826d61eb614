import { execFile } from "node:child_process";
import { type AddressInfo, createServer } from "node:net";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

export interface AdbResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/**
 * A private adb server for tests, on its own port so it never touches the developer's
 * server on 5037. The CLI is always run asynchronously: a synchronous call would block the
 * event loop that also hosts the fake phone, and the server would wait on it forever.
 */
export class TestAdbServer {
  private constructor(readonly port: number) {}

  static async start(): Promise<TestAdbServer> {
    const server = new TestAdbServer(await freePort());
    const started = await server.run(["start-server"], 20_000);
    if (started.exitCode !== 0) throw new Error(`adb start-server failed: ${started.stderr}`);
    return server;
  }

  /** Runs `adb -P <port> …`; a non-zero exit is a result, not an exception. */
  async run(args: string[], timeoutMs = 15_000): Promise<AdbResult> {
    try {
      const { stdout, stderr } = await execFileAsync("adb", ["-P", String(this.port), ...args], { timeout: timeoutMs });
      return { stdout, stderr, exitCode: 0 };
    } catch (error) {
      if (isExecError(error)) return { stdout: error.stdout ?? "", stderr: error.stderr ?? "", exitCode: typeof error.code === "number" ? error.code : -1 };
      throw error;
    }
  }

  async kill(): Promise<void> {
    await this.run(["kill-server"], 10_000);
  }
}

interface ExecError extends Error {
  code?: number | string;
  stdout?: string;
  stderr?: string;
}

function isExecError(error: unknown): error is ExecError {
  return error instanceof Error && ("stdout" in error || "code" in error);
}

// Asking the OS for a free port avoids collisions when several test files start servers.
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
