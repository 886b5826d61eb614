import { z } from "zod";

/**
 * The answer of `GET /api/v1/agent/phones?agent_id=…`: one PC's phones as the server sees
 * them. The Worker builds it (worker/devices/agent-phones.ts), `tikmatrix-agent status`
 * reads it. Not strict: a newer Worker may add fields without breaking the agents out there.
 */
export const agentPhoneSchema = z.object({
  serial: z.string(),
  /** As the PC's adb server last listed it (device, unauthorized, offline, …) or gone; null before any agent listed it. */
  adb_state: z.string().nullable(),
  /** A link is open and heartbeating (worker/devices/presence.ts, the rule GET /devices shows). */
  online: z.boolean(),
  ready: z.boolean(),
  not_ready_reason: z.string().nullable(),
  /** The last heartbeat of a link, ISO 8601; null when no link was ever made for it. */
  last_seen: z.string().nullable(),
  model: z.string().nullable(),
  android_version: z.string().nullable(),
  /** The task the phone runs now, with the step its agent last reported (null before the first). */
  current_task: z.object({ id: z.number().int(), script_name: z.string(), step: z.string().nullable() }).nullable(),
});

export const agentPhonesAnswer = z.object({
  agent_id: z.string(),
  phones: z.array(agentPhoneSchema),
  /** More phones carry this agent id than one answer holds; the ones left out sort last, gone phones after those listed now. */
  truncated: z.boolean(),
});

export type AgentPhone = z.output<typeof agentPhoneSchema>;
export type AgentPhonesAnswer = z.output<typeof agentPhonesAnswer>;
