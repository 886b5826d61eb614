import { rmSync } from "node:fs";
import { makeTempDir, removeDir } from "../testing/temp-dir";

/**
 * Undo steps for what the bench starts (temp directory, wrangler dev, Miniflare), run
 * last-in first-out exactly once: on success, on failure, and on Ctrl-C. Each step also
 * has a synchronous form for the process's "exit" event, which is all that runs when
 * something calls process.exit() (Miniflare does on SIGINT while it is open).
 */
interface Step {
  name: string;
  run: () => Promise<void>;
  runSync: () => void;
}

export interface StepHandle {
  /** Runs the step now (the end of a phase) instead of at the end. */
  release(): Promise<void>;
}

export class Cleanup {
  readonly #steps: Step[] = [];
  readonly #report: (line: string) => void;

  constructor(report: (line: string) => void) {
    this.#report = report;
  }

  add(name: string, run: () => Promise<void>, runSync: () => void): StepHandle {
    const step: Step = { name, run, runSync };
    this.#steps.push(step);
    return { release: () => this.#runStep(step) };
  }

  /** A fresh temp directory (`prefix` names it), removed as a step: `release` removes it early. */
  async tempDir(prefix: string): Promise<{ dir: string } & StepHandle> {
    const dir = await makeTempDir(prefix);
    const step = this.add(
      `${prefix} temp directory`,
      () => removeDir(dir),
      () => rmSync(dir, { recursive: true, force: true }),
    );
    return { dir, release: () => step.release() };
  }

  async runAll(): Promise<void> {
    for (let step = this.#steps.at(-1); step !== undefined; step = this.#steps.at(-1)) await this.#runStep(step);
  }

  /** For process.on("exit"): only synchronous work can happen there. */
  readonly runAllSync = (): void => {
    for (const step of this.#steps.splice(0).reverse()) {
      try {
        step.runSync();
      } catch (error) {
        this.#report(`cleanup of ${step.name} failed: ${String(error)}`);
      }
    }
  };

  async #runStep(step: Step): Promise<void> {
    const index = this.#steps.indexOf(step);
    if (index < 0) return;
    this.#steps.splice(index, 1);
    try {
      await step.run();
    } catch (error) {
      // A failed undo must not hide the others or the bench's own error; it is reported.
      this.#report(`cleanup of ${step.name} failed: ${String(error)}`);
      step.runSync();
    }
  }
}
