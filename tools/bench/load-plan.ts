/** The mixed workload of section 8, fixed in advance so every run makes the same requests. */
export const LOAD_CLIENTS = 50;
export const LOAD_CREATES = 2_000;
export const LOAD_READS = 20_000;
/** Creates name these phones round-robin (load-000 … load-099). */
export const LOAD_PHONES = 100;
/**
 * The whole workload must end within this, or the bench fails saying how far it got.
 * wrangler dev spends about 20 ms of CPU per request here (its Node and two workerd
 * processes), so 22,000 requests need about 3.5 minutes of two free cores; on the shared
 * 2-core machine, with others' work taking about half of it, they ran at 35 to 62 req/s
 * (6 to 10 minutes). Beyond 15 the run is starved or stuck, and its figures mean nothing.
 */
export const LOAD_TIME_CAP_MS = 900_000;
/** Page size of the list and device reads. */
export const LOAD_PAGE_SIZE = 20;

export const LOAD_KINDS = ["create", "list", "get", "stats", "devices"] as const;
export type LoadKind = (typeof LOAD_KINDS)[number];

/** What each kind requests, for the report. */
export const LOAD_KIND_REQUESTS: Readonly<Record<LoadKind, string>> = {
  create: "POST /api/v1/task (1 serial, post script)",
  list: `GET /api/v1/task?page=P&page_size=${LOAD_PAGE_SIZE}`,
  get: "GET /api/v1/task/{id}",
  stats: "GET /api/v1/task/stats",
  devices: `GET /api/v1/devices?page=P&page_size=${LOAD_PAGE_SIZE}`,
};

/** Reads in a fixed rotation of 20: 8 task-list pages, 6 single tasks, 3 stats, 3 device pages. */
const READ_ROTATION: readonly Exclude<LoadKind, "create">[] = [
  "list", "get", "list", "stats", "get", "list", "devices", "get", "list", "list",
  "get", "stats", "list", "devices", "get", "list", "get", "stats", "list", "devices",
];

export interface LoadPlan {
  clients: number;
  creates: number;
  reads: number;
  phones: number;
  /** Request i of the run is of kind schedule[i]; clients take the next one when free. */
  schedule: LoadKind[];
}

/**
 * The creates spread evenly through the reads (one in 11 at full size), the first request
 * a create. `scale` shrinks both counts for a quick run; the clients and phones stay.
 */
export function loadPlan(scale: number): LoadPlan {
  const creates = Math.max(1, Math.round(LOAD_CREATES * scale));
  const reads = Math.max(1, Math.round(LOAD_READS * scale));
  const total = creates + reads;
  const schedule: LoadKind[] = [];
  let read = 0;
  for (let i = 0; i < total; i++) {
    const isCreate = Math.ceil(((i + 1) * creates) / total) > Math.ceil((i * creates) / total);
    schedule.push(isCreate ? "create" : (READ_ROTATION[read++ % READ_ROTATION.length] ?? "list"));
  }
  return { clients: LOAD_CLIENTS, creates, reads, phones: LOAD_PHONES, schedule };
}
