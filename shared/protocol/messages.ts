import { z } from "zod";
import { androidPackageSchema } from "../android-package";
import { FAIL_CLASSES, type FailCode } from "../fail-codes";
import { PLATFORMS } from "../platforms";

/**
 * The agent protocol: JSON text frames on the WebSocket between an agent and one phone's
 * Durable Object. Both sides validate every frame with these schemas. Every message that
 * changes a task's state names the attempt it belongs to, so a duplicate (a replay after
 * a reconnect, a retried send) is recognised and changes nothing. See docs/protocol.md.
 */
export const PROTOCOL_VERSION = 4;
/**
 * The versions an object still speaks: 4 added the phone's health (in hello, and its own
 * message). An agent of version 3 is welcomed in its own version and sends no health; an agent
 * of 4 meeting an object of 3 is refused at hello (4401), so the Worker is deployed first.
 */
export const SUPPORTED_VERSIONS = [3, 4] as const;
const version = z.literal(SUPPORTED_VERSIONS);

const id = z.number().int().positive();
const attemptId = z.string().min(8).max(64);
const text = (max: number) => z.string().max(max);
const failCode = z
  .number()
  .int()
  .refine((n): n is FailCode => Object.hasOwn(FAIL_CLASSES, n), { message: "must be a code of the failure catalogue" });

// ── agent → phone object ──────────────────────────────────────────────────────────────

/**
 * A ready phone's condition, as the agent reads it over adb (agent/health/): each figure null
 * when the phone would not tell. Sent after welcome and then at most once a minute; the object
 * gives no new task to a phone too hot or too low on battery (the workspace's thresholds).
 */
export const phoneHealth = z.strictObject({
  battery_level: z.number().int().min(0).max(100).nullable(),
  charging: z.boolean().nullable(),
  /** The battery's temperature, as Android's BatteryManager reports it (tenths of °C there). */
  battery_temperature_c: z.number().min(-50).max(150).nullable(),
  screen_on: z.boolean().nullable(),
  /** Free bytes where posts land (/sdcard, the shared storage). */
  storage_free_bytes: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable(),
  /** The installed versions of the apps the scripts drive (those not installed are absent). */
  apps: z.array(z.strictObject({ package: androidPackageSchema, version: text(64) })).max(20),
});
export type PhoneHealth = z.output<typeof phoneHealth>;


export const helloMessage = z.strictObject({
  type: z.literal("hello"),
  v: version,
  agent_id: text(128).min(1),
  serial: text(128).min(1),
  model: text(128).default(""),
  android_version: text(32).default(""),
  agent_version: text(32).min(1),
  /**
   * Runs the agent is still carrying out on this phone (after a reconnect): the object
   * keeps waiting for their results instead of counting the agent as lost.
   */
  running: z.array(z.strictObject({ task_id: id, attempt_id: attemptId })).max(10).default([]),
  /**
   * Runs whose result the agent holds unacknowledged in its outbox (it replays them right
   * after welcome). With `running`, this tells the object which of its runs the agent knows
   * nothing about any more: those end at once instead of after the grace.
   */
  unacked: z.array(z.strictObject({ task_id: id, attempt_id: attemptId })).max(100).default([]),
  /** The phone's condition as it connects, so a hot phone is judged before its first task (older agents send none). */
  health: phoneHealth.nullable().default(null),
});

export const heartbeatMessage = z.strictObject({ type: z.literal("heartbeat") });

export const healthMessage = phoneHealth.extend({ type: z.literal("health") });

/** The agent has the task and will run it: the object stops waiting for an ack. */
export const ackMessage = z.strictObject({ type: z.literal("ack"), task_id: id, attempt_id: attemptId });

export const progressMessage = z.strictObject({
  type: z.literal("progress"),
  task_id: id,
  attempt_id: attemptId,
  step: text(200),
});

export const LOG_LEVELS = ["info", "warn", "error"] as const;

export const logMessage = z.strictObject({
  type: z.literal("log"),
  task_id: id,
  attempt_id: attemptId,
  /** Per attempt, from 0: a line sent twice is stored once. */
  seq: z.number().int().min(0).max(100_000),
  at: z.number().int().positive(),
  level: z.enum(LOG_LEVELS),
  message: text(4000),
});

/**
 * The run is about to publish (the next tap may post): may it? The object answers
 * `posting_ok` when the run is still wanted, and from then on counts the post as possibly
 * out; or `stop` when the user stopped or deleted the task first. The agent does not tap
 * before the answer.
 */
export const postingMessage = z.strictObject({ type: z.literal("posting"), task_id: id, attempt_id: attemptId });

/** At most this many accounts in one match_accounts result: a phone has a handful of app clones. */
export const MAX_FOUND_ACCOUNTS = 50;

