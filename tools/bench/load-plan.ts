import { randomInt } from "node:crypto";
import { z } from "zod";

/** The mixed workload of section 8, fixed in advance so every run makes the same requests. */
const LOAD_CLIENTS = 50;
const LOAD_CREATES = 2_000;
const LOAD_READS = 20_000;
/** Creates name these phones round-robin (load-000 … load-099). */
const LOAD_PHONES = 100;
/**
 * The whole workload must end within this, or the bench fails saying how far it got.
 * wrangler dev spends about 20 ms of CPU per request here (its Node and two workerd
 * processes), so 22,000 requests need about 3.5 minutes of two free cores; on the shared
 * 2-core machine, with others' work taking about half of it, they ran at 35 to 62 req/s
 * (6 to 10 minutes). Beyond 15 the run is starved or stuck, and its figures mean nothing.
 */
export const LOAD_TIME_CAP_MS = 900_000;
/** Page size of the list and device reads. */
const PAGE_SIZE = 20;

export const LOAD_KINDS = ["create", "list", "get", "stats", "devices"] as const;
export type LoadKind = (typeof LOAD_KINDS)[number];

export interface LoadRequest {
  method: "GET" | "POST";
  path: string;
  body?: unknown;
  /** Why the answer's data is not what this request must get back; undefined when it is. */
  check(data: unknown): string | undefined;
}

const createAnswer = z.object({ task_ids: z.array(z.number().int().positive()).length(1), created_count: z.literal(1) });
const listAnswer = z.object({ tasks: z.array(z.object({ id: z.number() })).max(PAGE_SIZE), total: z.number() });
const taskAnswer = z.object({ id: z.number() });
const statsAnswer = z.object({ total: z.number(), pending: z.number() });
const devicesAnswer = z.object({ devices: z.array(z.object({ serial: z.string() })).max(PAGE_SIZE), total: z.number() });

/**
 * Each kind: what it requests (for the report), and its next request given what the creates
 * made so far (how many were sent, the ids answered: the reads pick pages and ids among them).
 */
export const LOAD_REQUESTS: Readonly<Record<LoadKind, { label: string; request(made: { creates: number; ids: number[] }): LoadRequest }>> = {
  create: {
    label: "POST /api/v1/task (1 serial, post script)",
    // Create number n: one task of the post script for phone n mod LOAD_PHONES, with a config such as a client
    // sends for a video (caption, a material URL, the post way, waits). The id of a correct answer joins made.ids.
    request: (made) => {
      const n = made.creates++;
      return {
        method: "POST",
        path: "/api/v1/task",
        body: {
          serials: [`load-${String(n % LOAD_PHONES).padStart(3, "0")}`],
          script_name: "post",
          script_config: {
            content_type: 0,
            captions: `Load test post ${n} #tikmatrix #bench`,
            material_list: [`https://cdn.example.com/load/video-${n % 50}.mp4`],
            post_way: "share",
            upload_wait_time: 30,
            add_sound: "-1",
          },
        },
        check: (data) => {
          const parsed = createAnswer.safeParse(data);
          if (parsed.success) made.ids.push(...parsed.data.task_ids);
          return parsed.success ? undefined : unexpected(data);
        },
      };
    },
  },
  // A random page of the tasks made so far.
  list: {
    label: `GET /api/v1/task?page=P&page_size=${PAGE_SIZE}`,
    request: (made) => get(`/api/v1/task?page=${page(made.ids.length)}&page_size=${PAGE_SIZE}`, listAnswer),
  },
  // One of the tasks made so far, by id.
  get: {
    label: "GET /api/v1/task/{id}",
    request: (made) => {
      const id = made.ids.length === 0 ? 0 : (made.ids[randomInt(made.ids.length)] ?? 0);
      const check = (data: unknown) => (taskAnswer.safeParse(data).data?.id === id ? undefined : `expected task ${id}, got ${preview(data)}`);
      return { method: "GET", path: `/api/v1/task/${id}`, check };
    },
  },
  stats: { label: "GET /api/v1/task/stats", request: () => get("/api/v1/task/stats", statsAnswer) },
  // A random page of the phones' device rows.
  devices: {
    label: `GET /api/v1/devices?page=P&page_size=${PAGE_SIZE}`,
    request: () => get(`/api/v1/devices?page=${page(LOAD_PHONES)}&page_size=${PAGE_SIZE}`, devicesAnswer),
  },
};

function get(path: string, answer: z.ZodType): LoadRequest {
  return { method: "GET", path, check: (data) => (answer.safeParse(data).success ? undefined : unexpected(data)) };
}

function page(items: number): number {
  return randomInt(1, Math.max(1, Math.ceil(items / PAGE_SIZE)) + 1);
}

function unexpected(data: unknown): string {
  return `unexpected answer ${preview(data)}`;
}

function preview(data: unknown): string {
  return String(JSON.stringify(data)).slice(0, 200);
}

/** Reads in a fixed rotation of 20: 8 task-list pages, 6 single tasks, 3 stats, 3 device pages. */
const READ_ROTATION: readonly Exclude<LoadKind, "create">[] = [
  "list", "get", "list", "stats", "get", "list", "devices", "get", "list", "list",
  "get", "stats", "list", "devices", "get", "list", "get", "stats", "list", "devices",
];

export type LoadPlan = ReturnType<typeof loadPlan>;

/**
 * Request i of the run is of kind schedule[i]; clients take the next one when free. The
 * creates spread evenly through the reads (one in 11 at full size), the first request a
 * create. `scale` shrinks both counts for a quick run; the clients and phones stay.
 */
export function loadPlan(scale: number) {
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
