import { createHash } from "node:crypto";

/**
 * The task API as TikMatrix's clients call it, as one list of calls that runs against any
 * base URL: the Worker itself with a key, or TikMatrix's port on this PC (the agent's local
 * API) with none. Each run records what came back with its ids and times replaced by
 * placeholders, so two runs compare equal when both servers answered alike.
 *
 * A run leaves the workspace as it found it (its tasks and material deleted), so a second run
 * on the same workspace sees the same lists and counts. It assumes a workspace with no tasks
 * and no materials of its own, and a Pro plan or better (material uploads).
 */
export interface ConformanceTarget {
  /** `http://127.0.0.1:8787` (the API is at `/api/v1` under it). */
  baseUrl: string;
  /** Sent with every call: `Authorization` for the Worker, nothing for the local port. */
  headers: Record<string, string>;
}

export interface Exchange {
  step: string;
  /** The code the contract says this call answers; the runner does not judge, the test does. */
  expectedCode: number;
  status: number;
  /** The answer's headers that the contract speaks of (see RECORDED_HEADERS); null when absent. */
  headers: Record<string, string | null>;
  /** The envelope, normalised; for bytes, their length and whether they are the right ones. */
  body: unknown;
  /** Whether the answer carried the rate limiter's headers (their values change call by call). */
  rateLimited: boolean;
}

const RECORDED_HEADERS = ["content-type", "allow", "accept-ranges", "content-range", "etag"] as const;

/** Keys whose numbers are the ids of the rows a run made. */
const ID_KEYS = new Set(["id", "task_id", "task_ids", "not_found", "used_by_task_id", "claimed_by_task_id"]);
/** Keys whose strings are times: the clock moves between two runs. */
const TIME_KEY = /(_at|_time)$/;

/** The create of TikMatrix's page, as its curl example sends it (../shared/spec/task-api.zh.md). */
export const SPEC_CREATE_EXAMPLE = {
  serials: ["device_serial_1"],
  script_name: "post",
  script_config: {
    content_type: 0,
    captions: "看看我的新视频!#热门 #推荐",
    material_list: ["C:/Videos/video1.mp4"],
    upload_wait_time: 60,
  },
};

