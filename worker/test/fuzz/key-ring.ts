/**
 * A rate limiter allows each API key a burst of about 120 requests, then 10 a second.
 * The fuzz run is about the routes, not the limiter: each key is used for at most this
 * many requests before the next one takes over.
 */
const USES_PER_KEY = 50;

export class KeyRing {
  private uses = 0;
  private index = 0;

  constructor(private readonly keys: readonly string[]) {
    if (keys.length === 0) throw new Error("a key ring needs keys");
  }

  next(): string {
    if (this.uses++ >= USES_PER_KEY) {
      this.uses = 1;
      this.index = (this.index + 1) % this.keys.length;
    }
    return this.keys[this.index] as string;
  }

  /** How many keys a run of `requests` needs so that no key is used twice round. */
  static sizeFor(requests: number): number {
    return Math.ceil(requests / USES_PER_KEY) + 1;
  }
}

export interface FuzzCredentials {
  apiKeys: KeyRing;
  agentToken: string;
  /** An API key and an agent token of a Starter workspace (no API access). */
  starterApiKey: string;
  starterAgentToken: string;
}
