/** The clocks of a phone's object. Each is a trade-off; docs/scheduling.md says why. */
export const Timing = {
  /** How often an agent sends a heartbeat (told to it in `welcome`). */
  heartbeatIntervalMs: 10_000,
  /** An agent silent this long is dead: its phone is offline and another agent may take it. */
  agentSilentMs: 30_000,
  /** A `run` not acked within this is sent again, with the same attempt. */
  ackTimeoutMs: 5_000,
  /** After this many such resends with no ack, the task is taken back (a new attempt later). */
  ackResends: 6,
  /** While the workspace is at its device limit, look again this often. */
  limitPollMs: 2_000,
  /** After the agent's connection drops mid-task, how long it has to come back with the result. */
  agentGraceMs: 60_000,
  /** After `stop` is sent, how long the agent has to confirm before the task ends anyway. */
  stopGraceMs: 15_000,
  /** A run's deadline: this much beyond the waits its config asks for. */
  runBaseMs: 10 * 60_000,
  /** An open socket's agent token is looked up again this often, so a revocation ends it. */
  credentialCheckMs: 60_000,
  /** Automatic retry waits a random time in this range (spec: 5-60 s). */
  retryDelayMinMs: 5_000,
  retryDelayMaxMs: 60_000,
} as const;