/** A few MB of bytes the library takes for an MP4 (`ftyp` at offset 4), the same in every run. */
export function sampleVideo(size = 3 * 1024 * 1024 + 12_345): Uint8Array {
  const bytes = new Uint8Array(size);
  let state = 0x2545f491;
  for (let i = 0; i < size; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  bytes.set([0x00, 0x00, 0x00, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d], 0); // size, "ftyp", "isom"
  return bytes;
}

export async function runTaskApiConformance(target: ConformanceTarget, run: string): Promise<Exchange[]> {
  const exchanges: Exchange[] = [];
  // Tasks and materials count ids apart: task 1 and material 1 are two rows.
  const ids = { task: new Map<number, string>(), material: new Map<number, string>() };
  const register = (kind: keyof typeof ids, id: unknown) => {
    if (typeof id === "number" && !ids[kind].has(id)) ids[kind].set(id, `<${kind} ${ids[kind].size + 1}>`);
  };

  /** One call; `bytes` says the answer is a material's bytes, to be checked against these. */
  const call = async (step: string, expectedCode: number, method: string, path: string, init: { json?: unknown; text?: string; headers?: Record<string, string>; upload?: Uint8Array; bytes?: Uint8Array } = {}) => {
    const headers: Record<string, string> = { ...target.headers, ...init.headers };
    let body: RequestInit["body"];
    if (init.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(init.json);
    } else if (init.text !== undefined) {
      headers["content-type"] = "application/json";
      body = init.text;
    } else if (init.upload !== undefined) {
      headers["content-length"] = String(init.upload.length);
      body = chunked(init.upload, 64 * 1024);
    }
    const response = await fetch(`${target.baseUrl}/api/v1${path}`, { method, headers, body: body ?? null, ...(init.upload === undefined ? {} : { duplex: "half" }) } as RequestInit);
    const recorded = Object.fromEntries(RECORDED_HEADERS.map((name) => [name, response.headers.get(name)]));
    let parsed: unknown;
    if (init.bytes !== undefined && response.ok) {
      const got = new Uint8Array(await response.arrayBuffer());
      parsed = { bytes: got.length, content_length: response.headers.get("content-length"), same: sha256(got) === sha256(init.bytes) };
    } else {
      parsed = await response.json();
    }
    const exchange: Exchange = { step, expectedCode, status: response.status, headers: recorded, body: parsed, rateLimited: response.headers.has("x-ratelimit-limit") };
    exchanges.push(exchange);
    return parsed as { code: number; data: Record<string, unknown> | null };
  };
  const taskIds = (answer: { data: Record<string, unknown> | null }) => {
    const list = (answer.data?.task_ids ?? []) as number[];
    for (const id of list) register("task", id);
    return list;
  };

  await call("license", 0, "GET", "/license/check");

  // Create: the page's example, twice with one Idempotency-Key (one set of tasks), then more.
  const [example] = taskIds(await call("create: the spec's example", 0, "POST", "/task", { json: SPEC_CREATE_EXAMPLE, headers: { "idempotency-key": `${run}-example` } }));
  taskIds(await call("create: the same Idempotency-Key again", 0, "POST", "/task", { json: SPEC_CREATE_EXAMPLE, headers: { "idempotency-key": `${run}-example` } }));
  await call("create: the same key, another body", 40901, "POST", "/task", { json: { ...SPEC_CREATE_EXAMPLE, serials: ["device_serial_9"] }, headers: { "idempotency-key": `${run}-example` } });
  const [first, second] = taskIds(
    await call("create: two phones, start now", 0, "POST", "/task", {
      json: { serials: ["device_serial_1", "device_serial_2"], script_name: "post", script_config: { captions: "{a|b}", material_list: ["https://example.com/v.mp4"] }, start_time: "" },
    }),
  );
  const [third] = taskIds(await call("create: in account-less device mode, delayed", 0, "POST", "/task", { json: { serials: ["device_serial_3"], script_name: "post", script_config: {}, min_interval: 1, max_interval: 2 } }));

  // Read.
  await call("list: pending, first page", 0, "GET", "/task?status=0&page=1&page_size=20");
  await call("list: by serial and script", 0, "GET", "/task?serial=device_serial_1&script_name=post&source=api");
  await call("list: a page past the end", 0, "GET", "/task?page=9&page_size=2");
  await call("detail", 0, "GET", `/task/${example}`);
  await call("detail: with a trailing slash", 0, "GET", `/task/${example}/`);

  // Lifecycle: stop (a pending task ends failed "stopped"), retry, retry-all, stats.
  await call("stop a pending task", 0, "POST", `/task/${first}/stop`);
  await call("stop it again", 40901, "POST", `/task/${first}/stop`);
  await call("retry it", 0, "POST", `/task/${first}/retry`);
  await call("retry a task that has not failed", 40901, "POST", `/task/${first}/retry`);
  await call("stop another", 0, "POST", `/task/${second}/stop`);
  await call("stats", 0, "GET", "/task/stats");
  await call("list: failed", 0, "GET", "/task?status=3");
  await call("retry-all", 0, "POST", "/task/retry-all");
  await call("stats after retry-all", 0, "GET", "/task/stats");

  // Delete: one, then the rest in a batch with an id that is no task.
  await call("delete one", 0, "DELETE", `/task/${third}`);
  await call("detail of the deleted task", 40401, "GET", `/task/${third}`);
  await call("delete batch", 0, "DELETE", "/task/batch", { json: { task_ids: [example, first, second, 999_999_999] } });
  await call("stats after the deletes", 0, "GET", "/task/stats");

  // Refusals, each in the envelope with its code.
  await call("create: not JSON", 40001, "POST", "/task", { text: "{serials:" });
  await call("create: no script_name", 40002, "POST", "/task", { json: { serials: ["a"], script_config: {} } });
  await call("create: a script the API does not run", 40003, "POST", "/task", { json: { serials: ["a"], script_name: "nope", script_config: {} } });
  await call("create: a misspelt field", 40001, "POST", "/task", { json: { serial: ["a"], script_name: "post", script_config: {} } });
  await call("list: page_size over 100", 40001, "GET", "/task?page_size=101");
  await call("detail: an id that is no number", 40001, "GET", "/task/abc");
  await call("a wrong method on a known path", 40001, "PUT", "/task/stats");
  await call("an unknown route", 40401, "GET", "/nope");

  // A material through the library: its bytes streamed up, then read back whole and by ranges.
  const video = sampleVideo();
  const uploaded = await call("material: upload", 0, "POST", "/materials?file_name=clip.mp4&tags=local-port", { upload: video, headers: { "content-type": "video/mp4" } });
  const material = uploaded.data?.id;
  register("material", material);
  await call("material: the same bytes again (the stored one)", 0, "POST", "/materials", { upload: video, headers: { "content-type": "video/mp4", "x-file-name": "again.mp4" } });
  const mid = { start: 1024 * 1024, end: 2 * 1024 * 1024 - 1 };
  await call("material: a range", 0, "GET", `/materials/${material}/content`, { headers: { range: `bytes=${mid.start}-${mid.end}` }, bytes: video.subarray(mid.start, mid.end + 1) });
  await call("material: the last 1000 bytes", 0, "GET", `/materials/${material}/content`, { headers: { range: "bytes=-1000" }, bytes: video.subarray(video.length - 1000) });
  await call("material: whole", 0, "GET", `/materials/${material}/content`, { bytes: video });
  await call("material: two ranges", 40001, "GET", `/materials/${material}/content`, { headers: { range: "bytes=0-1,5-6" } });
  await call("material: delete", 0, "DELETE", `/materials/${material}`);
  await call("material: its bytes after the delete", 40401, "GET", `/materials/${material}/content`);

  // A material's answer names material ids; every other answer names task ids.
  return exchanges.map((exchange) => ({ ...exchange, body: normalise(exchange.body, exchange.step.startsWith("material:") ? ids.material : ids.task, undefined) }));
}

/** Ids by placeholder (numbered in the order the run made them), times by "<time>". */
function normalise(value: unknown, ids: ReadonlyMap<number, string>, key: string | undefined): unknown {
  if (Array.isArray(value)) return value.map((item) => normalise(item, ids, key));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v, ids, k)]));
  }
  if (typeof value === "number" && key !== undefined && ID_KEYS.has(key)) return ids.get(value) ?? value;
  // ISO strings and compat strings of tasks, epoch milliseconds of materials.
  if ((typeof value === "string" || typeof value === "number") && key !== undefined && TIME_KEY.test(key) && value !== "") return "<time>";
  // A message that names a row names it by its id: "task 12", "/task/12", "material 3".
  if (typeof value === "string") return value.replace(/\b(task|material|materials|task_id)([ /#])(\d+)\b/gi, (all, word: string, sep: string, id: string) => {
    const placeholder = ids.get(Number(id));
    return placeholder === undefined ? all : `${word}${sep}${placeholder}`;
  });
  return value;
}

function chunked(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
  });
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