/** An account an app shows logged in: its platform, the package (null: the app's default) and the name. */
export const foundAccount = z.strictObject({
  platform: z.enum(PLATFORMS),
  package_name: androidPackageSchema.nullable(),
  username: z.string().regex(/^[a-z0-9._]{1,30}$/, { message: "must be a username as the apps show it, lowercased, without @" }),
});
export type FoundAccount = z.output<typeof foundAccount>;

export const resultMessage = z.strictObject({
  type: z.literal("result"),
  task_id: id,
  attempt_id: attemptId,
  ok: z.boolean(),
  fail_code: failCode.nullable().default(null),
  remark: text(1000).default(""),
  /** False when the failure came before anything could have been posted. */
  posted: z.boolean().default(false),
  /** The post's link, when the app showed one. */
  post_url: z.url({ protocol: /^https$/ }).max(500).nullable().default(null),
  /** match_accounts: the accounts found logged in on the phone, one per app package. */
  accounts: z.array(foundAccount).max(MAX_FOUND_ACCOUNTS).default([]),
});

export const agentMessage = z.discriminatedUnion("type", [
  helloMessage,
  heartbeatMessage,
  healthMessage,
  ackMessage,
  progressMessage,
  logMessage,
  postingMessage,
  resultMessage,
]);

// ── phone object → agent ──────────────────────────────────────────────────────────────

export const welcomeMessage = z.strictObject({
  type: z.literal("welcome"),
  /** The hello's own version, so an older agent reads a welcome it knows. */
  v: version,
  heartbeat_interval_ms: z.number().int().positive(),
});

/**
 * A library material the run posts, as the agent fetches it (GET /api/v1/agent/materials/{id}/content)
 * and checks it: the bytes must have this SHA-256 and size. `caption`, when not empty, stands in
 * for the config's captions (a spintax template, as a folder's caption.txt).
 */
export const libraryMaterial = z.strictObject({
  id,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  ext: z.enum([".mp4", ".jpg", ".png", ".webp"]),
  caption: text(4000),
});

export const runMessage = z.strictObject({
  type: z.literal("run"),
  task_id: id,
  attempt_id: attemptId,
  script: text(64),
  config: z.record(z.string(), z.unknown()),
  platform: z.enum(PLATFORMS),
  package_name: androidPackageSchema.nullable(),
  username: text(100).nullable(),
  /** The task's place among the tasks of its create (0-based): picks a `multiline` caption's line. */
  request_index: z.number().int().min(0).max(100_000),
  /** Epoch ms by which the agent must have sent its result. */
  deadline_at: z.number().int().positive(),
  /** The library materials the run posts, in the order it posts them: picked at dispatch, or named lib:<id>. */
  library: z.array(libraryMaterial).max(100).default([]),
});

export const stopMessage = z.strictObject({ type: z.literal("stop"), task_id: id, attempt_id: attemptId });

/** The run may publish: the object now holds the task as possibly posted (a stop will not end it early). */
export const postingOkMessage = z.strictObject({ type: z.literal("posting_ok"), task_id: id, attempt_id: attemptId });

/** The result is stored: the agent may forget it. */
export const resultAckMessage = z.strictObject({ type: z.literal("result_ack"), task_id: id, attempt_id: attemptId });

export const serverMessage = z.discriminatedUnion("type", [welcomeMessage, runMessage, stopMessage, postingOkMessage, resultAckMessage]);

export type AgentMessage = z.output<typeof agentMessage>;
export type AgentMessageInput = z.input<typeof agentMessage>;
export type ServerMessage = z.output<typeof serverMessage>;
export type HelloMessage = z.output<typeof helloMessage>;
export type RunMessage = z.output<typeof runMessage>;
export type ResultMessage = z.output<typeof resultMessage>;
export type LogMessage = z.output<typeof logMessage>;
export type ProgressMessage = z.output<typeof progressMessage>;
export type PostingMessage = z.output<typeof postingMessage>;
export type LibraryMaterial = z.output<typeof libraryMaterial>;

/** WebSocket close codes the object uses (4000-4999 is the application range). */
export const CloseCode = {
  /** A frame that is not JSON, or not a message of this protocol. */
  ProtocolError: 4400,
  /** The first message was not hello, or hello named another phone. */
  BadHello: 4401,
  /** Another agent holds this phone and is alive. */
  PhoneTaken: 4409,
  /** A newer connection for the same phone replaced this one. */
  Replaced: 4410,
  /** Heartbeats stopped. */
  Silent: 4408,
  /** The agent token this socket was opened with has been revoked (or deleted). */
  Revoked: 4403,
} as const;
