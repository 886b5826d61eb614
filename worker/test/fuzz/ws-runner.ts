import { toWellFormed } from "../../../shared/json/bounded-json";
import { connectAgent, eventually, openAgentSocket, resultAcksOf, type TestAgent } from "../agent-fixture";
import { changedTables, type Ignored, type Snapshot, takeSnapshot } from "./d1-snapshot";
import { FUZZ_SEED } from "./prng";
import { buildFrame, type FrameContext, validHello, verdictOf } from "./ws-frames";

/**
 * Plays the frame cases against one phone's object, one socket per case, and checks each
 * outcome: the socket closed with the verdict's code and a reason, or kept open and
 * answered; the phone free for the next agent; D1 unchanged but for presence.
 */

/**
 * A hello records who drives the phone (model, android_version, agent_id, agent_version)
 * and that it is here (connected, last_seen_at); a heartbeat or any message refreshes
 * presence and a closed socket clears `connected`. The upgrade authenticates the agent
 * token, which may move its `last_used_at`. Nothing else may change.
 */
export const WS_IGNORED: Ignored = {
  credentials: ["last_used_at"],
  devices: ["model", "android_version", "agent_id", "agent_version", "connected", "last_seen_at"],
};

const CLOSE_WAIT_MS = 3000;

export class WsTally {
  tried = 0;
  keptOpen = 0;
  healthChecks = 0;
  /** Sockets kept open by a valid frame, then closed with "{" to free the phone. */
  tidyCloses = 0;
  readonly closeCodes = new Map<number, number>();
  readonly kinds = new Map<string, number>();
  readonly failures: string[] = [];
  cutShortAt: number | null = null;

  closed(code: number): void {
    this.closeCodes.set(code, (this.closeCodes.get(code) ?? 0) + 1);
  }

  summary(ms: number): string {
    const codes = [...this.closeCodes].sort(([a], [b]) => a - b).map(([c, n]) => `${c}:${n}`).join(" ");
    return `fuzz[agent-ws] seed=${FUZZ_SEED} frames=${this.tried} kept-open=${this.keptOpen} closed-by-code={${codes}} tidy-closes=${this.tidyCloses} health-checks=${this.healthChecks} failures=${this.failures.length}${this.cutShortAt === null ? "" : ` cut-short-at=${this.cutShortAt}`} in ${ms} ms`;
  }
}

export interface WsRun {
  ctx: FrameContext;
  agentToken: string;
  cases: number;
  budgetMs: number;
  /** A well-behaved agent connects every this many cases, and must get welcome. */
  healthEvery: number;
}

export async function fuzzAgentSocket(run: WsRun, tally: WsTally): Promise<void> {
  const deadline = Date.now() + run.budgetMs;
  let before: Snapshot = await takeSnapshot(WS_IGNORED);
  for (let index = 0; index < run.cases; index++) {
    if (Date.now() > deadline) {
      tally.cutShortAt = index;
      return;
    }
    const c = buildFrame(run.ctx, FUZZ_SEED, index);
    const fail = (problem: string) =>
      tally.failures.push(toWellFormed(`${problem} — replay: seed=${FUZZ_SEED} agent-ws case=${c.index} kind=${c.kind} helloFirst=${c.helloFirst} (${c.what.slice(0, 120)})`));
    tally.tried++;
    tally.kinds.set(c.kind, (tally.kinds.get(c.kind) ?? 0) + 1);
    try {
      await playCase(run, c, tally, fail);
    } catch (error) {
      fail(`threw ${String(error).slice(0, 300)}`);
    }
    const after = await takeSnapshot(WS_IGNORED);
    const changed = changedTables(before, after);
    if (changed.length > 0) fail(`changed ${changed.join(", ")}`);
    before = after;
    if ((index + 1) % run.healthEvery === 0) {
      await healthCheck(run, `healthy-${index}`).catch((error: unknown) => fail(`a well-behaved agent was not welcomed: ${String(error).slice(0, 300)}`));
      tally.healthChecks++;
      before = await takeSnapshot(WS_IGNORED);
    }
  }
}

async function playCase(run: WsRun, c: ReturnType<typeof buildFrame>, tally: WsTally, fail: (problem: string) => void): Promise<void> {
  const agent = await openAgentSocket(run.agentToken, run.ctx.serial);
  if (c.helloFirst) {
    agent.send(validHello(run.ctx.serial, `fuzz-${c.index}`) as Record<string, unknown>);
    await agent.next("welcome");
  }
  agent.socket.send(c.data);
  const verdict = verdictOf(c, run.ctx.serial);
  if ("close" in verdict) {
    const closed = await closedWithin(agent);
    if (closed === null) return fail(`not closed within ${CLOSE_WAIT_MS} ms (expected ${verdict.close})`);
    tally.closed(closed.code);
    if (closed.code !== verdict.close) fail(`closed with ${closed.code} "${closed.reason}", expected ${verdict.close}`);
    if (closed.reason.trim() === "") fail(`closed with ${closed.code} and no reason`);
    return;
  }
  tally.keptOpen++;
  if (!c.helloFirst) await agent.next("welcome");
  // A result is acked whatever it names; any frame is past once a round trip is.
  if (verdict.resultOf) {
    const of = verdict.resultOf;
    await eventually(() => {
      if (resultAcksOf(agent, of).length === 0) throw new Error(`no result_ack for ${of.task_id}/${of.attempt_id}`);
    });
  }
  await endWithProtocolError(agent, tally, fail);
}

/** Frees the phone for the next case: a bad frame makes the object close the socket itself. */
async function endWithProtocolError(agent: TestAgent, tally: WsTally, fail: (problem: string) => void): Promise<void> {
  agent.send("{");
  const closed = await closedWithin(agent);
  if (closed === null) return fail("an open socket was not closed by a frame that is not JSON");
  tally.tidyCloses++;
  if (closed.code !== 4400) fail(`a frame that is not JSON closed with ${closed.code} "${closed.reason}"`);
}

async function healthCheck(run: WsRun, agentId: string): Promise<void> {
  const agent = await connectAgent(run.agentToken, run.ctx.serial, agentId);
  agent.send("{");
  const closed = await closedWithin(agent);
  if (closed?.code !== 4400) throw new Error(`the healthy agent's socket ended with ${JSON.stringify(closed)}`);
}

async function closedWithin(agent: TestAgent): Promise<{ code: number; reason: string } | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), CLOSE_WAIT_MS);
  });
  try {
    return await Promise.race([agent.closed, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
