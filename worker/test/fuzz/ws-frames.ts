import { decodeUtf8 } from "../../../shared/json/bounded-json";
import { parseFrameJson } from "../../../shared/protocol/frame-json";
import { agentMessage, CloseCode, helloMessage, PROTOCOL_VERSION } from "../../../shared/protocol/messages";
import { BAD_UTF8, malformedJson, nonObjectJson } from "./bodies";
import { type FieldMutation, mutateField } from "./fields";
import { deepNesting, hostileString, type Json, Raw, toJsonText } from "./hostile";
import { caseSeed, Rng } from "./prng";

/**
 * Hostile frames for a phone's agent socket (docs/protocol.md), one per case number, and
 * what the object must do with each. The verdict comes from the protocol's own frame rule
 * and schemas (shared/protocol/), the one definition both sides validate with: the fuzz checks that the object applies
 * them (closing with 4400 or 4401 and a reason) and survives, not a second copy of them.
 */

export interface RunRef {
  task_id: number;
  attempt_id: string;
}

export interface FrameContext {
  /** The phone whose socket is fuzzed. */
  serial: string;
  /** Another phone of the same workspace. */
  otherSerial: string;
  /** The run this phone's object holds (orphaned while the fuzz sockets come and go). */
  ownRun: RunRef;
  /** A running task of another workspace, with its real attempt id. */
  foreignRun: RunRef;
}

export interface FrameCase {
  index: number;
  seed: number;
  kind: string;
  what: string;
  /** Whether a valid hello goes first, so the frame is read as a message rather than as hello. */
  helloFirst: boolean;
  data: string | Uint8Array;
}

export type Verdict = { close: typeof CloseCode.ProtocolError | typeof CloseCode.BadHello } | { open: true; resultOf?: RunRef };

/** A task no test makes: messages about it must change nothing. */
export const NO_SUCH_TASK = 2 ** 40;

export function validHello(serial: string, agentId: string): { [key: string]: Json } {
  return { type: "hello", v: PROTOCOL_VERSION, agent_id: agentId, serial, model: "Pixel 7", android_version: "14", agent_version: "0.1.0", running: [], unacked: [] };
}

function templates(ctx: FrameContext, run: RunRef): Record<string, { [key: string]: Json }> {
  const ref = { task_id: run.task_id, attempt_id: run.attempt_id };
  return {
    hello: validHello(ctx.serial, "fuzz-agent"),
    heartbeat: { type: "heartbeat" },
    ack: { type: "ack", ...ref },
    progress: { type: "progress", ...ref, step: "opening the app" },
    log: { type: "log", ...ref, seq: 0, at: 1_700_000_000_000, level: "info", message: "opened" },
    result: { type: "result", ...ref, ok: false, fail_code: 1002, remark: "adb error", posted: false },
  };
}

