import { randomInt } from "node:crypto";
import { z } from "zod";
import { LOAD_PAGE_SIZE, type LoadKind } from "./load-plan";

export interface LoadRequest {
  kind: LoadKind;
  method: "GET" | "POST";
  path: string;
  body?: unknown;
  /** Why the answer's data is not what this request must get back; undefined when it is. */
  check(data: unknown): string | undefined;
}

const createAnswer = z.object({ task_ids: z.array(z.number().int().positive()).length(1), created_count: z.literal(1) });
const listAnswer = z.object({ tasks: z.array(z.object({ id: z.number() })).max(LOAD_PAGE_SIZE), total: z.number() });
const taskAnswer = z.object({ id: z.number() });
const statsAnswer = z.object({ total: z.number(), pending: z.number() });
const devicesAnswer = z.object({ devices: z.array(z.object({ serial: z.string() })).max(LOAD_PAGE_SIZE), total: z.number() });

export function loadSerial(index: number): string {
  return `load-${String(index).padStart(3, "0")}`;
}

/**
 * Create number `n`: one task of the post script for phone n mod `phones`, with a config
 * such as a client sends for a video (caption, a material URL, the post way, waits).
 */
export function createRequest(n: number, phones: number): LoadRequest {
  return {
    kind: "create",
    method: "POST",
    path: "/api/v1/task",
    body: {
      serials: [loadSerial(n % phones)],
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
    check: (data) => problem(createAnswer, data),
  };
}

/** The ids a create that passed its check made. */
export function createdIds(data: unknown): number[] {
  const parsed = createAnswer.safeParse(data);
  return parsed.success ? parsed.data.task_ids : [];
}

/**
 * A read of `kind`: a random page of the tasks made so far, one of them by id, the stats,
 * or a random page of the phones' device rows.
 */
export function readRequest(kind: Exclude<LoadKind, "create">, ids: readonly number[], phones: number): LoadRequest {
  const page = (items: number) => randomInt(1, Math.max(1, Math.ceil(items / LOAD_PAGE_SIZE)) + 1);
  switch (kind) {
    case "list":
      return get(kind, `/api/v1/task?page=${page(ids.length)}&page_size=${LOAD_PAGE_SIZE}`, (data) => problem(listAnswer, data));
    case "get": {
      const id = ids.length === 0 ? 0 : (ids[randomInt(ids.length)] ?? 0);
      return get(kind, `/api/v1/task/${id}`, (data) => {
        const parsed = taskAnswer.safeParse(data);
        return parsed.success && parsed.data.id === id ? undefined : `expected task ${id}, got ${preview(data)}`;
      });
    }
    case "stats":
      return get(kind, "/api/v1/task/stats", (data) => problem(statsAnswer, data));
    case "devices":
      return get(kind, `/api/v1/devices?page=${page(phones)}&page_size=${LOAD_PAGE_SIZE}`, (data) => problem(devicesAnswer, data));
  }
}

function get(kind: LoadKind, path: string, check: (data: unknown) => string | undefined): LoadRequest {
  return { kind, method: "GET", path, check };
}

function problem(schema: z.ZodType, data: unknown): string | undefined {
  return schema.safeParse(data).success ? undefined : `unexpected answer ${preview(data)}`;
}

function preview(data: unknown): string {
  return JSON.stringify(data).slice(0, 200);
}
