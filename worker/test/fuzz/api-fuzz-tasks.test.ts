import { expect, it } from "vitest";
import { encodeCursor } from "../../tasks/list-cursor";
import { countDrift } from "../task-counts-check";
import { storedTask } from "../task-fixture";
import { defineFuzzSuite } from "./fuzz-suite";
import type { RouteSpec } from "./http-cases";
import { SERIALS } from "./fuzz-workspace";
import type { Json } from "./hostile";

/** A post config the create accepts: one video on the agent's PC. */
const CLIP = { material_list: ["clip.mp4"] };

/**
 * Hostile requests to every task route (docs/api.md): each answer is the envelope with the
 * right code and status, never a 500 or a stack trace, and D1 is untouched by every
 * refused request. Bounded: about 600 requests, 40 s.
 */

const taskQuery = {
  status: ["0", "1", "2", "3"],
  serial: SERIALS,
  script_name: ["post"],
  source: ["api"],
  page: ["1", "2"],
  page_size: ["1", "100"],
  cursor: ["start", encodeCursor(100)],
};
const exportQuery = {
  from: ["2026-01-01", "2026-01-01T00:00:00Z", "2025-12-31T08:00+08:00"],
  to: ["2026-02-01", "2026-06-30T23:59:59.999Z"],
};
const config = { captions: "hi #fuzz", material_list: ["C:/videos/a.mp4"], upload_wait_time: 30, add_sound: "-1" };

/** TikMatrix's order: a missing script name is 40002, then an unsupported one 40003. */
const createSignatures: { body: Json; code: number }[] = [
  { body: { serials: ["fz-1"], script_config: CLIP }, code: 40002 },
  { body: { serials: ["fz-1"], script_name: null, script_config: CLIP }, code: 40002 },
  { body: { serials: ["fz-1"], script_name: "' OR 1=1 --", script_config: CLIP }, code: 40003 },
];

const world = defineFuzzSuite(
  "tasks",
  (world): [RouteSpec, number][] => {
    // Own ids plus another workspace's, which every route must treat as not found.
    const ids = () => [...world().taskIds.map(String), String(world().otherTaskId)];
    const create = { method: "POST", path: "/api/v1/task", allowed: ["GET", "POST"] };
    return [
      [
        {
          ...create,
          name: "POST /task (serials)",
          signatures: createSignatures,
          body: () => ({ serials: ["fz-1"], script_name: "post", script_config: config, enable_multi_account: false, min_interval: 0, max_interval: 1, start_time: "23:59" }),
        },
        120,
      ],
      [{ ...create, name: "POST /task (usernames)", body: () => ({ usernames: ["@fz_alice", "fz_bob"], script_name: "post", script_config: { ...CLIP, captions: "x" } }) }, 50],
      // A name no account has: the 40004 path, and what mutations do to it.
      [{ ...create, name: "POST /task (unknown username)", body: () => ({ usernames: ["fz_alice", "fz_nobody"], script_name: "post", script_config: CLIP }) }, 20],
      [{ name: "GET /task", method: "GET", path: "/api/v1/task", allowed: ["GET", "POST"], query: taskQuery }, 80],
      [{ name: "GET /task/stats", method: "GET", path: "/api/v1/task/stats" }, 25],
      [{ name: "GET /task/export", method: "GET", path: "/api/v1/task/export", query: exportQuery }, 30],
      [{ name: "GET /task/{id}", method: "GET", path: "/api/v1/task/{id}", allowed: ["GET", "DELETE"], ids }, 40],
      [{ name: "GET /task/{id}/logs", method: "GET", path: "/api/v1/task/{id}/logs", ids }, 30],
      [{ name: "GET /task/{id}/screenshot", method: "GET", path: "/api/v1/task/{id}/screenshot", ids }, 30],
      [{ name: "POST /task/{id}/stop", method: "POST", path: "/api/v1/task/{id}/stop", ids }, 40],
      [{ name: "POST /task/{id}/retry", method: "POST", path: "/api/v1/task/{id}/retry", ids }, 40],
      [{ name: "POST /task/retry-all", method: "POST", path: "/api/v1/task/retry-all" }, 25],
      [{ name: "DELETE /task/batch", method: "DELETE", path: "/api/v1/task/batch", body: () => ({ task_ids: [world().taskIds[5] ?? 1, world().otherTaskId, 2 ** 40] }) }, 70],
      // Last: deletes that get through use up the ids the routes above need.
      [{ name: "DELETE /task/{id}", method: "DELETE", path: "/api/v1/task/{id}", allowed: ["GET", "DELETE"], ids }, 40],
    ];
  },
  [0, 40001, 40002, 40003, 40004, 40101, 40301, 40401, 40901],
);

it("left the other workspace's task as it was", async () => {
  expect(await storedTask(world().otherTaskId)).toMatchObject({ workspaceId: world().other.id, status: 3, retryCount: 0 });
});

it("kept every task counter equal to a recount of the tasks, whatever the requests did", async () => {
  expect(await countDrift()).toEqual([]);
});