export function buildFrame(ctx: FrameContext, runSeed: number, index: number): FrameCase {
  const seed = caseSeed(runSeed, "agent-ws", index);
  const rng = new Rng(seed);
  const noSuch = { task_id: NO_SUCH_TASK, attempt_id: `fuzz-attempt-${index}` };
  const base = templates(ctx, noSuch);
  const types = Object.keys(base);
  const c: FrameCase = { index, seed, kind: "", what: "", helloFirst: rng.chance(0.75), data: "" };
  const json = (value: Json) => toJsonText(value);
  c.kind = rng.weighted([
    [40, "field"], [10, "not-json"], [4, "non-object"], [6, "binary"], [6, "unknown-type"], [3, "hello-again"],
    [5, "before-hello"], [4, "other-serial"], [3, "version"], [4, "seq-range"], [3, "fail-code"],
    [4, "cross-workspace"], [3, "stale-attempt"], [3, "unknown-task"], [2, "deep"], [1, "huge"], [1, "empty"],
  ]);
  switch (c.kind) {
    case "field": {
      const type = rng.pick(types);
      if (type === "hello") c.helloFirst = rng.chance(0.2);
      const mutation = rng.weighted<FieldMutation>([
        [5, "wrong-type"], [3, "null"], [3, "missing"], [4, "unknown-field"], [1, "huge-string"],
        [1, "huge-array"], [1, "deep"], [3, "metachar"], [3, "number"],
      ]);
      const mutated = mutateField(rng, base[type] ?? {}, mutation);
      c.data = json(type === "hello" ? uniqueAgent(mutated.body, index) : mutated.body);
      c.what = `${type}: ${mutated.what}`;
      break;
    }
    case "not-json":
      c.data = malformedJson(rng, json(base[rng.pick(types)] ?? {}));
      break;
    case "non-object":
      c.data = nonObjectJson(rng);
      break;
    case "binary": {
      const bytes = rng.chance(0.5)
        ? Array.from({ length: rng.int(1, 64) }, () => rng.int(0, 255))
        : [...new TextEncoder().encode(json(rng.chance(0.5) ? uniqueAgent(base.hello ?? {}, index) : (base.heartbeat ?? {})))];
      if (rng.chance(0.3)) bytes.splice(rng.int(0, bytes.length), 0, ...rng.pick(BAD_UTF8));
      c.data = new Uint8Array(bytes);
      c.what = `${bytes.length} bytes`;
      break;
    }
    case "unknown-type": {
      const type = rng.pick<Json>(["dance", "HELLO", "Hello", "welcome", "run", "stop", "result_ack", "", " hello", "hello\u0000", 5, null, [], {}, true]);
      c.data = json(rng.chance(0.2) ? { task_id: 1 } : { type, task_id: 1, attempt_id: "attempt-0001" });
      break;
    }
    case "hello-again":
      c.helloFirst = true;
      c.data = json(uniqueAgent(base.hello ?? {}, index));
      break;
    case "before-hello":
      c.helloFirst = false;
      c.data = json(base[rng.pick(types.filter((t) => t !== "hello"))] ?? {});
      break;
    case "other-serial": {
      c.helloFirst = false;
      const serial = rng.pick([ctx.otherSerial, ctx.serial.toUpperCase(), `${ctx.serial} `, ` ${ctx.serial}`, `${ctx.serial}\u0000`, hostileString(rng)]);
      c.data = json({ ...validHello(serial, `fuzz-${index}`) });
      break;
    }
    case "version": {
      c.helloFirst = false;
      const v = rng.pick<Json>([0, 2, -1, "1", null, 1.5, new Raw("1.0"), new Raw("1e0"), true, [1]]);
      c.data = json({ ...validHello(ctx.serial, `fuzz-${index}`), v });
      break;
    }
    case "seq-range":
      c.data = json({ ...base.log, seq: rng.pick<Json>([-1, 100_001, 1.5, 2 ** 53, "0", null, new Raw("1e309"), new Raw("-0"), 100_000]) });
      break;
    case "fail-code":
      c.data = json({ ...base.result, fail_code: rng.pick<Json>([0, 999, 1099, 4242, -1001, 1001.5, "1001", 1001, 1009, null]) });
      break;
    case "cross-workspace":
    case "stale-attempt": {
      // Another workspace's task with its real attempt, or this phone's own run with a wrong
      // one: valid frames that must change nothing.
      const run = c.kind === "cross-workspace" ? ctx.foreignRun : { task_id: ctx.ownRun.task_id, attempt_id: `stale-${index}-attempt` };
      c.helloFirst = true;
      c.data = json(templates(ctx, run)[rng.pick(["ack", "progress", "log", "result"])] ?? {});
      break;
    }
    case "unknown-task":
      c.helloFirst = true;
      c.data = json({ ...base.result, task_id: rng.pick([1, NO_SUCH_TASK + index, Number.MAX_SAFE_INTEGER]) });
      break;
    case "deep":
      c.data = rng.chance(0.5) ? deepNesting(rng, rng.pick([10_000, 100_000])).text : json({ ...base.log, message: deepNesting(rng) });
      c.what = `${c.data.length} characters`;
      break;
    case "huge": {
      // Around the 1 MiB a WebSocket message may have in production: just under and just over.
      const size = rng.pick([1024 * 1024 - 64, 1024 * 1024 + 64]);
      const frame = json({ ...base.log, message: "" });
      c.data = frame.replace('"message":""', `"message":"${"x".repeat(size - frame.length)}"`);
      c.what = `${c.data.length} bytes`;
      break;
    }
    default:
      c.data = "";
  }
  if (c.what === "" && typeof c.data === "string") c.what = c.data.slice(0, 80);
  return c;
}

/**
 * A valid hello gets an agent id of its own: the object ends an orphaned run at once when
 * the agent that held it says hello without it, and these sockets are not that agent.
 */
function uniqueAgent(hello: Json, index: number): Json {
  if (hello === null || typeof hello !== "object" || Array.isArray(hello) || hello instanceof Raw) return hello;
  const id = hello.agent_id;
  if (typeof id !== "string" || id.length < 1 || id.length > 120) return hello;
  const out: { [key: string]: Json } = {};
  for (const key of Object.keys(hello)) Object.defineProperty(out, key, { value: hello[key], enumerable: true, writable: true, configurable: true });
  out.agent_id = `${id}#${index}`;
  return out;
}

/** What the object must do with the frame, judged by the protocol's schemas. */
export function verdictOf(c: FrameCase, serial: string): Verdict {
  // Unreadable before it is anything: not UTF-8, not JSON, over the frame bounds, ill-formed text.
  const text = typeof c.data === "string" ? { ok: true as const, text: c.data } : decodeUtf8(c.data, "frame");
  if (!text.ok) return { close: CloseCode.ProtocolError };
  const json = parseFrameJson(text.text);
  if (!json.ok) return { close: CloseCode.ProtocolError };
  const parsed = json.value;
  if (!c.helloFirst) {
    const hello = helloMessage.safeParse(parsed);
    return hello.success && hello.data.serial === serial ? { open: true } : { close: CloseCode.BadHello };
  }
  const message = agentMessage.safeParse(parsed);
  if (!message.success || message.data.type === "hello") return { close: CloseCode.ProtocolError };
  return message.data.type === "result" ? { open: true, resultOf: { task_id: message.data.task_id, attempt_id: message.data.attempt_id } } : { open: true };
}
