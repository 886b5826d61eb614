/** Something `npm start` started and must stop on the way out. */
export interface Stoppable {
  /** For the message when stopping it fails. */
  readonly name: string;
  /** The clean way: let it finish what it is doing. */
  stop(): Promise<unknown>;
  /** After a second Ctrl-C: end it now. Without one, the clean stop is already quick. */
  kill?(): Promise<unknown>;
}

const SIGNALS: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
/** As in dev-server.ts: signals this close together (the terminal's and a relay's) are one request. */
const IMPATIENT_MS = 1_000;

/**
 * Stops what `npm start` runs, last started first: the agent before wrangler, so its
 * goodbye (the phones offline) reaches a running server and it does not log a dropped
 * connection per phone; the agent before the phones, so it does not report them gone
 * mid-task; and the phones before their adb server, so the agent's adb client is not
 * tempted to start the server again.
 */
export class Shutdown {
  private readonly pending: Stoppable[] = [];
  private readonly running = new Set<Stoppable>();
  private tail: Promise<void> = Promise.resolve();
  private firstSignalAt: number | undefined;
  private closing = false;
  private forced = false;
  private markRequested: () => void = () => undefined;
  /** Settles once stopping begins, to cut short whatever start-up is still waiting. */
  readonly requested = new Promise<void>((resolve) => {
    this.markRequested = resolve;
  });

  /** True once a signal arrived or close() was called: start nothing new. */
  get stopping(): boolean {
    return this.closing;
  }

  /** Registers what to stop; once stopping has begun, it is stopped right away. */
  add(item: Stoppable): void {
    if (!this.closing) {
      this.pending.push(item);
      return;
    }
    this.chain(item);
    if (this.forced) void item.kill?.();
  }

  /** Stops everything registered, one after the other. Safe to call again: same promise, plus anything added since. */
  close(): Promise<void> {
    if (!this.closing) {
      this.closing = true;
      this.markRequested();
      for (const item of this.pending.splice(0).reverse()) this.chain(item);
    }
    return this.tail;
  }

  /** The second Ctrl-C: whatever has not stopped yet is killed. */
  force(): void {
    this.forced = true;
    for (const item of this.running) void item.kill?.();
    void this.close();
  }

  /** Ctrl-C, SIGTERM or a closed terminal begin close(); a later second one forces. Returns the unsubscribe. */
  listen(onFirst: () => void): () => void {
    const onSignal = () => {
      if (this.firstSignalAt === undefined) {
        this.firstSignalAt = Date.now();
        onFirst();
        void this.close();
      } else if (Date.now() - this.firstSignalAt >= IMPATIENT_MS) {
        this.force();
      }
    };
    for (const signal of SIGNALS) process.on(signal, onSignal);
    return () => {
      for (const signal of SIGNALS) process.off(signal, onSignal);
    };
  }

  private chain(item: Stoppable): void {
    this.running.add(item);
    this.tail = this.tail.then(async () => {
      try {
        await item.stop();
      } catch (error) {
        // Keep going: the next item still has to stop, whatever went wrong with this one.
        process.stderr.write(`could not stop the ${item.name}: ${error instanceof Error ? error.message : String(error)}\n`);
      } finally {
        this.running.delete(item);
      }
    });
  }
}
