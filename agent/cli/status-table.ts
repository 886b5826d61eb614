import type { AgentPhone, AgentPhonesAnswer } from "../../shared/agent-phones";

/** A phone as the adb server lists it, with the model and Android version read from it ("-" when it cannot be driven). */
export interface AdbRow {
  serial: string;
  state: string;
  model: string;
  android: string;
}

/** A step is the agent's own words, up to 200 characters: a table cell takes the start of it. */
const MAX_STEP = 40;

/**
 * `status`'s table: the phones the adb server lists, and with the server's view each one's link
 * and running task, then the phones the server has for this PC that adb lists no more (`gone`).
 * Without the server's view the link columns are left out, not filled with guesses.
 */
export function statusLines(adb: readonly AdbRow[], server: AgentPhonesAnswer | undefined): string[] {
  if (server === undefined) return adb.length === 0 ? [] : table([["SERIAL", "STATE", "MODEL", "ANDROID"], ...adb.map((p) => [p.serial, p.state, p.model, p.android])]);
  const known = new Map(server.phones.map((phone) => [phone.serial, phone]));
  const listed = new Set(adb.map((p) => p.serial));
  const gone = server.phones.filter((phone) => !listed.has(phone.serial));
  const rows = [
    ...adb.map((p) => [p.serial, p.state, linkOf(known.get(p.serial)), taskOf(known.get(p.serial)), p.model, p.android]),
    ...gone.map((phone) => [phone.serial, "gone", linkOf(phone), taskOf(phone), phone.model ?? "-", phone.android_version ?? "-"]),
  ];
  const lines = rows.length === 0 ? [] : table([["SERIAL", "STATE", "LINK", "TASK", "MODEL", "ANDROID"], ...rows]);
  for (const phone of [...adb.flatMap((p) => known.get(p.serial) ?? []), ...gone]) {
    if (phone.online && phone.not_ready_reason !== null) lines.push(`${phone.serial}: no new task: ${phone.not_ready_reason}`);
  }
  if (server.truncated) lines.push(`The server has more phones for this PC than one answer holds (${server.phones.length} shown).`);
  return lines;
}

/** Whether the server has a link for the phone: online by its 30 s rule, offline, or never linked from this PC. */
function linkOf(phone: AgentPhone | undefined): string {
  if (phone === undefined || phone.last_seen === null) return "never";
  return phone.online ? "online" : "offline";
}

function taskOf(phone: AgentPhone | undefined): string {
  const task = phone?.current_task ?? null;
  if (task === null) return "-";
  const step = task.step?.replace(/\s+/g, " ").trim() ?? "";
  if (step === "") return `#${task.id} ${task.script_name}`;
  return `#${task.id} ${task.script_name}, step ${step.length > MAX_STEP ? `${step.slice(0, MAX_STEP - 1)}…` : step}`;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length))) ?? [];
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join("  "));
}
